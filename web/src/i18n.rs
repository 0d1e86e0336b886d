//! Every text the user reads, in Dutch (the default) and English, in one table: [`T`].
//! Codes of the contract (statuses, action lines, …) get theirs from one exhaustive
//! `match` per code set ([`Label`]) through [`I18n::label`]; numbers are written the way each language writes them.

use leptos::prelude::*;

use zorgpact_contract::codes::{
    ActionLine, ActionStatus, AgendaRole, BarrierCategory, BarrierLocation, BarrierStatus, CareDomain, Code,
    ContactKind, Direction, EducationLevel, FactsheetStatus, FieldErrorCode, FundingScheme, InnovationPhase, Ministry,
    PeriodType, ProjectStatus, Province, RegulationKind, Resolution, ReviewRound, ReviewStatus, Role, Rollup,
    ScoreLevel, ScoreMovement, ScoredAspect, Sector, StepField, Theme, Unit, ValueStatus,
};

use crate::api::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Self::Nl => "Nederlands",
            Self::En => "English",
        }
    }
}

const STORAGE_KEY: &str = "zorgpact.lang";

/// The chosen language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

pub fn provide_i18n() -> I18n {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let lang = if stored.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Nl
    };
    let i18n = I18n {
        lang: RwSignal::new(lang),
    };
    set_document_lang(lang);
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A text of the table as a view: follows the language switch.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

impl I18n {
    /// The current language. Reactive.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The language the switch offers. Reactive.
    pub fn other(&self) -> Lang {
        match self.lang() {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    pub fn set(&self, lang: Lang) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        set_document_lang(lang);
        self.lang.set(lang);
    }

    /// A text of the table. Reactive.
    pub fn t(&self, key: T) -> &'static str {
        key.text(self.lang())
    }

    /// A text with `{0}`, `{1}`, … filled in. Reactive.
    pub fn fill(&self, key: T, args: &[&str]) -> String {
        let mut text = self.t(key).to_owned();
        for (i, arg) in args.iter().enumerate() {
            text = text.replace(&format!("{{{i}}}"), arg);
        }
        text
    }

    /// The label of a contract code. Reactive.
    pub fn label(&self, code: impl Label) -> &'static str {
        pick(self.lang(), code.words())
    }

    /// Why the server refused a field, in the page's language, from the problem's
    /// `code` and `limit`; `None` where only the server's own sentence says
    /// enough (which record, which rule). Reactive.
    pub fn field_problem(&self, code: FieldErrorCode, limit: Option<i64>) -> Option<String> {
        let [nl, en] = field_problem_words(code, limit.is_some())?;
        let text = pick(self.lang(), [nl, en]);
        Some(match limit {
            Some(limit) => text.replace("{0}", &self.number(limit as f64)),
            None => text.to_owned(),
        })
    }

    /// A number as the language writes it: `1.234,5` or `1,234.5`. Reactive.
    pub fn number(&self, value: f64) -> String {
        format_number(self.lang(), value)
    }

    /// What went wrong, for the user, in the page's language; the server's own
    /// words are [`ApiError::server_detail`], the technical detail goes to the
    /// browser console.
    pub fn api_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Network(_) => self.t(T::ErrorNetwork).to_owned(),
            ApiError::Decode(_) => self.t(T::ErrorDecode).to_owned(),
            ApiError::SessionExpired => self.t(T::SessionExpired).to_owned(),
            ApiError::Status { status, .. } => {
                let key = match status {
                    401 => T::SessionExpired,
                    403 => T::ForbiddenText,
                    404 => T::ErrorNotFound,
                    409 => T::ErrorConflict,
                    412 => T::StaleText,
                    413 => T::ErrorTooLarge,
                    429 => T::ErrorTooMany,
                    500.. => T::ErrorServer,
                    _ => T::ErrorRefused,
                };
                self.fill(key, &[&status.to_string()])
            }
        }
    }
}

/// The word of `lang` from a `[Dutch, English]` pair.
fn pick(lang: Lang, [nl, en]: [&'static str; 2]) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// `value` written the way `lang` writes numbers (see [`I18n::number`]).
pub fn format_number(lang: Lang, value: f64) -> String {
    let (thousands, decimal) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let decimals = if value.abs() >= 100.0 || value.fract() == 0.0 {
        0
    } else {
        2
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && !text.trim_matches(['0', '.']).is_empty() {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{fraction}")
    }
}

/// `[Dutch, English]` for a refused field, `{0}` the limit; one exhaustive match,
/// so a new code does not compile until it is translated. `None` for the codes
/// whose server sentence carries what matters (the record or rule it names).
fn field_problem_words(code: FieldErrorCode, with_limit: bool) -> Option<[&'static str; 2]> {
    use FieldErrorCode::*;
    Some(match (code, with_limit) {
        (Required, _) => ["Vul dit veld in.", "Fill in this field."],
        (TooLong, true) => [
            "Mag hoogstens {0} tekens lang zijn.",
            "May be at most {0} characters long.",
        ],
        (TooShort, true) => [
            "Moet minstens {0} tekens lang zijn.",
            "Must be at least {0} characters long.",
        ],
        (TooMany, true) => ["Hoogstens {0} toegestaan.", "At most {0} allowed."],
        (OutOfRange, true) => [
            "Buiten het toegestane bereik (grens: {0}).",
            "Out of the allowed range (limit: {0}).",
        ],
        (InvalidFormat, _) => ["Dit heeft niet de juiste vorm.", "This is not in the expected form."],
        (InvalidType, _) => [
            "Dit is niet het verwachte soort waarde.",
            "This is not the expected kind of value.",
        ],
        (UnknownCode, _) => [
            "Kies een van de mogelijke waarden.",
            "Choose one of the possible values.",
        ],
        (Duplicate, _) => [
            "Staat er al; elke waarde mag één keer voorkomen.",
            "Already there; each value may occur once.",
        ],
        (ControlCharacters, _) => [
            "Bevat onzichtbare stuurtekens; haal die weg.",
            "Contains invisible control characters; remove them.",
        ],
        (TooLong | TooShort | TooMany | OutOfRange, false)
        | (UnknownReference | NotAllowed | Inconsistent | Outlier | Invalid, _) => return None,
    })
}

/// A code of the contract with its words in Dutch and English, from one exhaustive
/// `match` per code set: a new code does not compile until it has its label.
pub trait Label: Code {
    /// `[Dutch, English]`.
    fn words(self) -> [&'static str; 2];
}

impl Label for ActionStatus {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Planned => ["Gepland", "Planned"],
            Self::InProgress => ["Bezig", "In progress"],
            Self::Completed => ["Afgerond", "Completed"],
            Self::OnHold => ["Gepauzeerd", "On hold"],
            Self::Cancelled => ["Gestopt", "Cancelled"],
        }
    }
}

impl Label for ActionLine {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Choose => ["Meer kiezen voor de zorg", "More people choose care"],
            Self::Learn => ["Beter leren in de zorg", "Better learning in care"],
            Self::Work => ["Anders werken in de zorg", "Working differently in care"],
        }
    }
}

impl Label for Theme {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::PermanentLeren => ["Permanent leren", "Lifelong learning"],
            Self::ZorgEnTechnologie => ["Zorg en technologie", "Care and technology"],
            Self::LerenInDePraktijk => ["Leren in de praktijk", "Learning in practice"],
            Self::ToenemendeOpleidingseisen => ["Toenemende opleidingseisen", "Rising qualification demands"],
            Self::VmboZorgEnWelzijn => ["Vmbo zorg en welzijn", "Vmbo care and welfare"],
        }
    }
}

impl Label for BarrierStatus {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Submitted => ["Ingediend", "Submitted"],
            Self::Triaged => ["Toegewezen", "Triaged"],
            Self::InAnalysis => ["In analyse", "In analysis"],
            Self::WaitingForRegion => ["Wacht op de regio", "Waiting for the region"],
            Self::Answered => ["Beantwoord", "Answered"],
            Self::Closed => ["Gesloten", "Closed"],
            Self::Rejected => ["Afgewezen", "Rejected"],
            Self::Reopened => ["Heropend", "Reopened"],
        }
    }
}

impl Label for BarrierCategory {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::LawsAndRegulations => ["Wet- en regelgeving", "Laws and regulations"],
            Self::Funding => ["Financiering", "Funding"],
            Self::InstitutionalRules => ["Regels van de instelling", "Institutional rules"],
            Self::Education => ["Onderwijs", "Education"],
            Self::LabourMarket => ["Arbeidsmarkt", "Labour market"],
        }
    }
}

/// The ministries are known by their abbreviations in both languages.
impl Label for Ministry {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Ocw => ["OCW", "OCW"],
            Self::Vws => ["VWS", "VWS"],
            Self::Szw => ["SZW", "SZW"],
        }
    }
}

impl Label for Resolution {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::WithinExistingRules => [
                "Opgelost binnen de bestaande regels",
                "Solved within the existing rules",
            ],
            Self::OtherRegionalApproach => [
                "Opgelost met een andere regionale aanpak",
                "Solved by another regional approach",
            ],
            Self::RuleChange => ["Regel aangepast", "Rule changed"],
            Self::NotResolved => ["Niet opgelost", "Not resolved"],
        }
    }
}

impl Label for BarrierLocation {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::NationalLaw => ["Landelijke wet- en regelgeving", "National law"],
            Self::SubsidyScheme => ["Subsidieregeling", "Subsidy scheme"],
            Self::SectorAgreement => ["Cao of sectorafspraak", "Sector agreement"],
            Self::InstitutionalRules => ["Regels van de instelling zelf", "The institution's own rules"],
            Self::Other => ["Elders", "Elsewhere"],
        }
    }
}

/// How a contact about a ticket took place.
impl Label for ContactKind {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Meeting => ["Overleg", "Meeting"],
            Self::PhoneCall => ["Telefoongesprek", "Phone call"],
            Self::Email => ["E-mail", "E-mail"],
        }
    }
}

impl Label for RegulationKind {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Law => ["Wet", "Law"],
            Self::SubsidyScheme => ["Subsidieregeling", "Subsidy scheme"],
            Self::SectorAgreement => ["Sectorafspraak", "Sector agreement"],
            Self::Regulation => ["Regeling of beleidsregel", "Regulation or policy rule"],
            Self::Other => ["Anders", "Other"],
        }
    }
}

/// The fields of a workflow step, as a form labels them.
impl Label for StepField {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Note => ["Toelichting", "Note"],
            Self::Ministry => ["Ministerie", "Ministry"],
            Self::Official => ["Behandelaar", "Official"],
            Self::Answer => ["Antwoord", "Answer"],
            Self::Resolution => ["Uitkomst", "Outcome"],
            Self::Location => ["Waar de belemmering zit", "Where the barrier sits"],
            Self::Reason => ["Reden van afwijzing", "Reason for rejection"],
            Self::Public => ["Antwoord openbaar voor alle regio's", "Answer public to every region"],
        }
    }
}

impl Label for ValueStatus {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Provisional => ["Voorlopig", "Provisional"],
            Self::Final => ["Definitief", "Final"],
            Self::Revised => ["Herzien", "Revised"],
        }
    }
}

impl Label for Sector {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Care => ["zorg", "care"],
            Self::Welfare => ["welzijn", "welfare"],
            // The school types and UWV read the same in both languages.
            Self::Vmbo => ["vmbo", "vmbo"],
            Self::Mbo => ["mbo", "mbo"],
            Self::Hbo => ["hbo", "hbo"],
            Self::Municipality => ["gemeente", "municipality"],
            Self::Province => ["provincie", "province"],
            Self::Uwv => ["UWV", "UWV"],
            Self::Insurer => ["zorgverzekeraar", "health insurer"],
            Self::WorksCouncil => ["ondernemingsraad", "works council"],
            Self::Other => ["overig", "other"],
        }
    }
}

impl Label for Role {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Admin => ["programmateam (beheer)", "programme team (admin)"],
            Self::Coordinator => ["regiocoördinator", "regional coordinator"],
            Self::Official => ["ministerie", "ministry official"],
            Self::Analyst => ["analist", "analyst"],
            Self::Partner => ["partnersysteem", "partner system"],
        }
    }
}

impl Label for Unit {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Persons => ["personen", "persons"],
            Self::Percent => ["procent", "percent"],
            Self::Hours => ["uren", "hours"],
            Self::Index => ["index", "index"],
            Self::Count => ["aantal", "count"],
        }
    }
}

impl Label for Direction {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::HigherIsBetter => ["hoger is beter", "higher is better"],
            Self::LowerIsBetter => ["lager is beter", "lower is better"],
        }
    }
}

impl Label for Rollup {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Sum => ["som van de regio's", "sum of the regions"],
            Self::Mean => ["gemiddelde van de regio's", "mean of the regions"],
            Self::WeightedMean => [
                "gewogen gemiddelde (naar aantal werknemers)",
                "weighted mean (by number of employees)",
            ],
        }
    }
}

impl Label for PeriodType {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Year => ["jaar", "year"],
            Self::Quarter => ["kwartaal", "quarter"],
            Self::Month => ["maand", "month"],
        }
    }
}

impl Label for AgendaRole {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Projecttrekker => ["projecttrekker", "project lead (projecttrekker)"],
            Self::Platform => ["platform", "platform"],
            Self::Podium => ["podium", "showcase (podium)"],
        }
    }
}

/// Whether a factsheet was ever published.
impl Label for FactsheetStatus {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Draft => ["Concept", "Draft"],
            Self::Published => ["Gepubliceerd", "Published"],
        }
    }
}

impl Label for CareDomain {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::MentalHealth => ["GGZ", "Mental health care"],
            Self::ElderlyAndHomeCare => ["Ouderen- en thuiszorg", "Elderly and home care"],
            Self::Hospital => ["Ziekenhuiszorg", "Hospital care"],
            Self::PrimaryCare => ["Eerstelijnszorg", "Primary care"],
            Self::YouthCare => ["Jeugdzorg", "Youth care"],
            Self::Welfare => ["Welzijn", "Welfare"],
        }
    }
}

impl Label for EducationLevel {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Vmbo => ["vmbo", "vmbo"],
            Self::Mbo1 => ["mbo 1", "mbo 1"],
            Self::Mbo2 => ["mbo 2", "mbo 2"],
            Self::Mbo3 => ["mbo 3", "mbo 3"],
            Self::Mbo4 => ["mbo 4", "mbo 4"],
            Self::Hbo => ["hbo", "hbo"],
            Self::Wo => ["wo", "wo"],
        }
    }
}

impl Label for ProjectStatus {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Draft => ["Concept", "Draft"],
            Self::Proposed => ["Voorgesteld", "Proposed"],
            Self::Published => ["Gepubliceerd", "Published"],
        }
    }
}

impl Label for Province {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Groningen => ["Groningen", "Groningen"],
            Self::Friesland => ["Friesland", "Friesland"],
            Self::Drenthe => ["Drenthe", "Drenthe"],
            Self::Overijssel => ["Overijssel", "Overijssel"],
            Self::Flevoland => ["Flevoland", "Flevoland"],
            Self::Gelderland => ["Gelderland", "Gelderland"],
            Self::Utrecht => ["Utrecht", "Utrecht"],
            Self::NoordHolland => ["Noord-Holland", "North Holland"],
            Self::ZuidHolland => ["Zuid-Holland", "South Holland"],
            Self::Zeeland => ["Zeeland", "Zeeland"],
            Self::NoordBrabant => ["Noord-Brabant", "North Brabant"],
            Self::Limburg => ["Limburg", "Limburg"],
        }
    }
}

impl Label for FundingScheme {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Rif => ["RIF", "RIF"],
            Self::Other => ["Andere regeling", "Other scheme"],
        }
    }
}

impl Label for ReviewRound {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::SharpenQuestion => [
                "Ronde 1: de overkoepelende vraag aanscherpen",
                "Round 1: sharpen the overarching question",
            ],
            Self::CooperationInnovation => [
                "Ronde 2: samenwerking en innovatie",
                "Round 2: cooperation and innovation",
            ],
            Self::RealiseAndSecure => [
                "Ronde 3: resultaten realiseren en borgen",
                "Round 3: realise and secure results",
            ],
        }
    }
}

impl Label for ReviewStatus {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Draft => ["Concept", "Draft"],
            Self::Shared => ["Gedeeld", "Shared"],
            Self::Final => ["Definitief", "Final"],
        }
    }
}

impl Label for InnovationPhase {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Exploring => ["Verkennen", "Exploring"],
            Self::Directing => ["Richten", "Directing"],
            Self::Organising => ["Inrichten", "Organising"],
            Self::Executing => ["Verrichten", "Executing"],
            Self::Securing => ["Borgen", "Securing"],
        }
    }
}

impl Label for ScoredAspect {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::RegionalVision => ["Regiovisie", "Regional vision"],
            Self::ActionPlan => ["Actieplan", "Action plan"],
            Self::Governance => ["Governance", "Governance"],
        }
    }
}

impl Label for ScoreLevel {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Strengthen => ["Verstevigen", "Strengthen"],
            Self::Broaden => ["Verbreden", "Broaden"],
            Self::Sustain => ["Verduurzamen", "Sustain"],
        }
    }
}

impl Label for ScoreMovement {
    fn words(self) -> [&'static str; 2] {
        match self {
            Self::Forward => ["Vooruit", "Forward"],
            Self::Same => ["Gelijk", "Same"],
            Self::Back => ["Achteruit", "Back"],
        }
    }
}

/// The keys of the translation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    // The frame
    AppName,
    Subtitle,
    SkipToContent,
    MainNav,
    NavOverview,
    NavIndicators,
    NavMonitor,
    NavBarriers,
    SwitchLanguage,
    Logout,
    Breadcrumb,
    BackToOverview,
    // Login and session
    LoginTitle,
    LoginIntro,
    Email,
    Password,
    LoginSubmit,
    LoggingIn,
    LoginWrong,
    LoginRateLimited,
    SessionExpired,
    LoggedOutNote,
    CheckingSession,
    // States
    Loading,
    LoadFailed,
    Retry,
    NotFound,
    PageNotFoundText,
    ForbiddenTitle,
    ForbiddenText,
    StaleTitle,
    StaleText,
    ReloadLatest,
    ErrorNetwork,
    ErrorDecode,
    ErrorNotFound,
    ErrorConflict,
    ErrorTooLarge,
    ErrorTooMany,
    ErrorServer,
    ErrorRefused,
    // Forms
    Required,
    FieldRequired,
    FormHasErrors,
    ActionSaved,
    BarrierFiled,
    FactsheetSaved,
    MustBeNumber,
    MustBeWholeNumber,
    Save,
    Saving,
    Cancel,
    Edit,
    Choose,
    All,
    // Overview
    OverviewTitle,
    KeyIndicator,
    ActionsPerStatus,
    OpenBarriers,
    LatestValue,
    Target,
    NoValue,
    NoTarget,
    NoActions,
    TrendOf,
    // Public parts of a region, and the national monitor
    AgendaInCounts,
    Actions,
    MeanProgress,
    ActionsPerLine,
    MonitorTitle,
    MonitorIntro,
    NationalFigures,
    NationalFigure,
    CoverageHeading,
    RegionsOnTheMap,
    MapChoices,
    Gap,
    Legend,
    // Region
    Region,
    Regions,
    AllRegions,
    SignedOn,
    AgendaRole,
    Ambition,
    Partners,
    NoPartners,
    ActionAgenda,
    NewAction,
    FilterActions,
    Search,
    ActionCount,
    NoActionsMatch,
    Indicators,
    NoIndicatorData,
    ValueAgainstTarget,
    ChartAsTable,
    // Actions
    Title,
    Description,
    ActionLine,
    Theme,
    Themes,
    Status,
    Progress,
    ProgressPercent,
    Owner,
    StartDate,
    EndDate,
    LinkedIndicators,
    ArchivedNote,
    Archived,
    ShowArchived,
    ShowingArchive,
    ArchiveAction,
    ArchiveConfirmTitle,
    ArchiveConfirmText,
    ArchiveConfirm,
    ActionArchived,
    RestoreAction,
    ActionRestored,
    Targets,
    TargetsIntro,
    NoTargets,
    EnterTarget,
    SaveTarget,
    TargetSaved,
    ReplacesTarget,
    EditTargetOf,
    NewActionTitle,
    EditActionTitle,
    Timeline,
    NoUpdates,
    AddUpdate,
    AddUpdateSubmit,
    UpdateAdded,
    Date,
    Note,
    // Indicator values
    EnterValue,
    Indicator,
    Period,
    PeriodHintYear,
    PeriodHintQuarter,
    PeriodHintMonth,
    Value,
    ValueStatus,
    Source,
    SaveValue,
    ValueSaved,
    ReplacesValue,
    // Explorer
    ExplorerTitle,
    ExplorerChoices,
    FromPeriod,
    ToPeriod,
    Earliest,
    Latest,
    SelectAll,
    SelectNone,
    PickRegions,
    National,
    NationalExplained,
    NationalChartLabel,
    ExplorerChartLabel,
    Coverage,
    MissingRegions,
    WithoutWeight,
    Formula,
    DerivedExplained,
    DerivedNotEntered,
    ValuesPerPeriod,
    NoData,
    DownloadCsv,
    DownloadJson,
    Unit,
    Direction,
    PeriodType,
    RollupRule,
    // Barriers
    NoBarriers,
    FileBarrier,
    FileBarrierIntro,
    FileBarrierSubmit,
    BarrierQuestion,
    Category,
    Ministry,
    MinistryUnknown,
    NotAssigned,
    FiledOn,
    ClosedAt,
    Answer,
    NoAnswerYet,
    Resolution,
    Official,
    RejectionReason,
    WhereItSits,
    NextStep,
    ChooseStep,
    StepTo,
    TakeStep,
    StepTaken,
    FiledTicket,
    ServiceClock,
    FirstResponse,
    Handling,
    Norm,
    WorkingDay,
    WorkingDays,
    Overdue,
    // Barrier tickets: board filters, duplicates, comments, contacts, figures
    FilterBarriers,
    AllMinistries,
    OnlyOverdue,
    BarrierCount,
    NavBarrierFigures,
    ShowFigures,
    DuplicateOf,
    DuplicateFollows,
    Duplicates,
    DuplicatesIntro,
    MarkDuplicate,
    OriginalTicket,
    MarkDuplicateSubmit,
    UndoDuplicate,
    MarkedDuplicate,
    UnmarkedDuplicate,
    Comments,
    NoComments,
    CommentBody,
    InternalNote,
    InternalNoteChoice,
    AddComment,
    CommentAdded,
    Contacts,
    NoContacts,
    ContactKind,
    TicketRules,
    NoTicketRules,
    ContactOn,
    Participants,
    RecordedBy,
    LogContact,
    LogContactSubmit,
    ContactLogged,
    MeetingOne,
    MeetingMany,
    PhoneCallOne,
    PhoneCallMany,
    EmailOne,
    EmailMany,
    FiguresTitle,
    FiguresIntro,
    FiguresPublic,
    LoginForMore,
    Totals,
    TicketsTotal,
    DuplicatesTotal,
    OpenTickets,
    OverdueTotal,
    OverdueShare,
    OpenOverdue,
    ContactsTotal,
    ByStatus,
    ByResolution,
    ByMinistry,
    ByCategory,
    ByLocation,
    ByRegion,
    ContactsByKind,
    Tickets,
    NoResolutionYet,
    LocationUnknown,
    SpeedByMinistry,
    FirstResponseMedian,
    FirstResponseP90,
    AnswerMedian,
    AnswerP90,
    TicketsMeasured,
    DownloadFiguresCsv,
    Breakdown,
    // Factsheets and suggestions
    Factsheets,
    FactsheetsIntro,
    AllFactsheets,
    PublicFactsheets,
    Factsheet,
    BarrierTicket,
    RulesConcerned,
    EarlierAnswers,
    EarlierAnswersIntro,
    // Writing factsheets
    NewFactsheet,
    EditFactsheet,
    FactsheetFormIntro,
    Question,
    QuestionHint,
    AnswerHint,
    LinkedTickets,
    SaveDraft,
    Publish,
    Publishing,
    PublishedAsVersion,
    NothingToPublish,
    VersionN,
    UnpublishedChanges,
    NeverPublished,
    FactsheetDrafts,
    NoFactsheetDrafts,
    PublishedFactsheets,
    NoFactsheets,
    // The footer and the accessibility statement
    FooterNav,
    AccessibilityLink,
    StatementTitle,
    StatementIntro,
    StatementOrganisationLabel,
    StatementOrganisation,
    StatementStandardLabel,
    StatementStandard,
    StatementStatusLabel,
    StatementStatus,
    StatementDateLabel,
    StatementDate,
    StatementScopeTitle,
    StatementScope,
    StatementStatusTitle,
    StatementStatusText,
    StatementTestingTitle,
    StatementTestAxe,
    StatementTestPages,
    StatementTestStates,
    StatementTestKeyboard,
    StatementTestReflow,
    StatementTestCi,
    StatementLimitsTitle,
    StatementLimitAudit,
    StatementLimitCharts,
    StatementLimitLanguage,
    StatementLimitServerWords,
    StatementLimitApiDocs,
    StatementContactTitle,
    StatementContact,
    StatementOmbudsman,
    // Kopgroep
    NavKopgroep,
    KopgroepIntro,
    FilterProjects,
    SearchProjects,
    CareDomain,
    CareDomains,
    AllCareDomains,
    AllThemes,
    Province,
    AllProvinces,
    EducationLevel,
    EducationLevels,
    AllEducationLevels,
    ProjectCount,
    NoProjects,
    KopgroepFigures,
    PerCareDomain,
    PerProvince,
    InCatalogue,
    ByProgramme,
    ProgrammeFiguresNote,
    CatalogueTotal,
    Coalitions,
    CoalitionMembers,
    NoMembersYet,
    Story,
    Results,
    Funding,
    SupportTracks,
    SimilarProjects,
    NoSimilarProjects,
    AllProjects,
    ProjectName,
    ProposeProject,
    ProposeProjectIntro,
    ProjectProposed,
    ProposedProjects,
    NoProposals,
    // Progress reviews (Volgspot)
    NavReviews,
    Reviews,
    Review,
    NoReviews,
    NewReview,
    ReviewCreated,
    EditReview,
    ReviewSaved,
    Round,
    ReviewDate,
    PartWhy,
    PartWhat,
    PartHow,
    PartProcess,
    PartProgress,
    WhyQuestion,
    WhyTransition,
    WhatThemes,
    WhatFocusAreas,
    HowCooperation,
    HowPartners,
    HowSuccessFactors,
    HowBarriers,
    LinkedBarriers,
    ProcessPhase,
    ProcessNotes,
    ProgressResults,
    Intentions,
    IntentionsHint,
    NoIntentions,
    NoPhase,
    ShareReview,
    FinaliseReview,
    CorrectReview,
    ReviewShared,
    ReviewFinalised,
    FinalReadOnly,
    VersionOf,
    VersionHistory,
    Superseded,
    OpenNewestVersion,
    Scores,
    NoScores,
    SaveScores,
    ScoresSaved,
    Motivation,
    Level,
    Aspect,
    MakeAction,
    ActionMade,
    BecameAction,
    FromReview,
    ScoresAcrossRounds,
    ScoresAcrossRoundsCaption,
    ScoreMatrix,
    ScoreMatrixIntro,
    ScoreMatrixCaption,
    NoScoredRegions,
    Report,
    OpenReport,
    Print,
    ReportAsOf,
    ReportIndicators,
    ReportActions,
    NoReportedProgress,
    ReportedOn,
    BackToReview,
    ChooseLevel,
}

impl T {
    pub fn text(self, lang: Lang) -> &'static str {
        pick(lang, self.texts())
    }

    /// The table: `[Dutch, English]`. `{0}`, `{1}` are filled in by [`I18n::fill`].
    fn texts(self) -> [&'static str; 2] {
        use T::*;
        match self {
            AppName => ["Zorgpact", "Zorgpact"],
            Subtitle => [
                "Regionale zorgpacten: actieagenda's, indicatoren en belemmeringen",
                "Regional care pacts: action agendas, indicators and barriers",
            ],
            SkipToContent => ["Naar de inhoud", "Skip to content"],
            MainNav => ["Hoofdmenu", "Main menu"],
            NavOverview => ["Overzicht", "Overview"],
            NavIndicators => ["Indicatoren", "Indicators"],
            NavMonitor => ["Landelijke monitor", "National monitor"],
            NavBarriers => ["Belemmeringen", "Barrier tickets"],
            SwitchLanguage => ["Switch to English", "Schakel naar Nederlands"],
            Logout => ["Uitloggen", "Log out"],
            Breadcrumb => ["Kruimelpad", "Breadcrumb"],
            BackToOverview => ["Terug naar het overzicht", "Back to the overview"],

            LoginTitle => ["Inloggen", "Log in"],
            LoginIntro => [
                "Log in met het e-mailadres en wachtwoord van uw Zorgpact-account.",
                "Log in with the e-mail address and password of your Zorgpact account.",
            ],
            Email => ["E-mailadres", "E-mail address"],
            Password => ["Wachtwoord", "Password"],
            LoginSubmit => ["Inloggen", "Log in"],
            LoggingIn => ["Bezig met inloggen…", "Logging in…"],
            LoginWrong => [
                "Het e-mailadres of het wachtwoord klopt niet.",
                "The e-mail address or the password is wrong.",
            ],
            LoginRateLimited => [
                "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.",
                "Too many failed attempts. Try again in fifteen minutes.",
            ],
            SessionExpired => [
                "Uw sessie is verlopen. Log opnieuw in.",
                "Your session has expired. Please log in again.",
            ],
            LoggedOutNote => ["U bent uitgelogd.", "You have logged out."],
            CheckingSession => ["Sessie controleren…", "Checking your session…"],

            Loading => ["Laden…", "Loading…"],
            LoadFailed => ["Dit kon niet worden geladen.", "This could not be loaded."],
            Retry => ["Opnieuw proberen", "Try again"],
            NotFound => ["Niet gevonden.", "Not found."],
            PageNotFoundText => [
                "Deze pagina bestaat niet (meer).",
                "This page does not exist (any more).",
            ],
            ForbiddenTitle => ["Geen toegang.", "Not allowed."],
            ForbiddenText => [
                "Uw rol mag dit niet doen. Denkt u dat dit niet klopt, neem dan contact op met het programmateam.",
                "Your role may not do this. If you think that is wrong, contact the programme team.",
            ],
            StaleTitle => [
                "Iemand anders heeft dit intussen gewijzigd.",
                "Someone else changed this in the meantime.",
            ],
            StaleText => [
                "Uw wijzigingen zijn niet opgeslagen. Laad de nieuwste versie en voer uw wijzigingen opnieuw in.",
                "Your changes were not saved. Load the latest version and make your changes again.",
            ],
            ReloadLatest => ["Nieuwste versie laden", "Load the latest version"],
            ErrorNetwork => [
                "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.",
                "The server cannot be reached. Check your connection and try again.",
            ],
            ErrorDecode => [
                "Het antwoord van de server was niet te lezen.",
                "The server's answer could not be read.",
            ],
            ErrorNotFound => ["Dit bestaat niet (meer).", "This does not exist (any more)."],
            ErrorConflict => [
                "Dit botst met de huidige stand van zaken.",
                "This conflicts with the current state.",
            ],
            ErrorTooLarge => ["De invoer is te groot.", "The input is too large."],
            ErrorTooMany => [
                "Te veel verzoeken. Wacht even en probeer het opnieuw.",
                "Too many requests. Wait a moment and try again.",
            ],
            ErrorServer => [
                "Er ging iets mis op de server (fout {0}). Probeer het later opnieuw.",
                "Something went wrong on the server (error {0}). Try again later.",
            ],
            ErrorRefused => [
                "De server weigerde het verzoek (fout {0}).",
                "The server refused the request (error {0}).",
            ],

            Required => ["verplicht", "required"],
            FieldRequired => ["Vul dit veld in.", "Fill in this field."],
            FormHasErrors => [
                "Het formulier bevat fouten; ze staan bij de velden.",
                "The form has errors; they are shown at the fields.",
            ],
            ActionSaved => ["De actie is opgeslagen.", "The action has been saved."],
            BarrierFiled => ["De belemmering is ingediend.", "The barrier ticket has been filed."],
            FactsheetSaved => ["De factsheet is opgeslagen.", "The factsheet has been saved."],
            MustBeNumber => ["Vul een getal in.", "Enter a number."],
            MustBeWholeNumber => ["Vul een heel getal in.", "Enter a whole number."],
            Save => ["Opslaan", "Save"],
            Saving => ["Opslaan…", "Saving…"],
            Cancel => ["Annuleren", "Cancel"],
            Edit => ["Bewerken", "Edit"],
            Choose => ["Kies…", "Choose…"],
            All => ["Alle", "All"],

            OverviewTitle => ["Alle regio's", "All regions"],
            KeyIndicator => ["Kernindicator", "Key indicator"],
            ActionsPerStatus => ["Acties per status", "Actions by status"],
            OpenBarriers => ["Open belemmeringen", "Open barrier tickets"],
            LatestValue => ["Laatste waarde", "Latest value"],
            Target => ["Doel", "Target"],
            NoValue => ["geen waarde", "no value"],
            NoTarget => ["geen doel", "no target"],
            NoActions => ["Nog geen acties.", "No actions yet."],
            TrendOf => ["Verloop van {0} in {1}", "Trend of {0} in {1}"],
            AgendaInCounts => ["Actieagenda in cijfers", "Action agenda in figures"],
            Actions => ["Acties", "Actions"],
            MeanProgress => ["Gemiddelde voortgang", "Mean progress"],
            ActionsPerLine => ["Acties per actielijn", "Actions by action line"],
            MonitorTitle => ["Landelijke monitor", "National monitor"],
            MonitorIntro => [
                "De kernindicatoren van het programma: het landelijke cijfer, en per regio de waarde tegenover het doel.",
                "The programme's key indicators: the national figure, and per region the value against its target.",
            ],
            NationalFigures => ["Landelijke cijfers", "National figures"],
            NationalFigure => ["Landelijk", "National"],
            CoverageHeading => ["Gebaseerd op", "Based on"],
            RegionsOnTheMap => ["Regio's op de kaart", "Regions on the map"],
            MapChoices => ["Keuzes voor de kaart", "Map choices"],
            Gap => ["Verschil met doel", "Gap to target"],
            Legend => ["Legenda", "Legend"],

            Region => ["Regio", "Region"],
            Regions => ["Regio's", "Regions"],
            AllRegions => ["Alle regio's", "All regions"],
            SignedOn => ["Getekend op", "Signed on"],
            AgendaRole => ["Rol van de agenda", "Role of the agenda"],
            Ambition => ["Ambitie", "Ambition"],
            Partners => ["Partners", "Partners"],
            NoPartners => ["Geen partners vastgelegd.", "No partners recorded."],
            ActionAgenda => ["Actieagenda", "Action agenda"],
            NewAction => ["Nieuwe actie", "New action"],
            FilterActions => ["Acties filteren", "Filter actions"],
            Search => ["Zoeken", "Search"],
            ActionCount => ["{0} acties", "{0} actions"],
            NoActionsMatch => ["Geen acties gevonden.", "No actions found."],
            Indicators => ["Indicatoren", "Indicators"],
            NoIndicatorData => [
                "Nog geen waarden of doelen voor deze regio.",
                "No values or targets for this region yet.",
            ],
            ValueAgainstTarget => ["{0}: waarde en doel per periode", "{0}: value and target per period"],
            ChartAsTable => ["De cijfers als tabel", "The figures as a table"],

            Title => ["Titel", "Title"],
            Description => ["Beschrijving", "Description"],
            ActionLine => ["Actielijn", "Action line"],
            Theme => ["Thema", "Theme"],
            Themes => ["Thema's", "Themes"],
            Status => ["Status", "Status"],
            Progress => ["Voortgang", "Progress"],
            ProgressPercent => ["Voortgang (%)", "Progress (%)"],
            Owner => ["Kartrekker", "Owner"],
            StartDate => ["Startdatum", "Start date"],
            EndDate => ["Einddatum", "End date"],
            LinkedIndicators => [
                "Indicatoren die de actie wil beïnvloeden",
                "Indicators the action means to move",
            ],
            ArchivedNote => [
                "Deze actie is gearchiveerd en kan niet meer veranderen.",
                "This action is archived and can no longer change.",
            ],
            Archived => ["gearchiveerd", "archived"],
            ShowArchived => ["Gearchiveerde acties tonen", "Show archived actions"],
            ShowingArchive => [
                "U ziet de gearchiveerde acties van deze regio.",
                "You are looking at this region's archived actions.",
            ],
            ArchiveAction => ["Archiveren", "Archive"],
            ArchiveConfirmTitle => ["Actie archiveren?", "Archive this action?"],
            ArchiveConfirmText => [
                "De actie verdwijnt van de agenda en kan niet meer veranderen. U kunt haar later terugzetten.",
                "The action leaves the agenda and can no longer change. You can restore it later.",
            ],
            ArchiveConfirm => ["Ja, archiveren", "Yes, archive"],
            ActionArchived => ["De actie is gearchiveerd.", "The action has been archived."],
            RestoreAction => ["Terugzetten", "Restore"],
            ActionRestored => ["De actie staat weer op de agenda.", "The action is back on the agenda."],
            Targets => ["Doelen per periode", "Targets per period"],
            TargetsIntro => [
                "De ambities van de regio per indicator en periode.",
                "The region's ambitions per indicator and period.",
            ],
            NoTargets => ["Nog geen doelen vastgelegd.", "No targets set yet."],
            EnterTarget => ["Doel vastleggen", "Set a target"],
            SaveTarget => ["Doel opslaan", "Save target"],
            TargetSaved => ["Het doel is opgeslagen.", "The target has been saved."],
            ReplacesTarget => ["Vervangt het doel {0} voor {1}.", "Replaces the target {0} for {1}."],
            EditTargetOf => ["Doel {0} {1} bewerken", "Edit target {0} {1}"],
            NewActionTitle => ["Nieuwe actie", "New action"],
            EditActionTitle => ["Actie bewerken", "Edit action"],
            Timeline => ["Tijdlijn", "Timeline"],
            NoUpdates => ["Nog geen voortgang gemeld.", "No progress reported yet."],
            AddUpdate => ["Voortgang melden", "Report progress"],
            AddUpdateSubmit => ["Toevoegen aan de tijdlijn", "Add to the timeline"],
            UpdateAdded => ["De voortgang staat op de tijdlijn.", "The progress is on the timeline."],
            Date => ["Datum", "Date"],
            Note => ["Toelichting", "Note"],

            EnterValue => ["Waarde invoeren", "Enter a value"],
            Indicator => ["Indicator", "Indicator"],
            Period => ["Periode", "Period"],
            PeriodHintYear => ["Een jaar, bijvoorbeeld 2025.", "A year, for example 2025."],
            PeriodHintQuarter => ["Een kwartaal, bijvoorbeeld 2025-Q3.", "A quarter, for example 2025-Q3."],
            PeriodHintMonth => ["Een maand, bijvoorbeeld 2025-07.", "A month, for example 2025-07."],
            Value => ["Waarde", "Value"],
            ValueStatus => ["Status van de waarde", "Status of the value"],
            Source => ["Bron", "Source"],
            SaveValue => ["Waarde opslaan", "Save value"],
            ValueSaved => ["De waarde is opgeslagen.", "The value has been saved."],
            ReplacesValue => [
                "Vervangt de bestaande waarde {0} voor {1}.",
                "Replaces the existing value {0} for {1}.",
            ],

            ExplorerTitle => ["Indicatorverkenner", "Indicator explorer"],
            ExplorerChoices => ["Keuzes van de verkenner", "Explorer choices"],
            FromPeriod => ["Vanaf periode", "From period"],
            ToPeriod => ["Tot en met periode", "To period"],
            Earliest => ["Vanaf het begin", "From the start"],
            Latest => ["Tot de laatste", "To the latest"],
            SelectAll => ["Alle regio's", "All regions"],
            SelectNone => ["Geen regio", "No region"],
            PickRegions => [
                "Kies een of meer regio's om hun verloop te zien.",
                "Choose one or more regions to see their trend.",
            ],
            National => ["Landelijk", "National"],
            NationalExplained => [
                "Landelijk cijfer uit de waarden van de regio's: {0}. De tabel toont per periode hoeveel regio's hebben gerapporteerd.",
                "National figure from the regions' values: {0}. The table shows per period how many regions reported.",
            ],
            NationalChartLabel => ["{0}: landelijk per periode", "{0}: national per period"],
            ExplorerChartLabel => ["{0} per regio en periode", "{0} per region and period"],
            Coverage => ["{0} van {1} regio's", "{0} of {1} regions"],
            MissingRegions => ["Ontbreekt: {0}", "Missing: {0}"],
            WithoutWeight => ["Zonder gewicht: {0}", "Without weight: {0}"],
            Formula => ["Formule", "Formula"],
            DerivedExplained => [
                "Afgeleide indicator, berekend uit andere indicatoren: {0}",
                "Derived indicator, computed from other indicators: {0}",
            ],
            DerivedNotEntered => [
                "Afgeleide indicatoren worden berekend en kunnen niet worden ingevoerd.",
                "Derived indicators are computed and cannot be entered.",
            ],
            ValuesPerPeriod => ["Waarden per periode", "Values per period"],
            NoData => ["Geen waarden voor deze keuze.", "No values for this choice."],
            DownloadCsv => ["Download CSV", "Download CSV"],
            DownloadJson => ["Download JSON", "Download JSON"],
            Unit => ["Eenheid", "Unit"],
            Direction => ["Richting", "Direction"],
            PeriodType => ["Periode per", "Reported per"],
            RollupRule => ["Landelijke optelling", "National roll-up"],

            NoBarriers => ["Geen belemmeringen.", "No barrier tickets."],
            FileBarrier => ["Belemmering melden", "File a barrier ticket"],
            FileBarrierIntro => [
                "Loopt uw regio aan tegen een wet, een subsidieregel of een regel van een instelling? Meld het: een ministerie (OCW, VWS of SZW) zoekt het met u uit.",
                "Does your region run into a law, a subsidy rule or an institution's rule? File it: a ministry (OCW, VWS or SZW) will look into it with you.",
            ],
            FileBarrierSubmit => ["Belemmering indienen", "Submit the barrier ticket"],
            BarrierQuestion => [
                "Welke regel staat wat in de weg?",
                "Which rule stands in the way of what?",
            ],
            Category => ["Soort regel", "Kind of rule"],
            Ministry => ["Ministerie", "Ministry"],
            MinistryUnknown => ["Weet ik niet", "Don't know"],
            NotAssigned => ["nog niet toegewezen", "not assigned yet"],
            FiledOn => ["Gemeld op", "Filed on"],
            ClosedAt => ["Gesloten op", "Closed on"],
            Answer => ["Antwoord", "Answer"],
            NoAnswerYet => ["Nog geen antwoord.", "No answer yet."],
            Resolution => ["Uitkomst", "Outcome"],
            Official => ["Behandelaar", "Official"],
            RejectionReason => ["Reden van afwijzing", "Reason for rejection"],
            WhereItSits => ["Waar de belemmering zit", "Where the barrier sits"],
            NextStep => ["Volgende stap", "Next step"],
            ChooseStep => ["Kies een stap", "Choose a step"],
            StepTo => ["Naar", "To"],
            TakeStep => ["Stap zetten", "Take the step"],
            StepTaken => ["De stap is gezet.", "The step has been taken."],
            FiledTicket => ["ingediend", "filed"],
            ServiceClock => ["Doorlooptijd", "Service clock"],
            FirstResponse => ["eerste reactie", "first response"],
            Handling => ["behandeling", "handling"],
            Norm => ["norm", "target"],
            WorkingDay => ["werkdag", "working day"],
            WorkingDays => ["werkdagen", "working days"],
            Overdue => ["Over de norm", "Overdue"],

            FilterBarriers => ["Belemmeringen filteren", "Filter barrier tickets"],
            AllMinistries => ["Alle ministeries", "All ministries"],
            OnlyOverdue => ["Alleen over tijd", "Only overdue"],
            BarrierCount => ["{0} belemmeringen", "{0} barrier tickets"],
            NavBarrierFigures => ["Cijfers", "Figures"],
            ShowFigures => ["Cijfers over alle belemmeringen", "Figures on all barrier tickets"],
            DuplicateOf => ["Duplicaat van", "Duplicate of"],
            DuplicateFollows => [
                "Deze belemmering stelt dezelfde vraag als een eerdere en volgt de uitkomst daarvan.",
                "This ticket asks the same as an earlier one and follows its outcome.",
            ],
            Duplicates => ["Duplicaten", "Duplicates"],
            DuplicatesIntro => [
                "Deze belemmeringen zijn als duplicaat van deze gemarkeerd:",
                "These tickets are marked as duplicates of this one:",
            ],
            MarkDuplicate => ["Duplicaat", "Duplicate"],
            OriginalTicket => ["Origineel", "Original"],
            MarkDuplicateSubmit => ["Markeren als duplicaat", "Mark as duplicate"],
            UndoDuplicate => ["Niet langer een duplicaat", "No longer a duplicate"],
            MarkedDuplicate => [
                "De belemmering is gemarkeerd als duplicaat.",
                "The ticket is marked as a duplicate.",
            ],
            UnmarkedDuplicate => [
                "De belemmering is niet langer een duplicaat.",
                "The ticket is no longer a duplicate.",
            ],
            Comments => ["Reacties", "Comments"],
            NoComments => ["Nog geen reacties.", "No comments yet."],
            CommentBody => ["Reactie", "Comment"],
            InternalNote => ["Interne notitie", "Internal note"],
            InternalNoteChoice => [
                "Interne notitie (alleen zichtbaar voor ministerie en programmateam)",
                "Internal note (only visible to the ministry and the programme team)",
            ],
            AddComment => ["Reactie plaatsen", "Post the comment"],
            CommentAdded => ["De reactie is geplaatst.", "The comment has been posted."],
            Contacts => ["Contacten", "Contacts"],
            NoContacts => ["Nog geen contacten vastgelegd.", "No contacts logged yet."],
            ContactKind => ["Soort contact", "Kind of contact"],
            TicketRules => ["Regels en regelingen", "Rules and schemes"],
            NoTicketRules => [
                "Er zijn (nog) geen regels of regelingen aan deze belemmering gekoppeld.",
                "No rules or schemes are linked to this ticket (yet).",
            ],
            ContactOn => ["Datum van het contact", "Date of the contact"],
            Participants => ["Deelnemers", "Participants"],
            RecordedBy => ["Vastgelegd door", "Logged by"],
            LogContact => ["Contact vastleggen", "Log a contact"],
            LogContactSubmit => ["Contact opslaan", "Save the contact"],
            ContactLogged => ["Het contact is vastgelegd.", "The contact has been logged."],
            MeetingOne => ["overleg", "meeting"],
            MeetingMany => ["overleggen", "meetings"],
            PhoneCallOne => ["telefoongesprek", "phone call"],
            PhoneCallMany => ["telefoongesprekken", "phone calls"],
            EmailOne => ["e-mail", "e-mail"],
            EmailMany => ["e-mails", "e-mails"],
            FiguresTitle => ["Cijfers belemmeringen", "Barrier ticket figures"],
            FiguresIntro => [
                "Stand op {0}. Doorlooptijden in werkdagen (zonder weekenden en feestdagen).",
                "As of {0}. Times in working days (without weekends and public holidays).",
            ],
            FiguresPublic => ["Deze cijfers zijn openbaar.", "These figures are public."],
            LoginForMore => [
                "Inloggen om belemmeringen te melden en te behandelen",
                "Log in to file and handle barrier tickets",
            ],
            Totals => ["Totalen", "Totals"],
            TicketsTotal => ["Belemmeringen", "Barrier tickets"],
            DuplicatesTotal => ["Waarvan duplicaten", "Of which duplicates"],
            OpenTickets => ["Open", "Open"],
            OverdueTotal => ["Over de norm", "Overdue"],
            OverdueShare => ["Aandeel over de norm", "Share overdue"],
            OpenOverdue => ["Open en over de norm", "Open and overdue"],
            ContactsTotal => ["Contacten", "Contacts"],
            ByStatus => ["Belemmeringen per status", "Barrier tickets by status"],
            ByResolution => ["Belemmeringen per uitkomst", "Barrier tickets by outcome"],
            ByMinistry => ["Belemmeringen per ministerie", "Barrier tickets by ministry"],
            ByCategory => ["Belemmeringen per soort regel", "Barrier tickets by kind of rule"],
            ByLocation => ["Belemmeringen naar waar ze zitten", "Barrier tickets by where they sit"],
            ByRegion => ["Belemmeringen per regio", "Barrier tickets by region"],
            ContactsByKind => ["Contacten per soort", "Contacts by kind"],
            Tickets => ["Aantal", "Number"],
            NoResolutionYet => ["Nog geen uitkomst", "No outcome yet"],
            LocationUnknown => ["Nog niet bekend", "Not known yet"],
            SpeedByMinistry => [
                "Doorlooptijd per ministerie (werkdagen)",
                "Time taken per ministry (working days)",
            ],
            FirstResponseMedian => ["Eerste reactie: mediaan", "First response: median"],
            FirstResponseP90 => ["Eerste reactie: 90e percentiel", "First response: 90th percentile"],
            AnswerMedian => ["Antwoord: mediaan", "Answer: median"],
            AnswerP90 => ["Antwoord: 90e percentiel", "Answer: 90th percentile"],
            TicketsMeasured => [
                "Gemeten belemmeringen (reactie / antwoord)",
                "Tickets measured (response / answer)",
            ],
            DownloadFiguresCsv => ["Download CSV", "Download CSV"],
            Breakdown => ["Verdeling van de belemmeringen", "Breakdown of the barrier tickets"],
            Factsheets => ["Factsheets", "Factsheets"],
            FactsheetsIntro => [
                "Vragen over wetten en regels die de ministeries één keer voor iedereen beantwoordden.",
                "Questions about laws and rules that the ministries answered once for everyone.",
            ],
            AllFactsheets => ["Alle factsheets", "All factsheets"],
            PublicFactsheets => [
                "Factsheets lezen zonder in te loggen",
                "Read the factsheets without logging in",
            ],
            Factsheet => ["Factsheet", "Factsheet"],
            BarrierTicket => ["Belemmering", "Barrier ticket"],
            RulesConcerned => ["Regels waar het om gaat", "Rules concerned"],
            EarlierAnswers => ["Eerder beantwoord", "Answered before"],
            EarlierAnswersIntro => [
                "Misschien is uw vraag al beantwoord:",
                "Your question may have been answered already:",
            ],
            NewFactsheet => ["Nieuwe factsheet", "New factsheet"],
            EditFactsheet => ["Factsheet bewerken", "Edit factsheet"],
            FactsheetFormIntro => [
                "Opslaan bewaart een concept. Pas na Publiceren kan iedereen het lezen, ook zonder in te loggen.",
                "Saving keeps a draft. Only after Publish can everyone read it, also without logging in.",
            ],
            Question => ["Vraag", "Question"],
            QuestionHint => ["Hoogstens 500 tekens.", "At most 500 characters."],
            AnswerHint => [
                "Hoogstens 20.000 tekens. Een nieuwe regel blijft een nieuwe regel.",
                "At most 20,000 characters. A new line stays a new line.",
            ],
            LinkedTickets => ["Belemmeringen die het beantwoordt", "Barrier tickets it answers"],
            SaveDraft => ["Concept opslaan", "Save draft"],
            Publish => ["Publiceren", "Publish"],
            Publishing => ["Publiceren…", "Publishing…"],
            PublishedAsVersion => [
                "Gepubliceerd als versie {0}: iedereen kan deze versie nu lezen.",
                "Published as version {0}: everyone can read this version now.",
            ],
            NothingToPublish => [
                "Er is niets gewijzigd sinds de laatste publicatie, dus er is geen nieuwe versie gemaakt.",
                "Nothing changed since the last publication, so no new version was made.",
            ],
            VersionN => ["versie {0}", "version {0}"],
            UnpublishedChanges => [
                "Het concept heeft wijzigingen die nog niet gepubliceerd zijn.",
                "The draft has changes that are not published yet.",
            ],
            NeverPublished => [
                "Nog niet gepubliceerd: alleen de ministeries en het programmateam lezen dit concept.",
                "Not published yet: only the ministries and the programme team read this draft.",
            ],
            FactsheetDrafts => ["Concepten", "Drafts"],
            NoFactsheetDrafts => ["Er zijn geen concepten.", "There are no drafts."],
            PublishedFactsheets => ["Gepubliceerde factsheets", "Published factsheets"],
            NoFactsheets => [
                "Er zijn nog geen factsheets gepubliceerd.",
                "No factsheets have been published yet.",
            ],
            FooterNav => ["Over deze site", "About this site"],
            AccessibilityLink => ["Toegankelijkheid", "Accessibility"],
            StatementTitle => ["Toegankelijkheidsverklaring", "Accessibility statement"],
            StatementIntro => [
                "Het programmateam Zorgpact wil dat iedereen deze webapplicatie kan gebruiken, ook mensen met een \
                 beperking. Daarom streven we ernaar dat Zorgpact voldoet aan het Besluit digitale toegankelijkheid \
                 overheid: de eisen van WCAG 2.1 op niveau A en AA, zoals vastgelegd in de Europese norm EN 301 549.",
                "The Zorgpact programme team wants everyone to be able to use this web application, people with a \
                 disability included. We therefore aim for Zorgpact to meet the Dutch Digital Accessibility (Government) \
                 Decree: the requirements of WCAG 2.1 at level A and AA, as laid down in the European standard EN 301 549.",
            ],
            StatementOrganisationLabel => ["Organisatie", "Organisation"],
            StatementOrganisation => ["Programmateam Zorgpact", "Zorgpact programme team"],
            StatementStandardLabel => ["Standaard", "Standard"],
            StatementStandard => [
                "WCAG 2.1 niveau A en AA (EN 301 549)",
                "WCAG 2.1 level A and AA (EN 301 549)",
            ],
            StatementStatusLabel => ["Nalevingsstatus", "Compliance status"],
            StatementStatus => ["C — eerste maatregelen genomen", "C — first measures taken"],
            StatementDateLabel => ["Opgesteld op", "Drawn up on"],
            StatementDate => ["6 december 2026", "6 December 2026"],
            StatementScopeTitle => ["Waarop deze verklaring van toepassing is", "What this statement covers"],
            StatementScope => [
                "Deze verklaring geldt voor de webapplicatie Zorgpact: de openbare pagina's (factsheets, cijfers \
                 belemmeringen, deze verklaring en het inloggen) en alle pagina's na het inloggen (overzicht, regio's, \
                 acties, indicatoren, belemmeringen en het schrijven van factsheets).",
                "This statement covers the Zorgpact web application: the public pages (factsheets, barrier figures, \
                 this statement and logging in) and every page after logging in (overview, regions, actions, \
                 indicators, barrier tickets and writing factsheets).",
            ],
            StatementStatusTitle => ["Nalevingsstatus", "Compliance status"],
            StatementStatusText => [
                "Status C: eerste maatregelen genomen. Elke pagina doorstaat bij elke wijziging de geautomatiseerde \
                 toetsing hieronder zonder één overtreding van WCAG 2.1 A en AA. Een volledig onderzoek volgens de \
                 evaluatiemethode WCAG-EM door een onafhankelijke deskundige is nog niet gedaan, en automatische \
                 toetsing vindt maar een deel van de mogelijke problemen. Tot zo'n onderzoek er is, blijft de status C.",
                "Status C: first measures taken. On every change, every page passes the automated testing below \
                 without a single WCAG 2.1 A or AA violation. A full evaluation by an independent expert using the \
                 WCAG-EM methodology has not been done yet, and automated testing finds only part of the possible \
                 problems. Until such an evaluation exists, the status stays C.",
            ],
            StatementTestingTitle => ["Hoe we de toegankelijkheid toetsen", "How we test accessibility"],
            StatementTestAxe => [
                "Geautomatiseerd met axe-core {0} (Deque Systems), met alle regels voor WCAG 2.0 en 2.1 op niveau A en AA.",
                "Automated with axe-core {0} (Deque Systems), with all its rules for WCAG 2.0 and 2.1 at level A and AA.",
            ],
            StatementTestPages => [
                "Elke pagina van de applicatie: als bezoeker zonder inlog, en ingelogd als programmateam, \
                 regiocoördinator, beleidsmedewerker van een ministerie en analist. Als bezoeker en als programmateam \
                 ook in het Engels.",
                "Every page of the application: as a visitor who is not logged in, and logged in as the programme \
                 team, a regional coordinator, a ministry official and an analyst. As a visitor and as the programme \
                 team in English too.",
            ],
            StatementTestStates => [
                "Ook de toestanden die ertoe doen: formulieren met foutmeldingen na opslaan zonder invoer, een \
                 geweigerde inlog, gefilterde lijsten, een gekozen stap in de afhandeling van een belemmering.",
                "The states that matter too: forms showing their errors after saving them empty, a refused login, \
                 filtered lists, a chosen step in handling a barrier ticket.",
            ],
            StatementTestKeyboard => [
                "Met alleen het toetsenbord: de link ‘Naar de inhoud’ is het eerste wat de Tab-toets bereikt; inloggen, \
                 een actie maken, er voortgang op melden, een belemmering indienen, de taal wisselen en uitloggen \
                 lukken zonder muis. De focus is steeds zichtbaar, gaat na elke paginawissel naar de kop van de \
                 nieuwe pagina, en opslaan en fouten worden voorgelezen. Een brede tabel krijgt de focus zodat de \
                 pijltjestoetsen hem scrollen.",
                "With the keyboard alone: the ‘Skip to content’ link is the first thing the Tab key reaches; logging \
                 in, creating an action, reporting progress on it, filing a barrier ticket, switching the language \
                 and logging out all work without a mouse. The focus is always visible, moves to the new page's \
                 heading after every change of page, and saves and errors are read out. A wide table takes the focus \
                 so the arrow keys scroll it.",
            ],
            StatementTestReflow => [
                "Elke pagina past op een scherm van 320 pixels breed en bij 200% zoom op een laptop, zonder \
                 horizontaal te scrollen (WCAG 1.4.10); alleen brede tabellen scrollen, elk in een eigen kader.",
                "Every page fits a screen 320 pixels wide and a laptop at 200% zoom without scrolling sideways \
                 (WCAG 1.4.10); only wide tables scroll, each in a frame of its own.",
            ],
            StatementTestCi => [
                "Deze toetsen zijn browsertests in Chromium die bij elke wijziging in de continue integratie draaien; \
                 één overtreding laat ze mislukken.",
                "These checks are browser tests in Chromium that run in continuous integration on every change; a \
                 single violation fails them.",
            ],
            StatementLimitsTitle => ["Bekende beperkingen", "Known limitations"],
            StatementLimitAudit => [
                "De applicatie is nog niet met schermlezers en vergrotingssoftware door mensen getest.",
                "The application has not yet been tested by people using screen readers and magnifiers.",
            ],
            StatementLimitCharts => [
                "Grafieken zijn afbeeldingen met een korte beschrijving; hun cijfers staan in een tabel achter \
                 ‘De cijfers als tabel’. De kleine trendlijnen op het overzicht hebben alleen een beschrijving; de \
                 laatste waarde en het doel staan ernaast als tekst.",
                "Charts are images with a short description; their figures are in a table behind ‘The figures as a \
                 table’. The small trend lines on the overview have a description only; the latest value and the \
                 target are beside them as text.",
            ],
            StatementLimitLanguage => [
                "In de Engelse weergave blijven teksten die gebruikers schreven (acties, belemmeringen, factsheets) \
                 in de taal waarin ze geschreven zijn, meestal Nederlands, zonder dat de pagina die taal aangeeft \
                 (WCAG 3.1.2).",
                "In the English view, texts that users wrote (actions, barrier tickets, factsheets) stay in the \
                 language they were written in, mostly Dutch, without the page saying which language that is \
                 (WCAG 3.1.2).",
            ],
            StatementLimitServerWords => [
                "Wat de server zelf over een fout zegt, zoals waarom een veld is afgewezen, is Engels. De pagina \
                 markeert het als Engels, zodat een schermlezer het goed uitspreekt, maar vertaalt het niet.",
                "What the server itself says about an error, such as why a field was rejected, is in English. The \
                 page marks it as English, so a screen reader pronounces it right, but does not translate it.",
            ],
            StatementLimitApiDocs => [
                "De technische API-documentatie voor ontwikkelaars (/api/docs, een standaardonderdeel) valt buiten \
                 deze toetsing.",
                "The technical API documentation for developers (/api/docs, a standard component) is not covered by \
                 this testing.",
            ],
            StatementContactTitle => ["Contact en feedback", "Contact and feedback"],
            StatementContact => [
                "Loopt u tegen een toegankelijkheidsprobleem aan, of heeft u informatie in een andere vorm nodig? \
                 Mail ons. U krijgt binnen 5 werkdagen een ontvangstbevestiging en binnen 2 weken een inhoudelijke \
                 reactie.",
                "Do you run into an accessibility problem, or do you need information in another form? E-mail us. \
                 You get an acknowledgement within 5 working days and an answer within 2 weeks.",
            ],
            StatementOmbudsman => [
                "Bent u niet tevreden met hoe uw melding is behandeld? Dan kunt u terecht bij de Nationale ombudsman.",
                "Not satisfied with how your report was handled? You can turn to the National Ombudsman.",
            ],
            NavKopgroep => ["Kopgroep", "Leading projects"],
            KopgroepIntro => [
                "De Kopgroep: koplopers, vernieuwende samenwerkingsprojecten van zorg en welzijn, onderwijs en overheid die concrete resultaten hebben geboekt. Zoek op een woord of kies een zorgdomein, thema, provincie of opleidingsniveau.",
                "The Kopgroep: leading cooperation projects of care and welfare, education and government with concrete results. Search for a word or choose a care domain, theme, province or education level.",
            ],
            FilterProjects => ["Projecten filteren", "Filter projects"],
            SearchProjects => [
                "Zoek in naam, verhaal, resultaten en partners",
                "Search name, story, results and partners",
            ],
            CareDomain => ["Zorgdomein", "Care domain"],
            CareDomains => ["Zorgdomeinen", "Care domains"],
            AllCareDomains => ["Alle zorgdomeinen", "All care domains"],
            AllThemes => ["Alle thema's", "All themes"],
            Province => ["Provincie", "Province"],
            AllProvinces => ["Alle provincies", "All provinces"],
            EducationLevel => ["Opleidingsniveau", "Education level"],
            EducationLevels => ["Opleidingsniveaus", "Education levels"],
            AllEducationLevels => ["Alle niveaus", "All levels"],
            ProjectCount => ["Gevonden projecten: {0}", "Projects found: {0}"],
            NoProjects => ["Geen projecten gevonden.", "No projects found."],
            KopgroepFigures => ["Cijfers", "Figures"],
            PerCareDomain => ["Projecten per zorgdomein", "Projects per care domain"],
            PerProvince => ["Projecten per provincie", "Projects per province"],
            InCatalogue => ["In deze catalogus", "In this catalogue"],
            ByProgramme => ["Volgens het programma (2018)", "According to the programme (2018)"],
            ProgrammeFiguresNote => [
                "Het programma publiceerde in {0}: {1} koplopers in alle {2} provincies, {3} maatwerktrajecten, {4} coalities, {5} Kopgroepbijeenkomsten en {6} toegekende RIF-subsidies voor zorg en welzijn. Een project kan in meer zorgdomeinen tellen.",
                "The programme published in {0}: {1} leading projects in all {2} provinces, {3} support tracks, {4} coalitions, {5} Kopgroep meetings and {6} RIF grants for care and welfare. A project may count in several care domains.",
            ],
            CatalogueTotal => [
                "De catalogus bevat {0} gepubliceerde projecten in {1} provincies.",
                "The catalogue holds {0} published projects in {1} provinces.",
            ],
            Coalitions => ["Coalities", "Coalitions"],
            CoalitionMembers => ["Deelnemende projecten", "Member projects"],
            NoMembersYet => [
                "Nog geen deelnemende projecten in de catalogus.",
                "No member projects in the catalogue yet.",
            ],
            Story => ["Verhaal", "Story"],
            Results => ["Resultaten", "Results"],
            Funding => ["Financiering", "Funding"],
            SupportTracks => ["Maatwerktrajecten", "Support tracks"],
            SimilarProjects => ["Vergelijkbare projecten", "Similar projects"],
            NoSimilarProjects => ["Geen vergelijkbare projecten.", "No similar projects."],
            AllProjects => ["Alle projecten", "All projects"],
            ProjectName => ["Naam van het project", "Project name"],
            ProposeProject => ["Project voorstellen", "Propose a project"],
            ProposeProjectIntro => [
                "Beschrijf een koploperproject van uw regio. Het wordt voorgesteld aan het programmateam, dat het in de Kopgroep publiceert.",
                "Describe a leading project of your region. It is proposed to the programme team, which publishes it in the Kopgroep.",
            ],
            ProjectProposed => [
                "Het project is voorgesteld aan het programmateam.",
                "The project has been proposed to the programme team.",
            ],
            ProposedProjects => ["Voorgestelde projecten", "Proposed projects"],
            NoProposals => ["Er zijn geen voorstellen.", "There are no proposals."],
            NavReviews => ["Volgspot", "Progress reviews"],
            Reviews => ["Voortgangsgesprekken (Volgspot)", "Progress reviews (Volgspot)"],
            Review => ["Voortgangsgesprek", "Progress review"],
            NoReviews => ["Nog geen voortgangsgesprekken.", "No progress reviews yet."],
            NewReview => ["Nieuw voortgangsgesprek", "New progress review"],
            ReviewCreated => [
                "Het voortgangsgesprek is als concept opgeslagen.",
                "The progress review was saved as a draft.",
            ],
            EditReview => ["Voortgangsgesprek bewerken", "Edit the progress review"],
            ReviewSaved => ["Het voortgangsgesprek is opgeslagen.", "The progress review is saved."],
            Round => ["Ronde", "Round"],
            ReviewDate => ["Datum van het gesprek", "Date of the dialogue"],
            PartWhy => ["Het waarom", "The why"],
            PartWhat => ["Het wat", "The what"],
            PartHow => ["Het hoe", "The how"],
            PartProcess => ["Het proces", "The process"],
            PartProgress => ["De voortgang", "The progress"],
            WhyQuestion => ["Overkoepelende vraag", "Overarching question"],
            WhyTransition => ["Beoogde transitie", "Intended transition"],
            WhatThemes => ["Thema's", "Themes"],
            WhatFocusAreas => ["Focusgebieden", "Focus areas"],
            HowCooperation => ["Soort samenwerking", "Kind of cooperation"],
            HowPartners => ["Partners", "Partners"],
            HowSuccessFactors => ["Succesfactoren", "Success factors"],
            HowBarriers => ["Belemmeringen", "Barriers"],
            LinkedBarriers => ["Gekoppelde belemmeringen", "Linked barrier tickets"],
            ProcessPhase => ["Fase in de innovatiecyclus", "Phase in the innovation cycle"],
            ProcessNotes => ["Toelichting op het proces", "Notes on the process"],
            ProgressResults => ["Resultaten tot nu toe", "Results so far"],
            Intentions => ["Voornemens", "Intentions"],
            IntentionsHint => ["Eén voornemen per regel.", "One intention per line."],
            NoIntentions => ["Geen voornemens.", "No intentions."],
            NoPhase => ["Nog niet bepaald", "Not decided yet"],
            ShareReview => ["Delen met de regio", "Share with the region"],
            FinaliseReview => ["Definitief maken", "Make final"],
            CorrectReview => ["Correctie maken (nieuwe versie)", "Make a correction (new version)"],
            ReviewShared => [
                "Het voortgangsgesprek is gedeeld met de regio.",
                "The progress review is shared with the region.",
            ],
            ReviewFinalised => ["Het voortgangsgesprek is definitief.", "The progress review is final."],
            FinalReadOnly => [
                "Dit voortgangsgesprek is definitief en kan niet meer veranderen; een correctie wordt een nieuwe versie.",
                "This progress review is final and can no longer change; a correction becomes a new version.",
            ],
            VersionOf => ["Versie {0}", "Version {0}"],
            VersionHistory => ["Versies", "Versions"],
            Superseded => ["Vervangen door een nieuwere versie.", "Replaced by a newer version."],
            OpenNewestVersion => ["Naar de nieuwste versie", "To the newest version"],
            Scores => ["Referentiekader van de commissie", "The committee's reference frame"],
            NoScores => ["Nog niet gescoord.", "Not scored yet."],
            SaveScores => ["Scores opslaan", "Save scores"],
            ScoresSaved => ["De scores zijn opgeslagen.", "The scores are saved."],
            Motivation => ["Motivering", "Motivation"],
            Level => ["Niveau", "Level"],
            Aspect => ["Onderdeel", "Aspect"],
            MakeAction => ["Maak actie", "Make action"],
            ActionMade => [
                "De actie staat op de agenda van de regio.",
                "The action is on the region's agenda.",
            ],
            BecameAction => ["Werd actie:", "Became action:"],
            FromReview => [
                "Voortgekomen uit voortgangsgesprek (voornemen {0})",
                "Came from a progress review (intention {0})",
            ],
            ScoresAcrossRounds => ["Scores per ronde", "Scores per round"],
            ScoresAcrossRoundsCaption => [
                "Scores van de regio per ronde, met de beweging sinds de vorige ronde",
                "The region's scores per round, with the movement since the previous round",
            ],
            ScoreMatrix => ["Scores per regio", "Scores per region"],
            ScoreMatrixIntro => [
                "De scores van één ronde naast elkaar: per regio het nieuwste voortgangsgesprek van die ronde dat u mag lezen.",
                "One round's scores side by side: per region the newest progress review of that round you may read.",
            ],
            ScoreMatrixCaption => ["Scores per regio in {0}", "Scores per region in {0}"],
            NoScoredRegions => [
                "Geen regio heeft in deze ronde een voortgangsgesprek dat u mag lezen.",
                "No region has a progress review in this round that you may read.",
            ],
            Report => ["Verslag", "Report"],
            OpenReport => ["Verslag (afdrukbaar)", "Report (printable)"],
            Print => ["Afdrukken", "Print"],
            ReportAsOf => [
                "Cijfers en acties zoals bekend op {0}.",
                "Figures and actions as known on {0}.",
            ],
            ReportIndicators => [
                "Indicatoren tot de datum van het gesprek",
                "Indicators up to the date of the dialogue",
            ],
            ReportActions => [
                "Stand van de acties op de datum van het gesprek",
                "State of the actions on the date of the dialogue",
            ],
            NoReportedProgress => ["Nog geen voortgang gemeld", "No progress reported yet"],
            ReportedOn => ["Gemeld op", "Reported on"],
            ChooseLevel => [
                "Kies een niveau bij deze motivering.",
                "Choose a level for this motivation.",
            ],
            BackToReview => ["Terug naar het voortgangsgesprek", "Back to the progress review"],
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Two codes of one set with the same words could not be told apart in a list.
    fn labels_are_distinct<C: Label>() {
        for lang in [0, 1] {
            let words: HashSet<&str> = C::ALL.iter().map(|code| code.words()[lang]).collect();
            assert_eq!(
                words.len(),
                C::ALL.len(),
                "{:?}",
                C::ALL.iter().map(|c| c.words()).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn field_problems_with_a_limit_say_the_limit_in_both_languages() {
        for code in FieldErrorCode::ALL {
            for with_limit in [true, false] {
                let Some([nl, en]) = field_problem_words(*code, with_limit) else {
                    continue;
                };
                assert_ne!(nl, en, "{code:?} is translated");
                assert_eq!(nl.contains("{0}"), en.contains("{0}"), "{code:?}: {nl} / {en}");
                assert!(with_limit || !nl.contains("{0}"), "{code:?} without a limit: {nl}");
            }
        }
        for code in [FieldErrorCode::TooLong, FieldErrorCode::OutOfRange] {
            let [nl, _] = field_problem_words(code, true).expect("translated");
            assert!(nl.contains("{0}"), "{code:?} names its limit: {nl}");
        }
        assert!(
            field_problem_words(FieldErrorCode::UnknownReference, false).is_none(),
            "the server names the record"
        );
    }

    #[test]
    fn each_code_set_tells_its_codes_apart_in_both_languages() {
        labels_are_distinct::<ActionStatus>();
        labels_are_distinct::<ActionLine>();
        labels_are_distinct::<Theme>();
        labels_are_distinct::<BarrierStatus>();
        labels_are_distinct::<BarrierCategory>();
        labels_are_distinct::<Ministry>();
        labels_are_distinct::<Resolution>();
        labels_are_distinct::<BarrierLocation>();
        labels_are_distinct::<StepField>();
        labels_are_distinct::<ContactKind>();
        labels_are_distinct::<RegulationKind>();
        labels_are_distinct::<ValueStatus>();
        labels_are_distinct::<Sector>();
        labels_are_distinct::<Role>();
        labels_are_distinct::<Unit>();
        labels_are_distinct::<Direction>();
        labels_are_distinct::<Rollup>();
        labels_are_distinct::<PeriodType>();
        labels_are_distinct::<AgendaRole>();
        labels_are_distinct::<FactsheetStatus>();
        labels_are_distinct::<CareDomain>();
        labels_are_distinct::<EducationLevel>();
        labels_are_distinct::<ProjectStatus>();
        labels_are_distinct::<Province>();
        labels_are_distinct::<FundingScheme>();
        labels_are_distinct::<ReviewRound>();
        labels_are_distinct::<ReviewStatus>();
        labels_are_distinct::<InnovationPhase>();
        labels_are_distinct::<ScoredAspect>();
        labels_are_distinct::<ScoreLevel>();
        labels_are_distinct::<ScoreMovement>();
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(format_number(Lang::Nl, 1234567.0), "1.234.567");
        assert_eq!(format_number(Lang::En, 1234567.0), "1,234,567");
        assert_eq!(format_number(Lang::Nl, 5.25), "5,25");
        assert_eq!(format_number(Lang::En, 5.5), "5.5");
        assert_eq!(format_number(Lang::Nl, -12.0), "-12");
        assert_eq!(format_number(Lang::Nl, 0.0), "0");
    }
}
