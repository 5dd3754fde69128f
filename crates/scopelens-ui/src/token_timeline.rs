//! A token's life on one line: issued, now, expires, data access expires.
//! Drawn as SVG (`role="img"` with a `<title>`) and repeated as a text list,
//! so screen readers and copy-paste get the same facts.

use scopelens_core::time::{relative, utc};
use scopelens_core::units::fixed;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TokenTimelineProps {
    pub issued_at: Option<i64>,
    /// `Some(0)` means never.
    pub expires_at: Option<i64>,
    /// `Some(0)` means never.
    pub data_access_expires_at: Option<i64>,
    pub now: i64,
}

struct Mark {
    class: &'static str,
    label: &'static str,
    /// `None` for "never".
    at: Option<i64>,
}

impl Mark {
    fn words(&self, now: i64) -> String {
        match self.at {
            None => "never".to_string(),
            Some(at) if self.class == "now" => utc(at),
            Some(at) => format!("{} ({})", relative(now, at), utc(at)),
        }
    }
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 16.0;
const RIGHT: f64 = WIDTH - 16.0;
const ROW: f64 = 22.0;

#[component]
pub fn TokenTimeline(props: &TokenTimelineProps) -> Html {
    let now = props.now;
    let mut marks = vec![];
    if let Some(at) = props.issued_at.filter(|t| *t > 0) {
        marks.push(Mark {
            class: "issued",
            label: "Issued",
            at: Some(at),
        });
    }
    marks.push(Mark {
        class: "now",
        label: "Now",
        at: Some(now),
    });
    if let Some(at) = props.expires_at {
        marks.push(Mark {
            class: "expires",
            label: "Expires",
            at: (at != 0).then_some(at),
        });
    }
    if let Some(at) = props.data_access_expires_at {
        marks.push(Mark {
            class: "data-access",
            label: "Data access expires",
            at: (at != 0).then_some(at),
        });
    }
    if marks.len() == 1 {
        return html! {
            <section class="timeline" aria-label="Token timeline">
                <h2>{ "Token timeline" }</h2>
                <p class="note">{ "The response has no issued_at, expires_at or data_access_expires_at." }</p>
            </section>
        };
    }
    let times: Vec<i64> = marks.iter().filter_map(|m| m.at).collect();
    let (lo, hi) = (
        times.iter().min().copied().unwrap_or(now),
        times.iter().max().copied().unwrap_or(now),
    );
    let has_never = marks.iter().any(|m| m.at.is_none());
    // "never" sits at the right end, past every real date.
    let span_right = if has_never { RIGHT - 70.0 } else { RIGHT };
    let x_of = |m: &Mark| -> f64 {
        match m.at {
            None => RIGHT,
            Some(_) if hi == lo => (LEFT + span_right) / 2.0,
            Some(at) => LEFT + (at - lo) as f64 / (hi - lo) as f64 * (span_right - LEFT),
        }
    };
    let axis_y = ROW * marks.len() as f64 + 14.0;
    let height = axis_y + 12.0;
    let summary: Vec<String> = marks
        .iter()
        .map(|m| format!("{}: {}", m.label, m.words(now)))
        .collect();
    let title = format!("Token timeline. {}.", summary.join("; "));
    html! {
        <section class="timeline" aria-label="Token timeline">
            <h2>{ "Token timeline" }</h2>
            <svg class="timeline-svg" role="img" viewBox={format!("0 0 {} {}", fixed(WIDTH, 0), fixed(height, 0))}
                preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
                <title>{ title }</title>
                <line class="axis" x1={fixed(LEFT, 1)} x2={fixed(RIGHT, 1)}
                    y1={fixed(axis_y, 1)} y2={fixed(axis_y, 1)} />
                if has_never {
                    <line class="axis-never" x1={fixed(span_right, 1)} x2={fixed(RIGHT, 1)}
                        y1={fixed(axis_y, 1)} y2={fixed(axis_y, 1)} />
                }
                for (i, m) in marks.iter().enumerate() {
                    { {
                        let x = x_of(m);
                        let y = ROW * (i as f64 + 1.0);
                        let anchor = if x > WIDTH * 0.6 { "end" } else if x < WIDTH * 0.2 { "start" } else { "middle" };
                        let label = match m.at {
                            None => format!("{}: never", m.label),
                            Some(at) if m.class == "now" => format!("Now ({})", &utc(at)[..10]),
                            Some(at) => format!("{}: {}", m.label, relative(now, at)),
                        };
                        // "Never" is no moment: it labels the dashed open end, without a point.
                        html! {
                            <g class={classes!("mark", m.class, m.at.is_none().then_some("never"))}>
                                if m.at.is_some() {
                                    <line class="tick" x1={fixed(x, 1)} x2={fixed(x, 1)}
                                        y1={fixed(y + 4.0, 1)} y2={fixed(axis_y, 1)} />
                                    <circle cx={fixed(x, 1)} cy={fixed(axis_y, 1)} r="5" />
                                }
                                <text x={fixed(x, 1)} y={fixed(y, 1)} text-anchor={anchor}>{ label }</text>
                            </g>
                        }
                    } }
                }
            </svg>
            <ul class="timeline-text">
                for m in marks.iter() {
                    <li class={m.class}><strong>{ format!("{}: ", m.label) }</strong>{ m.words(now) }</li>
                }
            </ul>
        </section>
    }
}
