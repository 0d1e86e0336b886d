//! Zorgpact's domain: the types and rules of regional care pacts, their action
//! agendas, indicators and barrier tickets. Knows nothing of HTTP or SQL.
//!
//! Values enter through `parse`/`new` constructors that return errors, so a value of
//! a domain type is valid by construction ("parse, don't validate").

pub mod action;
pub mod agenda;
pub mod analytics;
pub mod auth;
pub mod barrier;
mod code_enum;
pub mod error;
pub mod factsheet;
pub mod indicator;
pub mod leading_project;
pub mod period;
pub mod region;
pub mod regulation;
pub mod review;
pub mod search;
pub mod text;
pub mod user;
pub mod version;
pub mod webhook;
pub mod working_days;

pub use code_enum::Code;
pub use error::{FieldError, FieldErrorCode, InvalidValue, Parsed, ValidationErrors, Validator, at, optional_at};
