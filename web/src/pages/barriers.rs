//! Barrier tickets by status, optionally of one region.

use leptos::prelude::*;
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_contract::codes::BarrierStatus;

use crate::catalogue::use_catalogue;
use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

#[component]
pub fn BarriersPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let catalogue = use_catalogue();
    let region = RwSignal::new(String::new());
    let barriers = LocalResource::new(move || api.barriers(region.get()));
    view! {
        <section aria-labelledby="barriers-title">
            <div class="page-head">
                <h1 id="barriers-title">{tr(T::NavBarriers)}</h1>
                {move || {
                    session
                        .can_somewhere("barrier-tickets:file")
                        .then(|| {
                            view! {
                                <a class="button primary" href="/belemmeringen/nieuw" data-action="file-barrier">
                                    {tr(T::FileBarrier)}
                                </a>
                            }
                        })
                }}
            </div>
            <div class="field inline">
                <label for="barrier-region">{tr(T::Region)}</label>
                <select id="barrier-region" on:change=move |event| region.set(event_target_value(&event))>
                    <option value="">{tr(T::AllRegions)}</option>
                    {move || {
                        catalogue
                            .region_list()
                            .into_iter()
                            .map(|r| view! { <option value=r.code>{r.name}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            {resource_view(barriers, |barriers| view! { <ByStatus barriers /> })}
        </section>
    }
}

#[component]
fn ByStatus(barriers: Vec<BarrierResponse>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    view! {
        <div class="status-columns">
            {BarrierStatus::ALL
                .iter()
                .map(|&status| {
                    let list: Vec<BarrierResponse> = barriers.iter().filter(|b| b.status == status).cloned().collect();
                    let count = list.len();
                    let heading = format!("status-{status}");
                    let labelled_by = heading.clone();
                    view! {
                        <section class="card status-column" data-status=status.as_str() aria-labelledby=labelled_by>
                            <h2 id=heading>
                                {move || i18n.label(status)}
                                " "
                                <span class="count">"(" {count} ")"</span>
                            </h2>
                            {if list.is_empty() {
                                view! { <p class="muted">{tr(T::NoBarriers)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="item-list">
                                        {list
                                            .into_iter()
                                            .map(|b| {
                                                let href = format!("/belemmeringen/{}", b.id);
                                                let region = b.region_code.clone();
                                                let category = b.category;
                                                let overdue = b.clock.overdue;
                                                view! {
                                                    <li data-barrier-id=b.id.clone() data-overdue=overdue.then_some("true")>
                                                        <a href=href>{b.title}</a>
                                                        {overdue.then(|| view! { " " <span class="badge badge-overdue">{tr(T::Overdue)}</span> })}
                                                        <span class="muted meta">
                                                            {move || catalogue.region_name(&region)}
                                                            " · "
                                                            {move || i18n.label(category)}
                                                            " · "
                                                            {move || b.ministry.map_or("—", |ministry| i18n.label(ministry))}
                                                            " · "
                                                            {b.filed_on}
                                                        </span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
