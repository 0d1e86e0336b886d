//! Content negotiation for every endpoint that offers more than JSON: `format=`
//! wins; otherwise the `Accept` header decides by its `q=` weights (RFC 9110
//! §12.5.1: the most specific matching range gives a type its weight; equal
//! weights go to the endpoint's order of preference); with no acceptable type the
//! endpoint's default (its first offer) is sent.

use actix_web::HttpRequest;
use actix_web::http::header;
use zorgpact_domain::{InvalidValue, ValidationErrors};

use crate::error::ApiError;

/// The representations the API can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    Json,
    Csv,
    Ndjson,
}

impl MediaType {
    /// The value of the `format` query parameter that asks for it.
    pub fn parameter(self) -> &'static str {
        match self {
            MediaType::Json => "json",
            MediaType::Csv => "csv",
            MediaType::Ndjson => "ndjson",
        }
    }

    /// The `Content-Type` of a response in this representation.
    pub fn content_type(self) -> &'static str {
        match self {
            MediaType::Json => "application/json",
            MediaType::Csv => "text/csv; charset=utf-8",
            MediaType::Ndjson => "application/x-ndjson",
        }
    }

    /// How specifically `range` (e.g. `text/*`) names this type: 3 exactly, 2 by
    /// its main type, 1 as `*/*`, none if not at all.
    fn specificity(self, range: &str) -> Option<u8> {
        let names: &[&str] = match self {
            MediaType::Json => &["application/json"],
            MediaType::Csv => &["text/csv"],
            MediaType::Ndjson => &["application/x-ndjson", "application/ndjson"],
        };
        if names.iter().any(|name| name.eq_ignore_ascii_case(range)) {
            return Some(3);
        }
        let main_type = names[0].split('/').next().unwrap_or_default();
        match range.split_once('/') {
            Some(("*", "*")) => Some(1),
            Some((main, "*")) if main.eq_ignore_ascii_case(main_type) => Some(2),
            _ => None,
        }
    }
}

/// The representation to send for `req`, of those `offered` (the first is the
/// default); `format` is the value of the query parameter, if given.
pub fn negotiate(req: &HttpRequest, format: Option<&str>, offered: &[MediaType]) -> Result<MediaType, ApiError> {
    let accept = req
        .headers()
        .get_all(header::ACCEPT)
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    choose(format, &accept, offered)
}

/// [`negotiate`] over the header's text.
pub fn choose(format: Option<&str>, accept: &str, offered: &[MediaType]) -> Result<MediaType, ApiError> {
    let default = offered.first().copied().unwrap_or(MediaType::Json);
    if let Some(format) = format {
        return offered
            .iter()
            .copied()
            .find(|m| m.parameter() == format)
            .ok_or_else(|| {
                let names: Vec<&str> = offered.iter().map(|m| m.parameter()).collect();
                ApiError::InvalidParameters(ValidationErrors::single("format", InvalidValue::one_of(&names)))
            });
    }
    let ranges: Vec<(&str, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';').map(str::trim);
            let name = parts.next().filter(|n| !n.is_empty())?;
            let quality = parts
                .filter_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((name, quality))
        })
        .collect();
    let weight = |media: MediaType| {
        ranges
            .iter()
            .filter_map(|(range, quality)| media.specificity(range).map(|s| (s, *quality)))
            .max_by_key(|(specificity, _)| *specificity)
            .map_or(0.0, |(_, quality)| quality)
    };
    let mut best: Option<(f32, MediaType)> = None;
    for media in offered.iter().copied() {
        let quality = weight(media);
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, media));
        }
    }
    Ok(best.map_or(default, |(_, media)| media))
}

#[cfg(test)]
mod tests {
    use super::MediaType::{Csv, Json, Ndjson};
    use super::*;

    fn pick(accept: &str, offered: &[MediaType]) -> Option<MediaType> {
        choose(None, accept, offered).ok()
    }

    #[test]
    fn weights_decide() {
        assert_eq!(pick("text/csv;q=0.5, application/json", &[Json, Csv]), Some(Json));
        assert_eq!(pick("text/csv, application/json;q=0.9", &[Json, Csv]), Some(Csv));
        assert_eq!(
            pick("text/csv;q=0.5, application/x-ndjson", &[Csv, Ndjson]),
            Some(Ndjson)
        );
        assert_eq!(pick("text/csv, application/x-ndjson;q=0.9", &[Csv, Ndjson]), Some(Csv));
        assert_eq!(pick("application/ndjson", &[Csv, Ndjson]), Some(Ndjson));
    }

    #[test]
    fn the_most_specific_range_gives_the_weight() {
        assert_eq!(pick("application/x-ndjson;q=0, */*", &[Csv, Ndjson]), Some(Csv));
        assert_eq!(pick("text/*;q=0.8, */*;q=0.1", &[Json, Csv]), Some(Csv));
        assert_eq!(pick("application/json;q=0, */*", &[Json, Csv]), Some(Csv));
        assert_eq!(pick("TEXT/CSV", &[Json, Csv]), Some(Csv));
    }

    #[test]
    fn ties_and_nothing_acceptable_go_to_the_default() {
        assert_eq!(pick("*/*", &[Json, Csv]), Some(Json));
        assert_eq!(pick("", &[Json, Csv]), Some(Json));
        assert_eq!(pick("image/png", &[Csv, Ndjson]), Some(Csv));
        assert_eq!(pick("application/json", &[Csv, Ndjson]), Some(Csv));
        assert_eq!(pick("text/csv;q=0", &[Json, Csv]), Some(Json));
    }

    #[test]
    fn the_format_parameter_wins_and_is_checked() {
        assert_eq!(choose(Some("ndjson"), "text/csv", &[Csv, Ndjson]).ok(), Some(Ndjson));
        assert_eq!(choose(Some("csv"), "application/json", &[Json, Csv]).ok(), Some(Csv));
        match choose(Some("xlsx"), "", &[Json, Csv]) {
            Err(ApiError::InvalidParameters(errors)) => {
                assert_eq!(errors.0[0].pointer, "format");
                assert_eq!(errors.0[0].reason, "must be one of: json, csv");
            }
            other => panic!("expected a bad format parameter, got {other:?}"),
        }
    }
}
