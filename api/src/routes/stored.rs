//! Codes read back from storage become the contract's enums here. Every write goes
//! through the domain, so an unknown stored code means a broken database: a 500
//! that names the code, never a guess.

use std::str::FromStr;

use zorgpact_db::DbError;
use zorgpact_domain::InvalidValue;

/// The enum of a stored code; `what` names the column for the log.
pub fn code<T: FromStr<Err = InvalidValue>>(what: &str, code: &str) -> Result<T, DbError> {
    code.parse()
        .map_err(|e: InvalidValue| DbError::Internal(format!("stored {what} {code:?}: {e}")))
}

/// Like [`code`] for a column that may be empty.
pub fn optional<T: FromStr<Err = InvalidValue>>(what: &str, stored: Option<&str>) -> Result<Option<T>, DbError> {
    stored.map(|c| code(what, c)).transpose()
}

/// Like [`code`] for a list.
pub fn list<T: FromStr<Err = InvalidValue>>(what: &str, stored: &[String]) -> Result<Vec<T>, DbError> {
    stored.iter().map(|c| code(what, c)).collect()
}
