//! Access tokens: short-lived HS256 JWTs carrying who the caller is and what they
//! work on, so any API instance can check them without a database lookup. Each
//! token names its key (`kid`, a fingerprint of the key), so a key can rotate: the
//! current key signs, the previous one is still accepted until it is dropped.

use std::time::Duration;

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
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
    #[error(
        "The access token was signed with a key this server no longer accepts (the key was rotated); log in again with POST /api/v1/auth/token."
    )]
    UnknownKey,
    #[error("The Authorization header must read `Bearer` followed by an access token.")]
    NotBearer,
}

/// The signing key, in both forms, and the previous key while a rotation lasts.
#[derive(Clone)]
pub struct TokenKeys {
    current: SigningKey,
    /// Still accepted for verification, never used to sign.
    previous: Option<SigningKey>,
}

#[derive(Clone)]
struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl SigningKey {
    fn new(secret: &[u8]) -> Result<Self, String> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(format!("the signing key must be at least {MIN_SECRET_BYTES} bytes"));
        }
        Ok(Self {
            kid: key_id(secret),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        })
    }
}

/// A key's id: the first 8 bytes of a SHA-256 over the key (with a label, so the
/// id is no plain hash of the secret), in hex. Every instance with the same key
/// derives the same id, so no further configuration is needed.
pub fn key_id(secret: &[u8]) -> String {
    let digest = Sha256::new()
        .chain_update(b"zorgpact-jwt-kid:")
        .chain_update(secret)
        .finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8]) -> Result<Self, String> {
        Ok(Self {
            current: SigningKey::new(secret)?,
            previous: None,
        })
    }

    /// Also accepts tokens signed with `previous` (during a key rotation).
    pub fn with_previous(self, previous: &[u8]) -> Result<Self, String> {
        Ok(Self {
            previous: Some(SigningKey::new(previous)?),
            ..self
        })
    }

    /// The id of the key that signs new tokens.
    pub fn kid(&self) -> &str {
        &self.current.kid
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
        let header = Header {
            kid: Some(self.current.kid.clone()),
            ..Header::new(Algorithm::HS256)
        };
        encode(&header, claims, &self.current.encoding).map_err(|e| e.to_string())
    }

    /// Checks signature, algorithm (HS256 only: `none` and algorithm confusion are
    /// refused), expiry, issuer and audience, and reads the caller from the claims.
    /// The key is the one the token's `kid` names: the current or the previous one;
    /// a token without a `kid`, or naming another key, is refused.
    pub fn verify(&self, token: &str) -> Result<Principal, TokenError> {
        let kid = decode_header(token).map_err(|_| TokenError::Invalid)?.kid;
        let key = [Some(&self.current), self.previous.as_ref()]
            .into_iter()
            .flatten()
            .find(|key| kid.as_deref() == Some(key.kid.as_str()))
            .ok_or(TokenError::UnknownKey)?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let claims = decode::<Claims>(token, &key.decoding, &validation)
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
    fn the_previous_key_is_accepted_during_a_rotation_only() {
        let old = keys();
        let new = TokenKeys::from_secret(&[8u8; 32]).expect("keys");
        let old_token = old.issue(&principal(), now()).expect("token");
        assert_eq!(new.verify(&old_token), Err(TokenError::UnknownKey), "not yet rotated");
        let rotating = new.clone().with_previous(&[7u8; 32]).expect("keys");
        assert_eq!(rotating.verify(&old_token), Ok(principal()), "the previous key");
        let new_token = rotating.issue(&principal(), now()).expect("token");
        assert_eq!(new.verify(&new_token), Ok(principal()), "signed with the current key");
        assert_ne!(old.kid(), new.kid());
        assert_eq!(old.kid(), key_id(&[7u8; 32]), "the id follows from the key alone");
        assert_eq!(old.kid().len(), 16);
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(TokenKeys::from_secret(b"short").is_err());
    }
}
