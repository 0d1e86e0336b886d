//! Authentication: bearer tokens (JWT) for users and partner systems, checked by
//! the [`Caller`] extractor; the permission rules themselves live in the domain
//! (`zorgpact_domain::auth::authorize`).

mod caller;
pub mod passwords;
pub mod refresh_cookie;
pub mod secrets;
pub mod tokens;

pub use caller::{Caller, authenticate};
pub use tokens::TokenKeys;
