//! One barrier ticket: the question, who handles it, the answer (or the original it
//! duplicates), the steps the user may take next, the comments, the contact log and
//! the timeline.

use leptos::prelude::*;
use zorgpact_contract::barrier::BarrierResponse;

use super::barrier_comments::CommentsSection;
use super::barrier_contacts::ContactsSection;
use super::barrier_duplicates::{DuplicateList, DuplicateNotice, DuplicateSection};
use super::barrier_rules::TicketRules;
use super::barrier_steps::{Timeline, WorkflowSection};
use super::path_param;
use crate::catalogue::use_catalogue;
use crate::components::badges::StatusBadge;
use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};
use crate::session::use_api;

#[component]
pub fn BarrierPage() -> impl IntoView {
    let api = use_api();
    let id = path_param("id");
    let barrier = LocalResource::new(move || api.barrier(id()));
    resource_view(barrier, |barrier| {
        let current = RwSignal::new(barrier);
        // Bumped after every step, so the offered steps and the timeline reload.
        let changed = RwSignal::new(0_u32);
        view! {
            {move || view! { <BarrierDetail barrier=current.get() /> }}
            <WorkflowSection current changed />
            <DuplicateSection current changed />
            <TicketRules current />
            <CommentsSection current />
            <ContactsSection current />
            <Timeline current changed />
        }
    })
}

#[component]
fn BarrierDetail(barrier: BarrierResponse) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let region = barrier.region_code.clone();
    let region_href = format!("/regio/{region}");
    let (category, resolution, location) = (barrier.category, barrier.resolution, barrier.location);
    let clock = barrier.clock.clone();
    let days = move |n: u32| format!("{n} {}", i18n.t(if n == 1 { T::WorkingDay } else { T::WorkingDays }));
    view! {
        <article class="card barrier-detail" data-barrier-id=barrier.id.clone()>
            <nav class="breadcrumb" aria-label=tr(T::Breadcrumb)>
                <a href="/belemmeringen">{tr(T::NavBarriers)}</a>
            </nav>
            <h1>{barrier.title.clone()}</h1>
            {barrier.duplicate_of.clone().map(|original| view! { <DuplicateNotice original /> })}
            <dl class="facts">
                <div>
                    <dt>{tr(T::Status)}</dt>
                    <dd>
                        <StatusBadge code=barrier.status />
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::Region)}</dt>
                    <dd>
                        <a href=region_href>{move || catalogue.region_name(&region)}</a>
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::Category)}</dt>
                    <dd>{move || i18n.label(category)}</dd>
                </div>
                <div>
                    <dt>{tr(T::Ministry)}</dt>
                    <dd>
                        {match barrier.ministry {
                            Some(ministry) => view! { {move || i18n.label(ministry)} }.into_any(),
                            None => view! { <span class="muted">{tr(T::NotAssigned)}</span> }.into_any(),
                        }}
                    </dd>
                </div>
                {barrier
                    .official
                    .clone()
                    .map(|official| {
                        view! {
                            <div>
                                <dt>{tr(T::Official)}</dt>
                                <dd>{official.name}</dd>
                            </div>
                        }
                    })}
                <div>
                    <dt>{tr(T::FiledOn)}</dt>
                    <dd>{barrier.filed_on.clone()}</dd>
                </div>
                <div class="barrier-clock" data-overdue=clock.overdue.then_some("true")>
                    <dt>{tr(T::ServiceClock)}</dt>
                    <dd>
                        {move || {
                            format!(
                                "{} {} ({} {}) · {} {} ({} {})",
                                i18n.t(T::FirstResponse),
                                days(clock.first_response_days),
                                i18n.t(T::Norm),
                                clock.target_first_response_days,
                                i18n.t(T::Handling),
                                days(clock.handling_days),
                                i18n.t(T::Norm),
                                clock.target_answer_days,
                            )
                        }}
                        {clock.overdue.then(|| view! { " " <span class="badge badge-overdue">{tr(T::Overdue)}</span> })}
                    </dd>
                </div>
                {barrier
                    .closed_at
                    .clone()
                    .map(|closed| {
                        view! {
                            <div>
                                <dt>{tr(T::ClosedAt)}</dt>
                                <dd>{closed}</dd>
                            </div>
                        }
                    })}
            </dl>
            <h2>{tr(T::Description)}</h2>
            <p class="prose">{barrier.description.clone()}</p>
            <h2>{tr(T::Answer)}</h2>
            {match (resolution, barrier.rejection_reason.clone()) {
                (Some(code), _) => view! {
                    <p>
                        <strong>{move || i18n.label(code)}</strong>
                        {location.map(|place| view! { " · " {move || i18n.label(place)} })}
                    </p>
                    <p class="prose">{barrier.answer.clone()}</p>
                }
                    .into_any(),
                (None, Some(reason)) => view! {
                    <p>
                        <strong>{tr(T::RejectionReason)}</strong>
                    </p>
                    <p class="prose">{reason}</p>
                }
                    .into_any(),
                (None, None) => view! { <p class="muted">{tr(T::NoAnswerYet)}</p> }.into_any(),
            }}
            <DuplicateList duplicates=barrier.duplicates.clone() />
        </article>
    }
}
