//! Validation errors. A parser says *why* a value is wrong ([`InvalidValue`]); the
//! caller knows *where* it came from and turns it into a [`FieldError`] with a JSON
//! pointer, so a client can show the reason next to the right form field.
//!
//! Every error carries a [`FieldErrorCode`] (and, where the rule has one, its
//! `limit`) next to its English `reason`, so a client can say the same in its own
//! language. The constructors set the three together: the code is the
//! constructor's, and where a sentence follows from the limit, so is the sentence.

use std::fmt;
use std::ops::{Bound, RangeBounds};

use crate::code_enum::code_enum;

code_enum! {
    /// Why a field was rejected, as a stable code a client can translate; `reason`
    /// says the same in English, often with more detail. `limit` is the number
    /// the rule names, where it names one.
    ///
    /// - `required`: no value, or an empty one, where one is needed.
    /// - `too_long`: a text of more than `limit` characters.
    /// - `too_short`: a text of fewer than `limit` characters.
    /// - `too_many`: a list (an upload, a result) of more than `limit` items.
    /// - `out_of_range`: a number (or a date) outside its range; `limit`, when
    ///   given, is the bound it crossed: the upper one when too large, the lower
    ///   one when too small.
    /// - `invalid_format`: a text not of the required form (a date, a period, an
    ///   e-mail address, a web address, a cursor, a CSV line).
    /// - `invalid_type`: a JSON value or parameter of the wrong type (a number
    ///   where a text belongs, a word where a number belongs).
    /// - `unknown_code`: not one of the codes of its list.
    /// - `unknown_reference`: names a record (region, indicator, ticket, user,
    ///   partner, rule) that does not exist.
    /// - `duplicate`: listed twice, or repeats another item.
    /// - `not_allowed`: a field or value not accepted here: an unknown field, a
    ///   field not part of this step or this kind of record, a web address that
    ///   is not public.
    /// - `inconsistent`: breaks a rule between fields or with stored records (an
    ///   end before its start, a completed action below 100%).
    /// - `control_characters`: a text with control characters.
    /// - `outlier`: a warning, not an error: a value far outside its earlier values.
    /// - `invalid`: any other reason; `reason` says which.
    FieldErrorCode {
        Required => "required",
        TooLong => "too_long",
        TooShort => "too_short",
        TooMany => "too_many",
        OutOfRange => "out_of_range",
        InvalidFormat => "invalid_format",
        InvalidType => "invalid_type",
        UnknownCode => "unknown_code",
        UnknownReference => "unknown_reference",
        Duplicate => "duplicate",
        NotAllowed => "not_allowed",
        Inconsistent => "inconsistent",
        ControlCharacters => "control_characters",
        Outlier => "outlier",
        Invalid => "invalid",
    }
}

/// Why a single value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct InvalidValue {
    pub code: FieldErrorCode,
    /// The number the rule names (see [`FieldErrorCode`]), if any.
    pub limit: Option<i64>,
    /// The same in English, for people and logs.
    pub reason: String,
}

/// Named constructors, one or more per code. Those without a sentence of their own
/// take the caller's `reason`; it must say what the code says.
impl InvalidValue {
    fn coded(code: FieldErrorCode, limit: Option<usize>, reason: impl Into<String>) -> Self {
        Self {
            code,
            limit: limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
            reason: reason.into(),
        }
    }

    /// `required`: "is required".
    pub fn required() -> Self {
        Self::missing("is required")
    }

    /// `required`: "must not be empty" (a blank text, an empty list).
    pub fn empty() -> Self {
        Self::missing("must not be empty")
    }

    /// `required`, saying when the value is needed, e.g. "is required for the step to answered".
    pub fn missing(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::Required, None, reason)
    }

    /// `too_long`: "must be at most `max` characters".
    pub fn too_long(max: usize) -> Self {
        Self::coded(
            FieldErrorCode::TooLong,
            Some(max),
            format!("must be at most {max} characters"),
        )
    }

    /// `too_short`: "must be at least `min` characters".
    pub fn too_short(min: usize) -> Self {
        Self::coded(
            FieldErrorCode::TooShort,
            Some(min),
            format!("must be at least {min} characters"),
        )
    }

    /// `too_many`: more than `max` items; `reason` names them, e.g. "must list at most 20 partners".
    pub fn too_many(max: usize, reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::TooMany, Some(max), reason)
    }

    /// `out_of_range`: `value` is outside `bounds`, which `reason` states; `limit`
    /// is the bound it crossed (e.g. 100 for 150 against `0..=100`).
    pub fn out_of_range(bounds: impl RangeBounds<i64>, value: f64, reason: impl Into<String>) -> Self {
        let number = |bound: Bound<&i64>| match bound {
            Bound::Included(n) | Bound::Excluded(n) => Some(*n),
            Bound::Unbounded => None,
        };
        let (min, max) = (number(bounds.start_bound()), number(bounds.end_bound()));
        let below = min.filter(|min| value < *min as f64);
        Self {
            code: FieldErrorCode::OutOfRange,
            limit: below.or(max).or(min),
            reason: reason.into(),
        }
    }

    /// `out_of_range` without a number, e.g. a date that "must not be in the future".
    pub fn outside(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::OutOfRange, None, reason)
    }

    /// `invalid_format`, e.g. "must be a date like 2024-03-31".
    pub fn invalid_format(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::InvalidFormat, None, reason)
    }

    /// `invalid_type`, e.g. "invalid type: integer `3`, expected a string".
    pub fn invalid_type(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::InvalidType, None, reason)
    }

    /// `unknown_code`: "must be one of: a, b, c".
    pub fn one_of(codes: &[&str]) -> Self {
        Self::unknown_code(format!("must be one of: {}", codes.join(", ")))
    }

    /// `unknown_code`, in other words.
    pub fn unknown_code(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::UnknownCode, None, reason)
    }

    /// `unknown_reference`, e.g. "no region has the code x".
    pub fn unknown_reference(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::UnknownReference, None, reason)
    }

    /// `duplicate`: "is listed twice".
    pub fn listed_twice() -> Self {
        Self::duplicate("is listed twice")
    }

    /// `duplicate`, in other words, e.g. "repeats the ... of /items/0".
    pub fn duplicate(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::Duplicate, None, reason)
    }

    /// `not_allowed`, e.g. "is not part of the step to triaged".
    pub fn not_allowed(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::NotAllowed, None, reason)
    }

    /// `inconsistent`, e.g. "a completed action has progress 100".
    pub fn inconsistent(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::Inconsistent, None, reason)
    }

    /// `control_characters`: "must not contain control characters".
    pub fn control_characters() -> Self {
        Self::coded(
            FieldErrorCode::ControlCharacters,
            None,
            "must not contain control characters",
        )
    }

    /// `outlier`: a warning, e.g. "48 is far outside this region's history: ...".
    pub fn outlier(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::Outlier, None, reason)
    }

    /// `invalid`: when no other code fits.
    pub fn invalid(reason: impl Into<String>) -> Self {
        Self::coded(FieldErrorCode::Invalid, None, reason)
    }

    /// Attaches the location (a JSON pointer such as `/progress`) of the rejected value.
    pub fn at(self, pointer: impl Into<String>) -> FieldError {
        FieldError {
            pointer: pointer.into(),
            code: self.code,
            limit: self.limit,
            reason: self.reason,
        }
    }
}

/// A rejected value and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// RFC 6901 JSON pointer into the request body, e.g. `/themes/1`.
    pub pointer: String,
    pub code: FieldErrorCode,
    pub limit: Option<i64>,
    pub reason: String,
}

/// One or more rejected values of one request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn single(pointer: impl Into<String>, error: InvalidValue) -> Self {
        Self(vec![error.at(pointer)])
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
            (None, Ok(())) => Parsed(Err(vec![InvalidValue::invalid("is invalid").at("")])),
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

    /// Records `error` under `pointer` unless `ok`: for a rule that spans several fields.
    pub fn check(&mut self, ok: bool, pointer: &str, error: InvalidValue) {
        if !ok {
            self.errors.push(error.at(pointer));
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
        s.parse().map_err(|_| InvalidValue::invalid_format("must be a number"))
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
        let nested: Result<u8, ValidationErrors> =
            Err(ValidationErrors::single("/items/0", InvalidValue::invalid("bad")));
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
        let a: Option<u8> = v.field("/a", Err(InvalidValue::invalid("bad a")));
        let b = v.field("/b", Ok(2));
        v.check(false, "/c", InvalidValue::inconsistent("bad c"));
        assert_eq!((a, b), (None, Some(2)));
        let errors = v.finish().expect_err("two errors");
        assert_eq!(
            errors.0.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(),
            vec!["/a", "/c"]
        );
    }

    #[test]
    fn limits_and_sentences_come_from_one_number() {
        let long = InvalidValue::too_long(200);
        assert_eq!(
            (long.code, long.limit, long.reason.as_str()),
            (FieldErrorCode::TooLong, Some(200), "must be at most 200 characters")
        );
        let short = InvalidValue::too_short(12);
        assert_eq!(
            (short.code, short.limit, short.reason.as_str()),
            (FieldErrorCode::TooShort, Some(12), "must be at least 12 characters")
        );
        let many = InvalidValue::too_many(20, "must list at most 20 partners");
        assert_eq!((many.code, many.limit), (FieldErrorCode::TooMany, Some(20)));
        let one_of = InvalidValue::one_of(&["a", "b"]);
        assert_eq!(
            (one_of.code, one_of.limit, one_of.reason.as_str()),
            (FieldErrorCode::UnknownCode, None, "must be one of: a, b")
        );
    }

    #[test]
    fn out_of_range_names_the_bound_that_was_crossed() {
        let limit = |bounds: std::ops::RangeInclusive<i64>, value: f64| {
            let error = InvalidValue::out_of_range(bounds, value, "must be from .. to ..");
            assert_eq!(error.code, FieldErrorCode::OutOfRange);
            error.limit
        };
        assert_eq!(limit(0..=100, 150.0), Some(100));
        assert_eq!(limit(0..=100, -1.0), Some(0));
        assert_eq!(limit(1..=50, 0.5), Some(1));
        assert_eq!(
            InvalidValue::out_of_range(0.., -3.0, "must not be negative").limit,
            Some(0)
        );
        assert_eq!(InvalidValue::out_of_range(..=10, 11.0, "at most 10").limit, Some(10));
        assert_eq!(InvalidValue::outside("must not be in the future").limit, None);
    }

    #[test]
    fn constructors_without_a_limit_set_their_code() {
        for (error, code) in [
            (InvalidValue::required(), FieldErrorCode::Required),
            (InvalidValue::empty(), FieldErrorCode::Required),
            (InvalidValue::missing("is required for x"), FieldErrorCode::Required),
            (InvalidValue::invalid_format("x"), FieldErrorCode::InvalidFormat),
            (InvalidValue::invalid_type("x"), FieldErrorCode::InvalidType),
            (InvalidValue::unknown_code("x"), FieldErrorCode::UnknownCode),
            (InvalidValue::unknown_reference("x"), FieldErrorCode::UnknownReference),
            (InvalidValue::listed_twice(), FieldErrorCode::Duplicate),
            (InvalidValue::duplicate("x"), FieldErrorCode::Duplicate),
            (InvalidValue::not_allowed("x"), FieldErrorCode::NotAllowed),
            (InvalidValue::inconsistent("x"), FieldErrorCode::Inconsistent),
            (InvalidValue::control_characters(), FieldErrorCode::ControlCharacters),
            (InvalidValue::outlier("x"), FieldErrorCode::Outlier),
            (InvalidValue::invalid("x"), FieldErrorCode::Invalid),
        ] {
            assert_eq!((error.code, error.limit), (code, None), "{error}");
            assert!(!error.reason.is_empty());
        }
        assert_eq!(InvalidValue::required().reason, "is required");
        assert_eq!(InvalidValue::empty().reason, "must not be empty");
        assert_eq!(InvalidValue::listed_twice().reason, "is listed twice");
        assert_eq!(
            InvalidValue::control_characters().reason,
            "must not contain control characters"
        );
    }

    #[test]
    fn a_field_error_keeps_code_limit_and_reason() {
        let error = InvalidValue::too_long(200).at("/title");
        assert_eq!(
            error,
            FieldError {
                pointer: "/title".into(),
                code: FieldErrorCode::TooLong,
                limit: Some(200),
                reason: "must be at most 200 characters".into(),
            }
        );
        assert_eq!(
            serde_json::to_string(&FieldErrorCode::UnknownReference).ok().as_deref(),
            Some("\"unknown_reference\"")
        );
    }
}
