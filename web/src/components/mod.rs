//! Pieces the pages share: the live region, loading and error states, form fields, small badges, table frames.

pub mod announce;
pub mod badges;
pub mod fields;
pub mod filters;
pub mod focus;
pub mod status;
pub mod suggestions;
pub mod table;
