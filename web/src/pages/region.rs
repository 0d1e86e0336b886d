//! A region: its pact and partners, its action agenda, its indicators and its
//! barrier tickets. A visitor sees the public parts: the pact, the partners, the
//! agenda in counts and the indicator charts.

use leptos::prelude::*;
use zorgpact_contract::agenda::AgendaSummaryResponse;
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_contract::{PartnerResponse, RegionResponse};

use super::path_param;
use super::region_actions::ActionAgenda;
use super::region_indicators::RegionIndicators;
use super::region_targets::RegionTargets;
use super::reviews::RegionReviews;
use crate::api::UnauthorizedApi;
use crate::components::badges::StatusBadge;
use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{signed_in_api, use_api, use_session};

#[component]
pub fn RegionPage() -> impl IntoView {
    let code = path_param("code");
    let region = LocalResource::new(move || UnauthorizedApi.region(code()));
    view! {
        {resource_view(
            region,
            move |region| {
                view! { <RegionView region /> }
            },
        )}
    }
}

#[component]
fn RegionView(region: RegionResponse) -> impl IntoView {
    let i18n = use_i18n();
    let code = region.code.clone();
    let data_region = code.clone();
    let agenda_role = region.agenda_role;
    view! {
        <article class="region-page" data-region=data_region>
            <nav class="breadcrumb" aria-label=tr(T::Breadcrumb)>
                <a href="/">{tr(T::NavOverview)}</a>
                " › "
                <span aria-current="page">{region.name.clone()}</span>
            </nav>
            <h1>{region.name.clone()}</h1>
            <section class="card pact" aria-labelledby="pact-title">
                <h2 id="pact-title">{region.pact_name.clone()}</h2>
                <dl class="facts">
                    <div>
                        <dt>{tr(T::SignedOn)}</dt>
                        <dd>{region.signed_on.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                    </div>
                    <div>
                        <dt>{tr(T::AgendaRole)}</dt>
                        <dd>
                            {move || agenda_role.map_or("—", |role| i18n.label(role))}
                        </dd>
                    </div>
                </dl>
                {(!region.ambition.is_empty())
                    .then(|| {
                        view! {
                            <h3>{tr(T::Ambition)}</h3>
                            <p class="ambition">{region.ambition.clone()}</p>
                        }
                    })}
                <Partners region=code.clone() />
            </section>
            <AgendaSummary region=code.clone() />
            {signed_in_api().is_some().then(|| view! { <ActionAgenda region=code.clone() /> })}
            <RegionIndicators region=code.clone() />
            {signed_in_api()
                .is_some()
                .then(|| view! {
                    <RegionTargets region=code.clone() />
                    <RegionBarriers region=code.clone() />
                    <RegionReviews region=code />
                })}
        </article>
    }
}

/// The agenda in counts, for everyone: actions per action line and status, their
/// mean progress and the open barrier tickets.
#[component]
fn AgendaSummary(region: String) -> impl IntoView {
    let summary = LocalResource::new(move || UnauthorizedApi.agenda_summary(region.clone()));
    view! {
        <section class="card agenda-summary" aria-labelledby="agenda-summary-title">
            <h2 id="agenda-summary-title">{tr(T::AgendaInCounts)}</h2>
            {resource_view(summary, move |summary| view! { <SummaryFigures summary /> })}
        </section>
    }
}

#[component]
fn SummaryFigures(summary: Option<AgendaSummaryResponse>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(summary) = summary.filter(|s| s.actions > 0) else {
        return view! { <p class="muted">{tr(T::NoActions)}</p> }.into_any();
    };
    let progress = summary.mean_progress.unwrap_or(0.0);
    let lines = summary
        .by_action_line
        .into_iter()
        .map(|count| {
            let line = count.action_line;
            view! {
                <div data-action-line=line.as_str()>
                    <dt>{move || i18n.label(line)}</dt>
                    <dd>{count.actions}</dd>
                </div>
            }
        })
        .collect_view();
    let statuses = summary
        .by_status
        .into_iter()
        .filter(|count| count.actions > 0)
        .map(|count| {
            view! {
                <li data-status=count.status.as_str()>
                    <StatusBadge code=count.status />
                    " "
                    <span class="count">{count.actions}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <dl class="facts summary-figures">
            <div data-summary="actions">
                <dt>{tr(T::Actions)}</dt>
                <dd>{summary.actions}</dd>
            </div>
            <div data-summary="progress">
                <dt>{tr(T::MeanProgress)}</dt>
                <dd>{move || format!("{} %", i18n.number(progress.round()))}</dd>
            </div>
            <div data-summary="open-barriers">
                <dt>{tr(T::OpenBarriers)}</dt>
                <dd>{summary.open_barriers}</dd>
            </div>
        </dl>
        <h3>{tr(T::ActionsPerLine)}</h3>
        <dl class="facts">{lines}</dl>
        <h3>{tr(T::ActionsPerStatus)}</h3>
        <ul class="status-counts">{statuses}</ul>
    }
    .into_any()
}

#[component]
fn Partners(region: String) -> impl IntoView {
    let partners = LocalResource::new(move || UnauthorizedApi.partners(region.clone()));
    view! {
        <h3>{tr(T::Partners)}</h3>
        {resource_view(partners, |partners| view! { <PartnerList partners /> })}
    }
}

#[component]
fn PartnerList(partners: Vec<PartnerResponse>) -> impl IntoView {
    if partners.is_empty() {
        return view! { <p class="muted">{tr(T::NoPartners)}</p> }.into_any();
    }
    let i18n = use_i18n();
    view! {
        <ul class="partners">
            {partners
                .into_iter()
                .map(|partner| {
                    let sector = partner.sector;
                    view! {
                        <li>
                            <span class="partner-name">{partner.organisation}</span>
                            " "
                            <span class="muted">"(" {move || i18n.label(sector)} ")"</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RegionBarriers(region: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let barriers = {
        let region = region.clone();
        LocalResource::new(move || api.barriers(region.clone()))
    };
    let new_href = format!("/belemmeringen/nieuw?regio={region}");
    let can_file = move || session.can("barrier-tickets:file", &region);
    view! {
        <section class="card" aria-labelledby="barriers-title">
            <div class="section-head">
                <h2 id="barriers-title">{tr(T::NavBarriers)}</h2>
                {move || {
                    can_file()
                        .then(|| {
                            view! {
                                <a class="button" href=new_href.clone() data-action="file-barrier">
                                    {tr(T::FileBarrier)}
                                </a>
                            }
                        })
                }}
            </div>
            {resource_view(barriers, |barriers| view! { <BarrierList barriers /> })}
        </section>
    }
}

/// Barrier tickets as a list of links with their status.
#[component]
pub fn BarrierList(barriers: Vec<BarrierResponse>) -> impl IntoView {
    if barriers.is_empty() {
        return view! { <p class="muted">{tr(T::NoBarriers)}</p> }.into_any();
    }
    view! {
        <ul class="item-list barrier-list">
            {barriers
                .into_iter()
                .map(|barrier| {
                    let href = format!("/belemmeringen/{}", barrier.id);
                    view! {
                        <li data-barrier-id=barrier.id.clone()>
                            <a href=href>{barrier.title}</a>
                            " "
                            <StatusBadge code=barrier.status />
                            <span class="muted">" · " {barrier.filed_on}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
