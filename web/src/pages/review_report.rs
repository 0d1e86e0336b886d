//! The printable report of a progress review (`/voortgangsgesprekken/{id}/verslag`):
//! the review with the region's indicator charts and the state of its actions as
//! known on the review's date. The print stylesheet (`@media print` in
//! `style.css`) lays it out on A4 without the app's navigation.

use leptos::prelude::*;
use zorgpact_contract::review::{ReportAction, ReportIndicator, ReviewReportResponse};

use super::path_param;
use super::review::{RoundAndStatus, ScoresTable};
use super::reviews::review_href;
use crate::charts::line::{LineChart, Series, SeriesKind};
use crate::components::badges::StatusBadge;
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{T, tr, use_i18n};
use crate::session::use_api;

#[component]
pub fn ReviewReportPage() -> impl IntoView {
    let api = use_api();
    let id = path_param("id");
    let report = LocalResource::new(move || api.review_report(id()));
    resource_view(report, |report| view! { <Report report /> })
}

/// Prints the page: the browser's own print dialog, with the print stylesheet.
fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

#[component]
fn Report(report: ReviewReportResponse) -> impl IntoView {
    let i18n = use_i18n();
    let review = report.review;
    let round = review.round;
    let as_of = report.as_of.clone();
    let data_as_of = as_of.clone();
    let p = review.parts.clone();
    let scores = review.scores.clone();
    view! {
        <article class="card report" data-review-id=review.id.clone()>
            <div class="section-head no-print">
                <a href=review_href(&review.id)>{tr(T::BackToReview)}</a>
                <button type="button" class="primary" data-action="print" on:click=move |_| print()>
                    {tr(T::Print)}
                </button>
            </div>
            <h1>{tr(T::Report)} " · " {report.region_name.clone()} " · " {review.review_date.clone()}</h1>
            <dl class="facts">
                <RoundAndStatus round status=review.status />
            </dl>
            <p class="muted" data-as-of=data_as_of>{move || i18n.fill(T::ReportAsOf, &[&as_of])}</p>
            <section aria-labelledby="report-parts">
                <h2 id="report-parts">{tr(T::PartWhy)}</h2>
                <p class="prose">{p.why_question} " " {p.why_transition}</p>
                <h2>{tr(T::PartWhat)}</h2>
                <p class="prose">{p.what_themes} " " {p.what_focus_areas}</p>
                <h2>{tr(T::PartHow)}</h2>
                <p class="prose">{p.how_cooperation} " " {p.how_partners}</p>
                <p class="prose">{p.how_success_factors} " " {p.how_barriers}</p>
                <h2>{tr(T::PartProcess)}</h2>
                <p class="prose">
                    {move || p.process_phase.map(|phase| i18n.label(phase))} " " {p.process_notes.clone()}
                </p>
                <h2>{tr(T::PartProgress)}</h2>
                <p class="prose">{p.progress_results}</p>
                <ol class="intentions">
                    {review.intentions.into_iter().map(|i| view! { <li>{i.text}</li> }).collect_view()}
                </ol>
            </section>
            <section aria-labelledby="report-scores">
                <h2 id="report-scores">{tr(T::Scores)}</h2>
                <ScoresTable scores />
            </section>
            <ReportIndicators indicators=report.indicators />
            <ReportActions actions=report.actions />
        </article>
    }
}

#[component]
fn ReportIndicators(indicators: Vec<ReportIndicator>) -> impl IntoView {
    let i18n = use_i18n();
    let charts = indicators
        .into_iter()
        .filter(|indicator| !indicator.points.is_empty())
        .map(|indicator| {
            let name = indicator.name.clone();
            let label = Signal::derive(move || name.clone());
            let unit = indicator.unit;
            let series = vec![Series {
                label: i18n.t(T::Value).to_owned(),
                kind: SeriesKind::Value(0),
                points: indicator.points.into_iter().map(|p| (p.period, p.value)).collect(),
            }];
            view! {
                <section class="indicator-chart" data-indicator=indicator.code.clone()>
                    <h3>{indicator.name.clone()}</h3>
                    <p class="muted">{move || i18n.label(unit)}</p>
                    <LineChart series label />
                </section>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="report-indicators" aria-labelledby="report-indicators-title">
            <h2 id="report-indicators-title">{tr(T::ReportIndicators)}</h2>
            {if charts.is_empty() {
                view! { <p class="muted">{tr(T::NoIndicatorData)}</p> }.into_any()
            } else {
                view! { <div class="chart-grid">{charts}</div> }.into_any()
            }}
        </section>
    }
}

#[component]
fn ReportActions(actions: Vec<ReportAction>) -> impl IntoView {
    let i18n = use_i18n();
    if actions.is_empty() {
        return view! {
            <section aria-labelledby="report-actions-title">
                <h2 id="report-actions-title">{tr(T::ReportActions)}</h2>
                <p class="muted">{tr(T::NoActions)}</p>
            </section>
        }
        .into_any();
    }
    let rows = actions
        .into_iter()
        .map(|action| {
            let line = action.action_line;
            let state = match (action.status, action.progress) {
                (Some(status), progress) => view! {
                    <StatusBadge code=status />
                    {progress.map(|p| format!(" {p}%"))}
                }
                .into_any(),
                (None, _) => view! { <span class="muted">{tr(T::NoReportedProgress)}</span> }.into_any(),
            };
            view! {
                <tr data-action-id=action.id.clone() data-status=action.status.map(|s| s.as_str())>
                    <th scope="row">
                        <a href=format!("/acties/{}", action.id)>{action.title}</a>
                    </th>
                    <td>{move || i18n.label(line)}</td>
                    <td>{state}</td>
                    <td>{action.reported_on.unwrap_or_else(|| "—".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="report-actions-title">
            <h2 id="report-actions-title">{tr(T::ReportActions)}</h2>
            <TableScroll labelled_by="report-actions-caption">
                <table class="data-table report-actions">
                    <caption id="report-actions-caption">{tr(T::ReportActions)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(T::Title)}</th>
                            <th scope="col">{tr(T::ActionLine)}</th>
                            <th scope="col">{tr(T::Status)}</th>
                            <th scope="col">{tr(T::ReportedOn)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableScroll>
        </section>
    }
    .into_any()
}
