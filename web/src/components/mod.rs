//! Pieces the pages share: loading and error states, form fields, small badges.

pub mod badges;
pub mod fields;
pub mod status;
pub mod suggestions;
