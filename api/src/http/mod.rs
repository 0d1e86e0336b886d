//! HTTP conventions shared by every endpoint: strict JSON and query extraction,
//! ETags and `If-Match`, cursor pagination, idempotent creates, content
//! negotiation and the one timestamp format.

pub mod concurrency;
pub mod extract;
pub mod idempotent;
pub mod negotiate;
pub mod pagination;
pub mod routes_table;
pub mod security;
pub mod timestamp;
