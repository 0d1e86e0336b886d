//! Cursor pagination: `limit` (default 50, capped at 200) and an opaque `cursor`
//! that names the last item of the previous page, so pages stay stable while rows
//! are added.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::error::ApiError;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// A validated page request: how many items, after which sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<String>,
}

impl PageRequest {
    pub fn parse(limit: Option<i64>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let invalid = |name: &str, error| ApiError::InvalidParameters(ValidationErrors::single(name, error));
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(n) if n < 1 => {
                return Err(invalid(
                    "limit",
                    InvalidValue::out_of_range(1.., n as f64, "must be at least 1"),
                ));
            }
            Some(n) => n.min(MAX_LIMIT),
        };
        let after = match cursor {
            None | Some("") => None,
            Some(c) => Some(decode(c).ok_or_else(|| {
                invalid(
                    "cursor",
                    InvalidValue::invalid_format("is not a cursor this API issued"),
                )
            })?),
        };
        Ok(Self { limit, after })
    }

    /// Items to fetch: one more than the page, to know whether another page follows.
    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }

    /// Cuts the fetched rows to the page and returns the cursor of the next page.
    pub fn finish<T>(&self, mut rows: Vec<T>, sort_key: impl Fn(&T) -> String) -> (Vec<T>, Option<String>) {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        if rows.len() > limit {
            rows.truncate(limit);
            let next = rows.last().map(|row| encode(&sort_key(row)));
            (rows, next)
        } else {
            (rows, None)
        }
    }
}

fn encode(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key.as_bytes())
}

fn decode(cursor: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    String::from_utf8(bytes)
        .ok()
        .filter(|s| !s.is_empty() && s.len() <= 512)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_defaults_caps_and_rejects_zero() {
        assert_eq!(
            PageRequest::parse(None, None).map(|p| p.limit).ok(),
            Some(DEFAULT_LIMIT)
        );
        assert_eq!(
            PageRequest::parse(Some(10_000), None).map(|p| p.limit).ok(),
            Some(MAX_LIMIT)
        );
        assert!(PageRequest::parse(Some(0), None).is_err());
        assert!(PageRequest::parse(None, Some("!!not-base64!!")).is_err());
    }

    #[test]
    fn a_full_page_yields_a_cursor_to_the_next() {
        let page = PageRequest::parse(Some(2), None).expect("page");
        let (rows, next) = page.finish(vec!["a", "b", "c"], |s| (*s).to_owned());
        assert_eq!(rows, vec!["a", "b"]);
        let next = next.expect("more rows");
        assert_eq!(
            PageRequest::parse(Some(2), Some(&next))
                .expect("cursor")
                .after
                .as_deref(),
            Some("b")
        );
        assert_eq!(page.finish(vec!["a"], |s| (*s).to_owned()).1, None);
    }
}
