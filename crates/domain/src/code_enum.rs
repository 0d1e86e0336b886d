//! A closed set of values that travels as a stable lowercase code (in JSON and in
//! the database) — one definition gives the enum, its codes and its parser.

/// Declares an enum whose variants map one-to-one to string codes.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in JSON and storage.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code; the error lists the accepted codes.
            pub fn parse(code: &str) -> Result<Self, $crate::InvalidValue> {
                match code {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::InvalidValue::new(format!(
                        "must be one of: {}",
                        [$($code),+].join(", ")
                    ))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::InvalidValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Self::parse(s) }
        }
    };
}

pub(crate) use code_enum;
