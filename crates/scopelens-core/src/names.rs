//! One macro for the enums whose values have fixed machine names (the names
//! serde writes, the CLI reads and share links carry), so that the list of
//! values, each value's name and the lookup by name are written once.

/// Declares an enum whose variants each carry their machine name
/// (`Variant = "name"`), and gives it:
/// - `ALL`: every value, in declaration order;
/// - `id()`: the value's name;
/// - `from_id()`: the value with exactly that name.
///
/// Attributes on the enum and on each variant are kept, so a
/// `#[serde(rename_all = …)]` stays next to the names it must agree with;
/// each module's tests check that serde writes `id()`.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $id:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The machine name, as serialised.
            pub const fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// The value whose machine name is exactly `id`.
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.id() == id)
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    named_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Colour {
            Red = "red",
            /// A documented variant keeps its comment.
            DeepBlue = "deep_blue",
        }
    }

    #[test]
    fn every_value_is_listed_once_in_order_and_found_by_its_name() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DeepBlue]);
        for value in Colour::ALL {
            assert_eq!(Colour::from_id(value.id()), Some(value));
        }
        assert_eq!(Colour::DeepBlue.id(), "deep_blue");
        assert_eq!(Colour::from_id("Red"), None, "names are matched exactly");
        assert_eq!(Colour::from_id(""), None);
    }
}
