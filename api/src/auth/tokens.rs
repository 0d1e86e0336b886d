//! Access tokens: short-lived HS256 JWTs carrying who the caller is and what they
//! work on, so any API instance can check them without a database lookup.

use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use zorgpact_domain::InvalidValue;
use zorgpact_domain::auth::{Principal, Scope};
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::user::Role;

pub const ISSUER: &str = "zorgpact";
pub const AUDIENCE: &str = "zorgpact-api";
pub const ACCESS_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);
pub const REFRESH_TOKEN_TTL: Duration = Duration::from_secs(14 * 24 * 3600);
/// Shorter keys make HS256 guessable.
pub const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub iat: u64,
    pub exp: u64,
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub ministry: Option<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
}

/// Why an access token is refused; its `Display` is the sentence the client reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("The access token has expired; get a new one with POST /api/v1/auth/refresh (or log in again).")]
    Expired,
    #[error(
        "The access token is not one this server issued, or it was altered; log in again with POST /api/v1/auth/token."
    )]
    Invalid,
    #[error(
        "The access token names a role, ministry or scope this server does not know; log in again with POST /api/v1/auth/token."
    )]
    UnknownClaims,
    #[error("The Authorization header must read `Bearer` followed by an access token.")]
    NotBearer,
}

/// The signing key, in both forms.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8]) -> Result<Self, String> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(format!("the signing key must be at least {MIN_SECRET_BYTES} bytes"));
        }
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        })
    }

    /// A signed access token for `principal`, valid for [`ACCESS_TOKEN_TTL`].
    pub fn issue(&self, principal: &Principal, now: u64) -> Result<String, String> {
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: principal.id.clone(),
            iat: now,
            exp: now + ACCESS_TOKEN_TTL.as_secs(),
            name: principal.name.clone(),
            role: principal.role.as_str().into(),
            regions: principal.regions.clone(),
            ministry: principal.ministry.map(|m| m.as_str().into()),
            scopes: principal.scopes.iter().map(|s| s.as_str().into()).collect(),
        };
        self.sign(&claims)
    }

    /// Signs arbitrary claims (tests use it to craft expired or foreign tokens).
    pub fn sign(&self, claims: &Claims) -> Result<String, String> {
        encode(&Header::new(Algorithm::HS256), claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// Checks signature, algorithm (HS256 only: `none` and algorithm confusion are
    /// refused), expiry, issuer and audience, and reads the caller from the claims.
    pub fn verify(&self, token: &str) -> Result<Principal, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })?
            .claims;
        principal_from(claims).map_err(|_| TokenError::UnknownClaims)
    }
}

fn principal_from(claims: Claims) -> Result<Principal, InvalidValue> {
    let role = Role::parse(&claims.role)?;
    let ministry = claims.ministry.as_deref().map(Ministry::parse).transpose()?;
    let scopes = claims
        .scopes
        .iter()
        .map(|s| Scope::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Principal {
        id: claims.sub,
        name: claims.name,
        role,
        regions: claims.regions,
        ministry,
        scopes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(&[7u8; 32]).expect("keys")
    }

    fn principal() -> Principal {
        Principal {
            id: "user:1".into(),
            name: "Kartrekker".into(),
            role: Role::Coordinator,
            regions: vec!["twente".into()],
            ministry: None,
            scopes: vec![],
        }
    }

    fn now() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }

    #[test]
    fn a_token_round_trips() {
        let token = keys().issue(&principal(), now()).expect("token");
        assert_eq!(keys().verify(&token), Ok(principal()));
    }

    #[test]
    fn tampered_expired_and_foreign_tokens_are_refused() {
        let token = keys().issue(&principal(), now()).expect("token");
        let other = TokenKeys::from_secret(&[8u8; 32]).expect("keys");
        assert!(other.verify(&token).is_err(), "another key");
        let mut tampered = token.clone();
        tampered.insert(token.find('.').map_or(0, |i| i + 2), 'x');
        assert!(keys().verify(&tampered).is_err(), "tampered");
        let expired = keys().issue(&principal(), now() - 3600).expect("token");
        assert_eq!(keys().verify(&expired), Err(TokenError::Expired));
        let unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0.";
        assert_eq!(keys().verify(unsigned), Err(TokenError::Invalid), "alg none");
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(TokenKeys::from_secret(b"short").is_err());
    }
}
