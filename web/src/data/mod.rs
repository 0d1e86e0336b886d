//! What the app computes itself: the code lists of the contract's string fields, the
//! national roll-up, exports and dates.

pub mod codes;
pub mod export;
pub mod rollup;
