//! HTTP conventions shared by every endpoint: strict JSON and query extraction,
//! ETags and `If-Match`, cursor pagination, idempotent creates, content
//! negotiation, the one timestamp format, and kept bodies sent in slices.

pub mod concurrency;
pub mod extract;
pub mod idempotent;
pub mod negotiate;
pub mod pagination;
pub mod routes_table;
pub mod security;
pub mod sliced_body;
pub mod timestamp;
