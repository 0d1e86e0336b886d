//! Webhooks for partner systems: what a subscription may say, which events there
//! are, how a delivery is signed (the Standard Webhooks scheme) and when a failed
//! delivery is tried again.

use std::net::IpAddr;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::code_enum::code_enum;
use crate::{InvalidValue, Parsed, Validator, text};

code_enum! {
    /// What happened, as a partner system subscribes to it.
    WebhookEventType {
        /// A barrier ticket took a step of its workflow.
        BarrierTransitioned => "barrier.transitioned",
        /// Someone commented on a barrier ticket.
        BarrierCommented => "barrier.commented",
        /// A region's factsheet was published.
        FactsheetPublished => "factsheet.published",
        /// An action was added to a region's agenda.
        ActionCreated => "action.created",
        /// An action changed: its fields, its progress or its archiving.
        ActionUpdated => "action.updated",
    }
}

code_enum! {
    /// Where one delivery of an event to one subscription stands.
    DeliveryStatus {
        /// Not yet delivered; tried again at `next_attempt_at`.
        Pending => "pending",
        /// The receiver answered 2xx.
        Delivered => "delivered",
        /// Every attempt failed; no more are made.
        Failed => "failed",
    }
}

/// Longest receiver URL accepted; browsers and proxies handle about this much.
pub const URL_MAX: usize = 2000;
pub const DESCRIPTION_MAX: usize = 500;
/// Random bytes in a signing secret (Standard Webhooks asks for 24 to 64).
pub const SECRET_BYTES: usize = 32;
/// The prefix Standard Webhooks libraries expect before the base64 key.
const SECRET_PREFIX: &str = "whsec_";

/// A receiver's URL: `https`, to a public host. Plain `http` (and loopback hosts)
/// only when the server is configured for tests (`allow_loopback`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(String);

impl WebhookUrl {
    pub fn parse(input: &str, allow_loopback: bool) -> Result<Self, InvalidValue> {
        let input = input.trim();
        if input.chars().count() > URL_MAX {
            return Err(InvalidValue::too_long(URL_MAX));
        }
        let url = url::Url::parse(input)
            .map_err(|e| InvalidValue::invalid_format(format!("must be an absolute URL ({e})")))?;
        let loopback = match url.host() {
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            None => return Err(InvalidValue::invalid_format("must name a host")),
        };
        if !url.username().is_empty() || url.password().is_some() {
            return Err(InvalidValue::not_allowed(
                "must not contain credentials; the signature proves the sender",
            ));
        }
        if loopback && !allow_loopback {
            return Err(InvalidValue::not_allowed(
                "must not point at this server's own machine (loopback)",
            ));
        }
        if !loopback && is_internal(url.host()) {
            return Err(InvalidValue::not_allowed(
                "must point at a public address, not a private network",
            ));
        }
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(InvalidValue::not_allowed("must use https")),
        }
        Ok(Self(url.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Private, link-local and unspecified addresses written as IP literals.
fn is_internal(host: Option<url::Host<&str>>) -> bool {
    match host {
        Some(url::Host::Ipv4(ip)) => ip.is_private() || ip.is_link_local() || ip.is_unspecified(),
        Some(url::Host::Ipv6(ip)) => ip.is_unspecified() || (ip.segments()[0] & 0xfe00) == 0xfc00,
        _ => false,
    }
}

/// A subscription as its owner asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    pub url: WebhookUrl,
    /// At least one, none twice.
    pub event_types: Vec<WebhookEventType>,
    pub description: String,
}

/// Raw input for [`NewSubscription::parse`].
pub struct SubscriptionInput<'a> {
    pub url: &'a str,
    pub event_types: &'a [WebhookEventType],
    pub description: Option<&'a str>,
}

impl NewSubscription {
    /// Checks every field, reporting each rejected one under its JSON pointer.
    pub fn parse(input: &SubscriptionInput<'_>, allow_loopback: bool) -> Parsed<Self> {
        Validator::run(|v| {
            let url = v.field("/url", WebhookUrl::parse(input.url, allow_loopback));
            let description = v.field(
                "/description",
                text::bounded(input.description.unwrap_or_default(), DESCRIPTION_MAX),
            );
            v.check(
                !input.event_types.is_empty(),
                "/event_types",
                InvalidValue::missing("must name at least one event type"),
            );
            let mut event_types = Vec::new();
            for (i, event_type) in input.event_types.iter().enumerate() {
                if event_types.contains(event_type) {
                    v.check(false, &format!("/event_types/{i}"), InvalidValue::listed_twice());
                } else {
                    event_types.push(*event_type);
                }
            }
            Some(Self {
                url: url?,
                event_types,
                description: description?,
            })
        })
    }
}

/// The key a subscription's deliveries are signed with. Shown to its owner once,
/// as `whsec_` and the base64 key, the form Standard Webhooks libraries read.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(Vec<u8>);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

impl WebhookSecret {
    /// A secret from fresh random bytes (the caller's source of randomness).
    pub fn from_random(bytes: [u8; SECRET_BYTES]) -> Self {
        Self(bytes.to_vec())
    }

    /// Reads `whsec_<base64>` (the prefix is optional, as in the libraries).
    pub fn parse(encoded: &str) -> Result<Self, InvalidValue> {
        let key = encoded.strip_prefix(SECRET_PREFIX).unwrap_or(encoded);
        STANDARD
            .decode(key)
            .map(Self)
            .map_err(|_| InvalidValue::invalid_format("must be whsec_ followed by base64"))
    }

    pub fn encoded(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.0))
    }

    /// The `webhook-signature` header of a message: `v1,` and the base64
    /// HMAC-SHA256 of `{id}.{timestamp}.{body}`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            unreachable!("HMAC accepts any key length")
        };
        mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// The JSON body of every delivery, as Standard Webhooks suggests: the type, when
/// it happened and the event's data.
#[derive(Debug, Serialize)]
pub struct Envelope<'a, T: Serialize> {
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// RFC 3339, UTC.
    pub timestamp: String,
    pub data: &'a T,
}

/// Attempts made before a delivery is given up as `failed`.
pub const MAX_ATTEMPTS: u32 = 8;

/// How many `base` periods to wait after each failed attempt: with a base of 5 s
/// that is 5 s, 30 s, 2 min, 10 min, 1 h, 3 h and 6 h.
const BACKOFF: [u32; (MAX_ATTEMPTS - 1) as usize] = [1, 6, 24, 120, 720, 2160, 4320];

/// When to try again after `attempts` failed attempts, or `None` when the
/// delivery has failed for good.
pub fn retry_delay(attempts: u32, base: Duration) -> Option<Duration> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    BACKOFF.get(index).map(|factor| base.saturating_mul(*factor))
}

/// Whether a receiver's status code means it took the delivery.
pub fn accepted(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The data of `barrier.transitioned`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarrierTransitioned {
    pub ticket_id: String,
    pub region_code: String,
    /// The status before the step.
    pub from: String,
    /// The status after it.
    pub to: String,
    /// The ticket's version after the step.
    pub version: i64,
}

/// The data of `barrier.commented`: which comment, not what it says (a receiver
/// reads it through the API with its own permissions). Internal notes are never
/// announced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarrierCommented {
    pub ticket_id: String,
    pub region_code: String,
    pub comment_id: String,
}

/// The data of `factsheet.published`: public text, so its question comes along.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactsheetPublished {
    pub factsheet_id: String,
    pub version: i64,
    pub ministry: String,
    pub question: String,
}

/// The data of `action.created` and `action.updated`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionChanged {
    pub action_id: String,
    pub region_code: String,
    pub status: String,
    pub progress: i32,
    pub archived: bool,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_like_the_standard_webhooks_libraries() {
        // The test vector of the Standard Webhooks reference libraries.
        let secret = WebhookSecret::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").expect("secret");
        assert_eq!(
            secret.sign(
                "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
                1649367553,
                r#"{"email":"test@example.com","username":"test_user"}"#
            ),
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
        );
    }

    #[test]
    fn secrets_read_back_as_written() {
        let secret = WebhookSecret::from_random([7; SECRET_BYTES]);
        let encoded = secret.encoded();
        assert!(encoded.starts_with("whsec_"));
        assert_eq!(WebhookSecret::parse(&encoded).expect("parses"), secret);
        assert!(WebhookSecret::parse("whsec_not base64!").is_err());
        assert_eq!(format!("{secret:?}"), "WebhookSecret(..)");
    }

    #[test]
    fn receivers_are_https_and_public() {
        for ok in ["https://partner.example.nl/hooks", "https://93.184.216.34:8443/x?y=1"] {
            assert!(WebhookUrl::parse(ok, false).is_ok(), "{ok}");
        }
        for refused in [
            "http://partner.example.nl/hooks",
            "ftp://partner.example.nl/",
            "not a url",
            "https://user:pw@partner.example.nl/",
            "https://127.0.0.1/hooks",
            "http://localhost:9000/",
            "https://10.0.0.5/hooks",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
        ] {
            assert!(WebhookUrl::parse(refused, false).is_err(), "{refused}");
        }
        let long = format!("https://example.nl/{}", "a".repeat(URL_MAX));
        assert!(WebhookUrl::parse(&long, false).is_err());
    }

    #[test]
    fn loopback_receivers_only_when_configured() {
        for url in [
            "http://127.0.0.1:4000/hook",
            "http://localhost:4000/",
            "http://[::1]:4000/",
        ] {
            assert!(WebhookUrl::parse(url, true).is_ok(), "{url}");
            assert!(WebhookUrl::parse(url, false).is_err(), "{url}");
        }
        assert!(
            WebhookUrl::parse("http://example.nl/", true).is_err(),
            "plain http stays loopback only"
        );
    }

    #[test]
    fn subscriptions_report_each_field() {
        let errors = NewSubscription::parse(
            &SubscriptionInput {
                url: "http://example.nl/",
                event_types: &[],
                description: Some(&"x".repeat(DESCRIPTION_MAX + 1)),
            },
            false,
        )
        .into_result()
        .expect_err("invalid");
        let pointers: Vec<&str> = errors.0.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/url", "/description", "/event_types"]);
        let twice = [WebhookEventType::ActionCreated, WebhookEventType::ActionCreated];
        let errors = NewSubscription::parse(
            &SubscriptionInput {
                url: "https://example.nl/",
                event_types: &twice,
                description: None,
            },
            false,
        )
        .into_result()
        .expect_err("twice");
        assert_eq!(errors.0[0].pointer, "/event_types/1");
    }

    #[test]
    fn retries_back_off_and_end() {
        let base = Duration::from_secs(5);
        let delays: Vec<u64> = (1..MAX_ATTEMPTS)
            .map(|n| retry_delay(n, base).expect("retried").as_secs())
            .collect();
        assert_eq!(delays, [5, 30, 120, 600, 3600, 10_800, 21_600]);
        assert!(delays.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(retry_delay(MAX_ATTEMPTS, base), None);
        assert_eq!(retry_delay(0, base), None);
    }

    #[test]
    fn only_2xx_is_accepted() {
        assert!(accepted(200) && accepted(204));
        assert!(!accepted(301) && !accepted(410) && !accepted(500));
    }
}
