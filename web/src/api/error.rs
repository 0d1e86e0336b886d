//! Why a call failed, and the questions pages ask about it.

use zorgpact_contract::{FieldProblem, Problem};

/// Why a call failed. `Clone` because resources hand their value to every reader.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No response: the server is down or the network is gone.
    Network(String),
    /// The server answered with an error status, with its problem details when it sent them.
    Status { status: u16, problem: Option<Box<Problem>> },
    /// A success status whose body is not what the contract says.
    Decode(String),
    /// The tokens are gone or no longer accepted: the user must log in again.
    SessionExpired,
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 403: the caller's role may not do this.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(403)
    }

    /// 412: the `If-Match` version is no longer current, someone else changed it.
    pub fn is_stale(&self) -> bool {
        self.status() == Some(412)
    }

    /// The server's own explanation (in English, the API's language), when it says
    /// more than the status; never for a 5xx, whose detail is generic.
    pub fn server_detail(&self) -> Option<&str> {
        match self {
            Self::Status {
                status,
                problem: Some(problem),
            } if *status < 500 && !problem.detail.is_empty() => Some(&problem.detail),
            _ => None,
        }
    }

    /// The rejected fields of a validation problem (422, or a 400 naming parameters).
    pub fn field_problems(&self) -> Vec<FieldProblem> {
        match self {
            Self::Status {
                problem: Some(problem), ..
            } => problem.errors.clone(),
            _ => Vec::new(),
        }
    }
}
