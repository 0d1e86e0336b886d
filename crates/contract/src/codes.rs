//! The closed sets of codes the API speaks. Each is the domain's own enum, defined
//! once where its rules live: it (de)serialises as its code, documents itself in
//! OpenAPI as a string `enum`, and the web app iterates `ALL` and translates each
//! value with an exhaustive `match`, so a new code cannot be missed anywhere.

/// What every code set above offers (`ALL`, `as_str`, `parse`), for generic code.
pub use zorgpact_domain::Code;
/// Why a field was rejected (`errors[].code` of a problem).
pub use zorgpact_domain::FieldErrorCode;
pub use zorgpact_domain::action::{ActionLine, ActionStatus, Theme};
pub use zorgpact_domain::analytics::progress::Verdict;
pub use zorgpact_domain::analytics::relative::RelativePeriod;
pub use zorgpact_domain::analytics::trend::Trend;
pub use zorgpact_domain::auth::Scope;
pub use zorgpact_domain::barrier::contact::ContactKind;
pub use zorgpact_domain::barrier::workflow::StepField;
pub use zorgpact_domain::barrier::{BarrierCategory, BarrierLocation, BarrierStatus, Ministry, Resolution};
pub use zorgpact_domain::factsheet::FactsheetStatus;
pub use zorgpact_domain::indicator::{Direction, IndicatorGroup, Rollup, Unit, ValueStatus};
pub use zorgpact_domain::leading_project::{CareDomain, EducationLevel, FundingScheme, ProjectStatus, Province};
pub use zorgpact_domain::period::PeriodType;
pub use zorgpact_domain::region::{AgendaRole, Sector};
pub use zorgpact_domain::regulation::RegulationKind;
pub use zorgpact_domain::review::{
    InnovationPhase, ReviewRound, ReviewStatus, ScoreLevel, ScoreMovement, ScoredAspect,
};
pub use zorgpact_domain::search::SearchKind;
pub use zorgpact_domain::user::Role;
pub use zorgpact_domain::webhook::{DeliveryStatus, WebhookEventType};
