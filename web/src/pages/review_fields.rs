//! A review's round, date and five parts as form fields: one set of signals and
//! one markup, shared by the new-review form on a region's page and the edit form
//! of a draft on the review's page (never both on one page, so the ids are fixed).

use leptos::prelude::*;
use zorgpact_contract::FieldProblem;
use zorgpact_contract::codes::{InnovationPhase, ReviewRound};
use zorgpact_contract::review::{ReviewParts, ReviewResponse};

use crate::components::fields::{CheckboxGroup, CodeSelect, FieldErrors, OptionalCodeSelect, TextArea, TextField};
use crate::data::today;
use crate::i18n::{T, tr};
use crate::session::use_api;

/// The fields in the order of the form, for its error summary.
pub const REVIEW_FIELDS: &[&str] = &[
    "round",
    "review_date",
    "why_question",
    "why_transition",
    "what_themes",
    "what_focus_areas",
    "how_cooperation",
    "how_partners",
    "how_success_factors",
    "how_barriers",
    "barrier_ticket_ids",
    "process_phase",
    "process_notes",
    "progress_results",
    "intentions",
];

/// A problem of a review's parts names the part itself: `/parts/why_question`
/// is shown at the field `why_question`.
pub fn without_parts_prefix(problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|mut problem| {
            if let Some(rest) = problem.pointer.strip_prefix("/parts") {
                problem.pointer = rest.to_owned();
            }
            problem
        })
        .collect()
}

/// The form's state, one signal per field; the intentions are one text, a line each.
#[derive(Debug, Clone, Copy)]
pub struct ReviewFields {
    pub round: RwSignal<ReviewRound>,
    pub review_date: RwSignal<String>,
    why_question: RwSignal<String>,
    why_transition: RwSignal<String>,
    what_themes: RwSignal<String>,
    what_focus_areas: RwSignal<String>,
    how_cooperation: RwSignal<String>,
    how_partners: RwSignal<String>,
    how_success_factors: RwSignal<String>,
    how_barriers: RwSignal<String>,
    barrier_ticket_ids: RwSignal<Vec<String>>,
    process_phase: RwSignal<Option<InnovationPhase>>,
    process_notes: RwSignal<String>,
    progress_results: RwSignal<String>,
    intentions: RwSignal<String>,
}

impl ReviewFields {
    /// Empty parts, the first round, dated today: a new review.
    pub fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            round: RwSignal::new(ReviewRound::SharpenQuestion),
            review_date: RwSignal::new(today()),
            why_question: text(),
            why_transition: text(),
            what_themes: text(),
            what_focus_areas: text(),
            how_cooperation: text(),
            how_partners: text(),
            how_success_factors: text(),
            how_barriers: text(),
            barrier_ticket_ids: RwSignal::new(Vec::new()),
            process_phase: RwSignal::new(None),
            process_notes: text(),
            progress_results: text(),
            intentions: text(),
        }
    }

    /// The review as it is: what the edit form starts from.
    pub fn from_review(review: &ReviewResponse) -> Self {
        let fields = Self::new();
        fields.fill(review);
        fields
    }

    /// Puts `review`'s round, date and parts into the fields (after a 412, the
    /// version someone else saved).
    pub fn fill(&self, review: &ReviewResponse) {
        let p = &review.parts;
        self.round.set(review.round);
        self.review_date.set(review.review_date.clone());
        self.why_question.set(p.why_question.clone());
        self.why_transition.set(p.why_transition.clone());
        self.what_themes.set(p.what_themes.clone());
        self.what_focus_areas.set(p.what_focus_areas.clone());
        self.how_cooperation.set(p.how_cooperation.clone());
        self.how_partners.set(p.how_partners.clone());
        self.how_success_factors.set(p.how_success_factors.clone());
        self.how_barriers.set(p.how_barriers.clone());
        self.barrier_ticket_ids.set(p.barrier_ticket_ids.clone());
        self.process_phase.set(p.process_phase);
        self.process_notes.set(p.process_notes.clone());
        self.progress_results.set(p.progress_results.clone());
        self.intentions.set(p.intentions.join("\n"));
    }

    /// The five parts as the API takes them: texts trimmed, an intention per non-empty line.
    pub fn parts(&self) -> ReviewParts {
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        ReviewParts {
            why_question: text(self.why_question),
            why_transition: text(self.why_transition),
            what_themes: text(self.what_themes),
            what_focus_areas: text(self.what_focus_areas),
            how_cooperation: text(self.how_cooperation),
            how_partners: text(self.how_partners),
            how_success_factors: text(self.how_success_factors),
            how_barriers: text(self.how_barriers),
            barrier_ticket_ids: self.barrier_ticket_ids.get_untracked(),
            process_phase: self.process_phase.get_untracked(),
            process_notes: text(self.process_notes),
            progress_results: text(self.progress_results),
            intentions: self
                .intentions
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// Round, date and a fieldset per part; the barriers offered are `region`'s tickets.
#[component]
pub fn ReviewFieldsets(fields: ReviewFields, errors: FieldErrors, region: String) -> impl IntoView {
    let api = use_api();
    let barriers = LocalResource::new(move || api.barriers(region.clone()));
    let ticket_options = Signal::derive(move || {
        barriers
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|b| (b.id, b.title))
            .collect::<Vec<_>>()
    });
    let f = fields;
    view! {
        <CodeSelect id="review-round" label=T::Round value=f.round errors field="round" required=true />
        <TextField
            id="review-date"
            label=T::ReviewDate
            value=f.review_date
            errors
            field="review_date"
            input_type="date"
            required=true
        />
        <fieldset class="field wide">
            <legend>{tr(T::PartWhy)}</legend>
            <TextArea id="review-why-question" label=T::WhyQuestion value=f.why_question errors field="why_question" />
            <TextArea id="review-why-transition" label=T::WhyTransition value=f.why_transition errors field="why_transition" />
        </fieldset>
        <fieldset class="field wide">
            <legend>{tr(T::PartWhat)}</legend>
            <TextArea id="review-what-themes" label=T::WhatThemes value=f.what_themes errors field="what_themes" />
            <TextArea id="review-what-focus" label=T::WhatFocusAreas value=f.what_focus_areas errors field="what_focus_areas" />
        </fieldset>
        <fieldset class="field wide">
            <legend>{tr(T::PartHow)}</legend>
            <TextArea id="review-how-cooperation" label=T::HowCooperation value=f.how_cooperation errors field="how_cooperation" />
            <TextArea id="review-how-partners" label=T::HowPartners value=f.how_partners errors field="how_partners" />
            <TextArea
                id="review-how-success"
                label=T::HowSuccessFactors
                value=f.how_success_factors
                errors
                field="how_success_factors"
            />
            <TextArea id="review-how-barriers" label=T::HowBarriers value=f.how_barriers errors field="how_barriers" />
            <CheckboxGroup
                id="review-tickets"
                legend=T::LinkedBarriers
                values=f.barrier_ticket_ids
                options=ticket_options
                errors
                field="barrier_ticket_ids"
            />
        </fieldset>
        <fieldset class="field wide">
            <legend>{tr(T::PartProcess)}</legend>
            <OptionalCodeSelect
                id="review-phase"
                label=T::ProcessPhase
                value=f.process_phase
                errors
                field="process_phase"
                empty=T::NoPhase
            />
            <TextArea id="review-process-notes" label=T::ProcessNotes value=f.process_notes errors field="process_notes" />
        </fieldset>
        <fieldset class="field wide">
            <legend>{tr(T::PartProgress)}</legend>
            <TextArea
                id="review-results"
                label=T::ProgressResults
                value=f.progress_results
                errors
                field="progress_results"
            />
            <TextArea
                id="review-intentions"
                label=T::Intentions
                value=f.intentions
                errors
                field="intentions"
                hint=T::IntentionsHint
            />
        </fieldset>
    }
}
