//! Progress reviews (*Volgspot*): the programme team's structured dialogue with a
//! region, recorded in the five parts of the analysis frame and judged on the
//! committee's reference frame; a printable report as of the review's date.

use serde::{Deserialize, Serialize};

use crate::codes::{
    ActionLine, ActionStatus, InnovationPhase, ReviewRound, ReviewStatus, ScoreLevel, ScoreMovement, ScoredAspect, Unit,
};
use crate::regulation::TicketRef;

/// The five parts of the analysis frame. Every text may be empty while the
/// review is drafted; each is at most 10000 characters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "why_question": "Het volwaardig functioneren van mensen ondersteunen door samenhang in de samenwerking van zorg en welzijn, in werken en leren en door instituties heen.",
    "why_transition": "Zorg wordt dichter naar de burger gebracht.",
    "what_themes": "De vrijwilliger en de professional samen actief voor de wijkbewoner; vroegsignalering in de wijk; gebruik van technologie.",
    "what_focus_areas": "Gemeente als sparringpartner op het gebied van Human Capital.",
    "how_cooperation": "De focusgroep is aanjager en facilitator van innovatie door co-creatie.",
    "how_partners": "ROC Rijn IJssel, HAN, gemeenten Arnhem en Nijmegen, Radboudumc, WZW.",
    "how_success_factors": "In de eerste fase zijn veel projecten opgehaald en zichtbaar geworden.",
    "how_barriers": "Gezamenlijk urgentiebesef bij bestuurders ontbreekt nog.",
    "barrier_ticket_ids": [],
    "process_phase": "directing",
    "process_notes": "Doorloopt de cirkel voor de tweede keer.",
    "progress_results": "Online platform bij het onderwijs-arbeidsmarkt forum; RIF-aanvraag Tech@doptie toegekend.",
    "intentions": ["Een plan maken om een gesprekspartner vanuit verschillende gemeenten te organiseren."]
})))]
#[serde(deny_unknown_fields)]
pub struct ReviewParts {
    /// *Het waarom*: the overarching question.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub why_question: String,
    /// *Het waarom*: the intended transition.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub why_transition: String,
    /// *Het wat*: the themes.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub what_themes: String,
    /// *Het wat*: the focus areas.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub what_focus_areas: String,
    /// *Het hoe*: the kind of cooperation.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub how_cooperation: String,
    /// *Het hoe*: the partners.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub how_partners: String,
    /// *Het hoe*: success factors.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub how_success_factors: String,
    /// *Het hoe*: barriers.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub how_barriers: String,
    /// Barrier tickets of the review's region the barriers refer to, each once; at most 50.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub barrier_ticket_ids: Vec<String>,
    /// *Het proces*: the phase of the innovation cycle.
    #[serde(default)]
    pub process_phase: Option<InnovationPhase>,
    /// *Het proces*: notes.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub process_notes: String,
    /// *De voortgang*: results so far.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 10000))]
    pub progress_results: String,
    /// *De voortgang*: intentions, in order, each 1 to 1000 characters; at most 50.
    /// Once an intention became an action, its text is kept.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub intentions: Vec<String>,
}

/// A new review, as the programme team drafts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "round": "sharpen_question",
    "review_date": "2017-07-05",
    "parts": {"why_question": "Het volwaardig functioneren van mensen ondersteunen.", "intentions": []}
})))]
#[serde(deny_unknown_fields)]
pub struct CreateReviewRequest {
    pub round: ReviewRound,
    /// The date of the dialogue (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub review_date: String,
    #[serde(default)]
    pub parts: ReviewParts,
}

/// A change of a draft or shared review: what is given replaces what was there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "parts": {"why_question": "Het volwaardig functioneren van mensen ondersteunen.", "process_phase": "directing"}
})))]
#[serde(deny_unknown_fields)]
pub struct UpdateReviewRequest {
    #[serde(default)]
    pub round: Option<ReviewRound>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub review_date: Option<String>,
    /// All five parts; a part left out is empty afterwards.
    #[serde(default)]
    pub parts: Option<ReviewParts>,
}

/// One aspect's score on the committee's axis, with its motivation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewScore {
    pub aspect: ScoredAspect,
    pub level: ScoreLevel,
    /// 1 to 1000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000, pattern = r"\S"))]
    pub motivation: String,
}

/// The full set of a review's scores; each aspect at most once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "scores": [
        {"aspect": "regional_vision", "level": "broaden", "motivation": "Nieuwe strategische doelen geformuleerd."},
        {"aspect": "action_plan", "level": "strengthen", "motivation": "Acties nog te koppelen aan kartrekkers."},
        {"aspect": "governance", "level": "strengthen", "motivation": "Rol van de focusgroep wordt scherper."}
    ]
})))]
#[serde(deny_unknown_fields)]
pub struct ReviewScoresRequest {
    #[cfg_attr(feature = "openapi", schema(max_items = 3))]
    pub scores: Vec<ReviewScore>,
}

/// The action an intention became, as it stands now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntentionAction {
    pub id: String,
    pub title: String,
    pub status: ActionStatus,
    /// 0 to 100.
    pub progress: i64,
}

/// An intention of a review, numbered from 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewIntention {
    pub number: i64,
    pub text: String,
    /// The action it became, if it did.
    pub action: Option<IntentionAction>,
}

/// A progress review (one version of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193a1e2-7c1d-7000-8000-0000000000c1",
    "region_code": "midden-en-zuid-gelderland",
    "round": "sharpen_question",
    "review_date": "2017-07-05",
    "status": "final",
    "number": 1,
    "previous_id": null,
    "superseded_by": null,
    "parts": {"why_question": "Het volwaardig functioneren van mensen ondersteunen.", "why_transition": "",
        "what_themes": "", "what_focus_areas": "", "how_cooperation": "", "how_partners": "",
        "how_success_factors": "", "how_barriers": "", "barrier_ticket_ids": [], "process_phase": "directing",
        "process_notes": "", "progress_results": "",
        "intentions": ["Eigenaarschap beleggen door kartrekkers aan te wijzen."]},
    "barrier_tickets": [],
    "intentions": [{"number": 1, "text": "Eigenaarschap beleggen door kartrekkers aan te wijzen.",
        "action": {"id": "0193a1e2-7c1d-7000-8000-0000000000a1", "title": "Eigenaarschap beleggen door kartrekkers aan te wijzen.", "status": "in_progress", "progress": 40}}],
    "scores": [{"aspect": "governance", "level": "strengthen", "motivation": "Rol van de focusgroep wordt scherper."}],
    "shared_at": "2017-07-10T09:00:00.000Z",
    "finalised_at": "2017-07-20T09:00:00.000Z",
    "updated_at": "2017-07-20T09:00:00.000Z",
    "version": 4
})))]
pub struct ReviewResponse {
    pub id: String,
    pub region_code: String,
    pub round: ReviewRound,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub review_date: String,
    pub status: ReviewStatus,
    /// 1 for the first version; each correction one more.
    pub number: i64,
    /// The version this one corrects.
    pub previous_id: Option<String>,
    /// The version that corrects this one (then this one is history).
    pub superseded_by: Option<String>,
    pub parts: ReviewParts,
    /// The tickets of `parts.barrier_ticket_ids` the caller may read.
    pub barrier_tickets: Vec<TicketRef>,
    pub intentions: Vec<ReviewIntention>,
    pub scores: Vec<ReviewScore>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub shared_at: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub finalised_at: Option<String>,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// The `ETag` is derived from it.
    pub version: i64,
}

/// Reviews, newest review date first; corrected versions included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewListResponse {
    pub items: Vec<ReviewResponse>,
}

/// Turning an intention into an action of the region's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"action_line": "work", "owner": "WZW"})))]
#[serde(deny_unknown_fields)]
pub struct IntentionActionRequest {
    pub action_line: ActionLine,
    /// Who carries it (*kartrekker*), 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
    pub owner: String,
}

/// A score of one round, with how it moved since the region's previous round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComparedScore {
    pub aspect: ScoredAspect,
    pub level: ScoreLevel,
    pub motivation: String,
    /// `null` in the first scored round of the aspect.
    pub movement: Option<ScoreMovement>,
}

/// A region's scores in one round: those of its current (uncorrected) review of that round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundScores {
    pub round: ReviewRound,
    pub review_id: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub review_date: String,
    pub status: ReviewStatus,
    pub scores: Vec<ComparedScore>,
}

/// A region's scores across rounds: did it move?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "region_code": "midden-en-zuid-gelderland",
    "rounds": [
        {"round": "sharpen_question", "review_id": "0193a1e2-7c1d-7000-8000-0000000000c1", "review_date": "2017-07-05",
         "status": "final", "scores": [{"aspect": "governance", "level": "strengthen", "motivation": "Focusgroep.", "movement": null}]},
        {"round": "cooperation_innovation", "review_id": "0193a1e2-7c1d-7000-8000-0000000000c2", "review_date": "2018-03-01",
         "status": "final", "scores": [{"aspect": "governance", "level": "broaden", "motivation": "Kartrekkers.", "movement": "forward"}]}
    ]
})))]
pub struct RegionReviewScoresResponse {
    pub region_code: String,
    /// Rounds in order; a round without a readable review is left out.
    pub rounds: Vec<RoundScores>,
}

/// One region's row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewScoreRow {
    pub region_code: String,
    pub region_name: String,
    pub review_id: String,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub review_date: String,
    pub status: ReviewStatus,
    pub scores: Vec<ReviewScore>,
}

/// The scores of one round across regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "round": "sharpen_question",
    "rows": [{"region_code": "midden-en-zuid-gelderland", "region_name": "Midden- en Zuid-Gelderland",
        "review_id": "0193a1e2-7c1d-7000-8000-0000000000c1", "review_date": "2017-07-05", "status": "final",
        "scores": [{"aspect": "governance", "level": "strengthen", "motivation": "Focusgroep."}]}]
})))]
pub struct ReviewScoreMatrixResponse {
    pub round: ReviewRound,
    /// One row per region with a readable current review of the round, by region code.
    pub rows: Vec<ReviewScoreRow>,
}

/// One figure of an indicator as it was known at the report's moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportPoint {
    pub period: String,
    pub value: f64,
}

/// An indicator of the region with its figures up to the review date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportIndicator {
    pub code: String,
    pub name: String,
    pub unit: Unit,
    /// By period; only periods that began on or before the review date.
    pub points: Vec<ReportPoint>,
}

/// An action of the region as it stood on the review date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportAction {
    pub id: String,
    pub title: String,
    pub action_line: ActionLine,
    /// From the latest timeline entry dated on or before the review date;
    /// `null`: no progress reported by then.
    pub status: Option<ActionStatus>,
    pub progress: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub reported_on: Option<String>,
}

/// A review with the region's figures and actions as of its date: what the
/// printable report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewReportResponse {
    pub review: ReviewResponse,
    pub region_name: String,
    /// The moment the figures are taken at: the end of the review date, or the
    /// moment the review was made final if that was earlier. Corrections
    /// recorded after it are not shown.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub as_of: String,
    pub indicators: Vec<ReportIndicator>,
    pub actions: Vec<ReportAction>,
}
