//! One barrier ticket: the question, who answers it, and the answer.

use leptos::prelude::*;
use zorgpact_contract::barrier::BarrierResponse;

use super::path_param;
use crate::catalogue::use_catalogue;
use crate::components::badges::StatusBadge;
use crate::components::status::resource_view;
use crate::i18n::{Codes, T, tr, use_i18n};
use crate::session::use_api;

#[component]
pub fn BarrierPage() -> impl IntoView {
    let api = use_api();
    let id = path_param("id");
    let barrier = LocalResource::new(move || api.barrier(id()));
    resource_view(barrier, |barrier| view! { <BarrierDetail barrier /> })
}

#[component]
fn BarrierDetail(barrier: BarrierResponse) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let region = barrier.region_code.clone();
    let region_href = format!("/regio/{region}");
    let category = barrier.category.clone();
    let resolution = barrier.resolution.clone();
    view! {
        <article class="card barrier-detail" data-barrier-id=barrier.id.clone()>
            <nav class="breadcrumb" aria-label=tr(T::Breadcrumb)>
                <a href="/belemmeringen">{tr(T::NavBarriers)}</a>
            </nav>
            <h1>{barrier.title.clone()}</h1>
            <dl class="facts">
                <div>
                    <dt>{tr(T::Status)}</dt>
                    <dd>
                        <StatusBadge kind=Codes::BarrierStatus code=barrier.status.clone() />
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
                    <dd>{move || i18n.label(Codes::Category, &category)}</dd>
                </div>
                <div>
                    <dt>{tr(T::Ministry)}</dt>
                    <dd>
                        {match barrier.ministry.clone() {
                            Some(m) => m.into_any(),
                            None => view! { <span class="muted">{tr(T::NotAssigned)}</span> }.into_any(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr(T::FiledOn)}</dt>
                    <dd>{barrier.filed_on.clone()}</dd>
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
            {match resolution {
                Some(code) => view! {
                    <p>
                        <strong>{move || i18n.label(Codes::Resolution, &code)}</strong>
                    </p>
                    <p class="prose">{barrier.resolution_note.clone().unwrap_or_default()}</p>
                }
                    .into_any(),
                None => view! { <p class="muted">{tr(T::NoAnswerYet)}</p> }.into_any(),
            }}
        </article>
    }
}
