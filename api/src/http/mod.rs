//! HTTP conventions shared by every endpoint: strict JSON and query extraction,
//! ETags and `If-Match`, cursor pagination, and idempotent creates.

pub mod concurrency;
pub mod created;
pub mod extract;
pub mod pagination;
pub mod routes_table;
