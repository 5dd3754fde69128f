//! Numbers written for people: fixed-point decimals and byte sizes. A leaf
//! module (it uses nothing else in the crate), so that reading input,
//! rendering and the UI can all format sizes without depending on each other.

/// `value` with exactly `decimals` digits after the point ("5.3", "12",
/// "0.25"), for sizes, percentages and drawing coordinates. Written with
/// integer formatting only: Rust's float formatter and its tables would add
/// about 11 kB to the web app's wasm for a handful of numbers.
pub fn fixed(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    // `as` saturates: NaN becomes 0, huge values u64::MAX.
    let scaled = (value.abs() * scale as f64).round() as u64;
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{fraction:0width$}",
            width = decimals as usize
        )
    }
}

/// A byte count in mebibytes with one decimal, as in "5.3 MB".
pub fn megabytes(bytes: f64) -> String {
    format!("{} MB", fixed(bytes / (1024.0 * 1024.0), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_numbers_without_the_float_formatter() {
        assert_eq!(fixed(5.26, 1), "5.3");
        assert_eq!(fixed(12.0, 0), "12");
        assert_eq!(fixed(0.05, 2), "0.05");
        assert_eq!(fixed(-1.5, 1), "-1.5");
        assert_eq!(fixed(-0.01, 1), "0.0");
        assert_eq!(fixed(f64::NAN, 1), "0.0");
        assert_eq!(fixed(256.0 + 1.0 / 3.0, 2), "256.33");
        assert_eq!(megabytes(50.0 * 1024.0 * 1024.0), "50.0 MB");
        for x in [0.0, 0.4, 1.0, 3.75, 99.95, 720.0, 1234.5678] {
            assert_eq!(fixed(x, 2), format!("{x:.2}"), "{x}");
        }
    }
}
