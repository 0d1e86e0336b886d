//! A closed set of values that travels as a stable lowercase code (in JSON and in
//! the database) — one definition gives the enum, its codes, its parser, its serde
//! form and (with the `openapi` feature) its schema: a string `enum` of the codes,
//! described by the enum's doc comment.

/// What every code set offers, for code written once for all of them (a form's
/// select list, a label table): its values, each value's code, and the parser.
pub trait Code: Copy + Eq + std::fmt::Display + Send + Sync + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The stable code used in JSON and storage.
    fn as_str(self) -> &'static str;
    /// Parses a code; the error lists the accepted codes.
    fn parse(code: &str) -> Result<Self, crate::InvalidValue>;
}

/// Declares an enum whose variants map one-to-one to string codes.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $code)] $variant),+ }

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
                    _ => Err($crate::InvalidValue::one_of(&[$($code),+])),
                }
            }
        }

        impl $crate::code_enum::Code for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn as_str(self) -> &'static str { $name::as_str(self) }
            fn parse(code: &str) -> Result<Self, $crate::InvalidValue> { $name::parse(code) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Read from a string only, so that any other JSON value (a number, `null`
        /// where none is allowed) is a data error with a path, as an unknown code is.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Codes;
                impl serde::de::Visitor<'_> for Codes {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "one of {}", [$(concat!("`", $code, "`")),+].join(", "))
                    }
                    fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<$name, E> {
                        $name::parse(code).map_err(|_| E::unknown_variant(code, &[$($code),+]))
                    }
                }
                deserializer.deserialize_str(Codes)
            }
        }

        /// Compares with a code, e.g. `status == "final"`.
        impl PartialEq<&str> for $name {
            fn eq(&self, code: &&str) -> bool { self.as_str() == *code }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::InvalidValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Self::parse(s) }
        }
    };
}

pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    use crate::barrier::Ministry;
    use crate::indicator::ValueStatus;

    #[test]
    fn codes_are_the_serde_form() {
        for status in ValueStatus::ALL {
            let json = serde_json::to_string(status).expect("serialise");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(serde_json::from_str::<ValueStatus>(&json).ok(), Some(*status));
        }
        assert_eq!(serde_json::to_string(&Ministry::Vws).ok().as_deref(), Some("\"VWS\""));
        let error = serde_json::from_str::<ValueStatus>("\"approved\"").expect_err("unknown code");
        assert!(
            error.to_string().contains("`provisional`, `final`, `revised`"),
            "{error}"
        );
        let unknown = ValueStatus::parse("approved").expect_err("unknown code");
        assert_eq!(unknown.code, crate::FieldErrorCode::UnknownCode);
        assert_eq!(unknown.reason, "must be one of: provisional, final, revised");
        let error = serde_json::from_str::<ValueStatus>("7").expect_err("not a string");
        assert!(error.is_data(), "a wrong type is bad data, not bad JSON: {error}");
    }
}
