//! Pieces the pages share: loading and error states, form fields, small badges, table frames.

pub mod badges;
pub mod fields;
pub mod filters;
pub mod status;
pub mod suggestions;
pub mod table;
