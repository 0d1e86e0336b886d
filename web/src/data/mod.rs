//! What the app keeps itself: the code lists of the contract's string fields, exports
//! and dates.

pub mod codes;
pub mod export;
