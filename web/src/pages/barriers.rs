//! Barrier tickets by status, filtered by region, ministry and being overdue.

use leptos::prelude::*;
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_contract::codes::{BarrierStatus, Ministry};

use crate::api::BarrierFilter;
use crate::catalogue::use_catalogue;
use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

#[component]
pub fn BarriersPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let catalogue = use_catalogue();
    let i18n = use_i18n();
    let region = RwSignal::new(String::new());
    let ministry = RwSignal::new(None::<Ministry>);
    // The API has no overdue filter: the clock of each ticket says it.
    let only_overdue = RwSignal::new(false);
    let barriers = LocalResource::new(move || {
        api.filtered_barriers(BarrierFilter {
            region: region.get(),
            ministry: ministry.get(),
            status: None,
        })
    });
    view! {
        <section aria-labelledby="barriers-title">
            <div class="page-head">
                <h1 id="barriers-title">{tr(T::NavBarriers)}</h1>
                <a class="button" href="/belemmeringen/cijfers" data-action="barrier-figures">
                    {tr(T::ShowFigures)}
                </a>
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
            <div class="barrier-filters" role="group" aria-label=tr(T::FilterBarriers)>
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
                <div class="field inline">
                    <label for="barrier-filter-ministry">{tr(T::Ministry)}</label>
                    <select
                        id="barrier-filter-ministry"
                        on:change=move |event| ministry.set(Ministry::parse(&event_target_value(&event)).ok())
                    >
                        <option value="">{tr(T::AllMinistries)}</option>
                        {Ministry::ALL
                            .iter()
                            .map(|&code| view! { <option value=code.as_str()>{move || i18n.label(code)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field inline">
                    <label for="barrier-overdue" class="checkbox">
                        <input
                            type="checkbox"
                            id="barrier-overdue"
                            prop:checked=move || only_overdue.get()
                            on:change=move |event| only_overdue.set(event_target_checked(&event))
                        />
                        {tr(T::OnlyOverdue)}
                    </label>
                </div>
            </div>
            {resource_view(
                barriers,
                move |barriers| {
                    let shown: Vec<BarrierResponse> = barriers
                        .into_iter()
                        .filter(|b| !only_overdue.get() || b.clock.overdue)
                        .collect();
                    let count = shown.len();
                    view! {
                        <p class="muted barrier-count" role="status">
                            {move || i18n.fill(T::BarrierCount, &[&count.to_string()])}
                        </p>
                        <ByStatus barriers=shown />
                    }
                },
            )}
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
