//! Every text the user reads, in Dutch, in one place.

use crate::api::ApiError;

pub const APP_NAME: &str = "Zorgpact";
pub const SUBTITLE: &str = "Regionale zorgpacten: actieagenda's, indicatoren en belemmeringen";

pub const REGIONS_TITLE: &str = "Regio's";
pub const REGIONS_LOADING: &str = "Regio's laden…";
pub const REGIONS_EMPTY: &str = "Er zijn nog geen regio's.";
pub const REGIONS_LOAD_FAILED: &str = "De regio's konden niet worden geladen.";

pub const RETRY: &str = "Opnieuw proberen";

/// What went wrong, for the user; the technical detail goes to the browser console.
pub fn api_error(error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => {
            "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.".to_owned()
        }
        ApiError::Status { status, .. } if *status >= 500 => {
            format!("Er ging iets mis op de server (fout {status}). Probeer het later opnieuw.")
        }
        ApiError::Status { status, .. } => {
            format!("De server weigerde het verzoek (fout {status}).")
        }
        ApiError::Decode(_) => "Het antwoord van de server was niet te lezen.".to_owned(),
    }
}
