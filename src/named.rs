//! Enums whose variants have stable names: in files, on the command line,
//! in JSON and in scripts' `[check]` tables.

/// Declares such an enum once, each variant with its name: `NAMES` and `ALL`
/// in declaration order, `name()`, `parse()` of a name, and `Serialize` as
/// the name.
macro_rules! named {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $name:literal, )*
        }
    ) => {
        $(#[$meta])*
        $vis enum $ty { $( $(#[$vmeta])* $variant, )* }

        impl $ty {
            pub const NAMES: [&'static str; [$( $name, )*].len()] = [$( $name, )*];
            pub const ALL: [$ty; [$( $name, )*].len()] = [$( $ty::$variant, )*];

            pub fn name(self) -> &'static str {
                match self { $( $ty::$variant => $name, )* }
            }

            pub fn parse(text: &str) -> Option<$ty> {
                match text { $( $name => Some($ty::$variant), )* _ => None }
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }
    };
}

pub(crate) use named;
