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

/// Collects every field error of a request instead of stopping at the first, so
/// the user can fix a form in one go.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
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
