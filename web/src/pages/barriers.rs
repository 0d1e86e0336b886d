//! Barrier tickets by status, filtered by region, ministry, status and being
//! overdue; the filters live in the URL.

use leptos::prelude::*;
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_contract::codes::{BarrierStatus, Ministry};

use crate::api::BarrierFilter;
use crate::catalogue::use_catalogue;
use crate::components::filters::{ChoiceFilter, FilterAt, FlagFilter, code_filter};
use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};
use crate::url_state::use_url_state;

/// The URL parameters of the board's filters.
const REGION: &str = "regio";
const MINISTRY: &str = "ministerie";
const STATUS: &str = "status";
const OVERDUE: &str = "over_tijd";

#[component]
pub fn BarriersPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let catalogue = use_catalogue();
    let i18n = use_i18n();
    let url = use_url_state();
    let filter = Memo::new(move |_| BarrierFilter {
        region: url.get(REGION),
        ministry: url.code(MINISTRY),
        status: url.code(STATUS),
    });
    // The API has no overdue filter: the clock of each ticket says it.
    let only_overdue = move || url.flag(OVERDUE);
    let barriers = LocalResource::new(move || api.filtered_barriers(filter.get()));
    let regions = Signal::derive(move || {
        catalogue
            .region_list()
            .into_iter()
            .map(|r| (r.code, r.name))
            .collect::<Vec<_>>()
    });
    let at = move |id, label, param| FilterAt { id, label, url, param };
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
                <ChoiceFilter
                    id="barrier-region"
                    label=T::Region
                    url
                    param=REGION
                    all=T::AllRegions
                    options=regions
                    inline=true
                />
                {code_filter::<Ministry>(at("barrier-filter-ministry", T::Ministry, MINISTRY), T::AllMinistries, true)}
                {code_filter::<BarrierStatus>(at("barrier-filter-status", T::Status, STATUS), T::All, true)}
                <FlagFilter id="barrier-overdue" label=T::OnlyOverdue url param=OVERDUE inline=true />
            </div>
            {resource_view(
                barriers,
                move |barriers| {
                    let shown: Vec<BarrierResponse> = barriers
                        .into_iter()
                        .filter(|b| !only_overdue() || b.clock.overdue)
                        .collect();
                    let count = shown.len();
                    view! {
                        <p class="muted barrier-count" role="status">
                            {move || i18n.fill(T::BarrierCount, &[&count.to_string()])}
                        </p>
                        <ByStatus barriers=shown only=filter.get_untracked().status />
                    }
                },
            )}
        </section>
    }
}

#[component]
fn ByStatus(barriers: Vec<BarrierResponse>, only: Option<BarrierStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    view! {
        <div class="status-columns">
            {BarrierStatus::ALL
                .iter()
                .filter(|&&status| only.is_none_or(|only| only == status))
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
