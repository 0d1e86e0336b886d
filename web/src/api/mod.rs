//! The typed API client: one method per endpoint, answering with the contract's types.
//!
//! Calls that need a signed-in user are methods of [`AuthorizedApi`], which only
//! [`UnauthorizedApi::login`] and [`UnauthorizedApi::restore`] hand out (a typestate:
//! a page that holds one may call the API as the user). What the programme
//! publishes is read through [`UnauthorizedApi`], by visitors and users alike.

mod auth;
mod calls;
mod error;
mod knowledge;
mod kopgroep;
mod public;
mod reviews;
mod tokens;
mod transport;

pub use auth::{AuthorizedApi, UnauthorizedApi};
pub use calls::{ActionFilter, BarrierFilter, Versioned, new_idempotency_key};
pub use error::ApiError;
pub use reviews::ReviewStep;
pub use tokens::on_session_expired;
/// Where the API lives, for links the browser follows itself (downloads).
pub use transport::API_BASE;
/// Percent-encodes a query or path component.
pub use transport::encode;
