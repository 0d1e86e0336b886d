//! Validation errors. A parser says *why* a value is wrong ([`InvalidValue`]); the
//! caller knows *where* it came from and turns it into a [`FieldError`] with a JSON
//! pointer, so a client can show the reason next to the right form field.

use std::fmt;

/// Why a single value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct InvalidValue {
    pub reason: String,
}

impl InvalidValue {
    pub fn new(reason: impl Into<String>) -> Self {
        Self { reason: reason.into() }
    }

    /// Attaches the location (a JSON pointer such as `/progress`) of the rejected value.
    pub fn at(self, pointer: impl Into<String>) -> FieldError {
        FieldError {
            pointer: pointer.into(),
            reason: self.reason,
        }
    }
}

/// A rejected value and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// RFC 6901 JSON pointer into the request body, e.g. `/themes/1`.
    pub pointer: String,
    pub reason: String,
}

/// One or more rejected values of one request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn single(pointer: impl Into<String>, reason: impl Into<String>) -> Self {
        Self(vec![FieldError {
            pointer: pointer.into(),
            reason: reason.into(),
        }])
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| format!("{}: {}", e.pointer, e.reason)).collect();
        write!(f, "invalid input ({})", parts.join("; "))
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(error: FieldError) -> Self {
        Self(vec![error])
    }
}

/// One field's outcome with where it came from: the parsed value, or why not.
/// Built by [`at`] and [`optional_at`], combined by [`Validator::all`].
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T>(Result<T, Vec<FieldError>>);

impl<T> Parsed<T> {
    pub fn into_result(self) -> Result<T, ValidationErrors> {
        self.0.map_err(ValidationErrors)
    }
}

/// A parsed field, or its error under `pointer`.
pub fn at<T>(pointer: &str, result: Result<T, InvalidValue>) -> Parsed<T> {
    Parsed(result.map_err(|error| vec![error.at(pointer)]))
}

/// Like [`at`] for an optional input: `None` stays `None`.
pub fn optional_at<T, U>(
    pointer: &str,
    input: Option<T>,
    parse: impl FnOnce(T) -> Result<U, InvalidValue>,
) -> Parsed<Option<U>> {
    at(pointer, input.map(parse).transpose())
}

/// A part checked elsewhere (a nested structure, a list) with its own pointers.
impl<T> From<Result<T, ValidationErrors>> for Parsed<T> {
    fn from(result: Result<T, ValidationErrors>) -> Self {
        Parsed(result.map_err(|errors| errors.0))
    }
}

/// A tuple of [`Parsed`] fields that [`Validator::all`] turns into a tuple of values.
pub trait Fields {
    type Values;
    fn collect(self) -> Result<Self::Values, ValidationErrors>;
}

macro_rules! tuple_fields {
    ($($value:ident: $type:ident),+) => {
        impl<$($type),+> Fields for ($(Parsed<$type>,)+) {
            type Values = ($($type,)+);

            fn collect(self) -> Result<Self::Values, ValidationErrors> {
                let ($($value,)+) = self;
                let mut errors = Vec::new();
                $(let $value = $value.0.map_err(|e| errors.extend(e));)+
                // Every `Err` above added its errors, so this is all or nothing.
                match ($($value,)+) {
                    ($(Ok($value),)+) => Ok(($($value,)+)),
                    _ => Err(ValidationErrors(errors)),
                }
            }
        }
    };
}

tuple_fields!(a: A);
tuple_fields!(a: A, b: B);
tuple_fields!(a: A, b: B, c: C);
tuple_fields!(a: A, b: B, c: C, d: D);
tuple_fields!(a: A, b: B, c: C, d: D, e: E);
tuple_fields!(a: A, b: B, c: C, d: D, e: E, f: F);
tuple_fields!(a: A, b: B, c: C, d: D, e: E, f: F, g: G);
tuple_fields!(a: A, b: B, c: C, d: D, e: E, f: F, g: G, h: H);

/// Collects every field error of a request instead of stopping at the first, so
/// the user can fix a form in one go.
///
/// New code uses [`Validator::all`]: it hands back the parsed values or every
/// error, so no "validated value missing" branch is needed. The collecting API
/// (`field`, `optional`, `check`, `finish`) remains for the parsers written
/// against it; [`Validator::run`] bridges them into [`Parsed`].
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every field's value when all of them parsed; otherwise every field's error:
    /// `let (a, b) = Validator::all((at("/a", A::parse(a)), optional_at("/b", b, B::parse)))?;`
    /// Rules across fields run on the values afterwards.
    pub fn all<F: Fields>(fields: F) -> Result<F::Values, ValidationErrors> {
        fields.collect()
    }

    /// Runs a parser written against the collecting API. A parser that yields
    /// nothing without recording why is refused as a whole (pointer `""`), not
    /// passed on as a value that is not there.
    pub fn run<T>(parse: impl FnOnce(&mut Validator) -> Option<T>) -> Parsed<T> {
        let mut v = Validator::new();
        let value = parse(&mut v);
        match (value, v.finish()) {
            (_, Err(errors)) => Parsed(Err(errors.0)),
            (Some(value), Ok(())) => Parsed(Ok(value)),
            (None, Ok(())) => Parsed(Err(vec![InvalidValue::new("is invalid").at("")])),
        }
    }

    /// Records the error, if any, under `pointer`; yields the value otherwise.
    pub fn field<T>(&mut self, pointer: &str, result: Result<T, InvalidValue>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(error.at(pointer));
                None
            }
        }
    }

    /// Like [`Validator::field`] for an optional input: `None` stays `None`.
    pub fn optional<T, U>(
        &mut self,
        pointer: &str,
        input: Option<T>,
        parse: impl FnOnce(T) -> Result<U, InvalidValue>,
    ) -> Option<Option<U>> {
        match input {
            None => Some(None),
            Some(raw) => self.field(pointer, parse(raw)).map(Some),
        }
    }

    /// Records a rule that spans several fields.
    pub fn check(&mut self, ok: bool, pointer: &str, reason: &str) {
        if !ok {
            self.errors.push(FieldError {
                pointer: pointer.into(),
                reason: reason.into(),
            });
        }
    }

    /// Adds errors found elsewhere (e.g. by a nested validator).
    pub fn extend(&mut self, errors: ValidationErrors) {
        self.errors.extend(errors.0);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// `Ok(())` when nothing was rejected.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(s: &str) -> Result<u8, InvalidValue> {
        s.parse().map_err(|_| InvalidValue::new("must be a number"))
    }

    #[test]
    fn all_yields_every_value_or_every_error() {
        assert_eq!(
            Validator::all((
                at("/a", number("1")),
                optional_at("/b", Some("2"), number),
                optional_at("/c", None, number)
            )),
            Ok((1, Some(2), None))
        );
        let errors = Validator::all((
            at("/a", number("x")),
            at("/b", number("2")),
            optional_at("/c", Some("y"), number),
        ))
        .expect_err("two errors");
        assert_eq!(
            errors.0.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(),
            vec!["/a", "/c"]
        );
        let nested: Result<u8, ValidationErrors> = Err(ValidationErrors::single("/items/0", "bad"));
        let errors = Validator::all((at("/a", number("x")), Parsed::from(nested))).expect_err("errors");
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn run_bridges_the_collecting_api() {
        assert_eq!(Validator::run(|v| v.field("/a", number("3"))).into_result(), Ok(3));
        let silent: Parsed<u8> = Validator::run(|_| None);
        assert_eq!(silent.into_result().expect_err("refused").0[0].pointer, "");
    }

    #[test]
    fn validator_collects_all_errors_with_their_pointers() {
        let mut v = Validator::new();
        let a: Option<u8> = v.field("/a", Err(InvalidValue::new("bad a")));
        let b = v.field("/b", Ok(2));
        v.check(false, "/c", "bad c");
        assert_eq!((a, b), (None, Some(2)));
        let errors = v.finish().expect_err("two errors");
        assert_eq!(
            errors.0.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(),
            vec!["/a", "/c"]
        );
    }
}
