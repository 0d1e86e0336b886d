//! One module per page of the app.

pub mod regions;
