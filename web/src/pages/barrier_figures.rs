//! The programme's barrier figures, public (the page works without login): totals,
//! bar charts of the tickets by status, outcome, ministry, kind of rule, place and
//! region, each ministry's speed, and the contacts by kind; each chart with its
//! numbers in a table, and the whole as CSV.

use leptos::prelude::*;
use zorgpact_contract::RegionResponse;
use zorgpact_contract::barrier_figures::{BarrierFiguresResponse, DaySpreadResponse};
use zorgpact_contract::codes::ContactKind;

use crate::api::{API_BASE, UnauthorizedApi};
use crate::charts::bars::{Bar, BarChart};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{I18n, T, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn BarrierFiguresPage() -> impl IntoView {
    let session = use_session();
    // Public reads: the same for a visitor and a signed-in user.
    let figures = LocalResource::new(|| UnauthorizedApi.barrier_figures());
    let regions = LocalResource::new(|| UnauthorizedApi.regions());
    let csv = format!("{API_BASE}/barrier-figures?format=csv");
    view! {
        <section class="barrier-figures" aria-labelledby="figures-title">
            <div class="page-head">
                <h1 id="figures-title">{tr(T::FiguresTitle)}</h1>
                <div class="downloads">
                    <a class="button" href=csv download="belemmeringen-cijfers.csv" data-action="figures-csv">
                        {tr(T::DownloadFiguresCsv)}
                    </a>
                </div>
            </div>
            {move || {
                session
                    .me()
                    .is_none()
                    .then(|| {
                        view! {
                            <p class="notice info">
                                {tr(T::FiguresPublic)} " " <a href="/belemmeringen">{tr(T::LoginForMore)}</a>
                            </p>
                        }
                    })
            }}
            {resource_view(
                figures,
                move |figures| {
                    // Region names when they come; their codes until then (or if they fail).
                    let names = move || regions.get().and_then(Result::ok).unwrap_or_default();
                    view! { <Figures figures names=Signal::derive(names) /> }
                },
            )}
        </section>
    }
}

#[component]
fn Figures(figures: BarrierFiguresResponse, names: Signal<Vec<RegionResponse>>) -> impl IntoView {
    let i18n = use_i18n();
    let figures = StoredValue::new(figures);
    let f = move || figures.get_value();
    let count = move |n: u32| i18n.number(f64::from(n));
    let share = move || {
        f().overdue.share.map_or_else(
            || "—".to_owned(),
            |s| format!("{} %", i18n.number((s * 1000.0).round() / 10.0)),
        )
    };
    let totals = move || {
        let fig = f();
        [
            ("tickets", T::TicketsTotal, count(fig.tickets)),
            ("open", T::OpenTickets, count(fig.overdue.open)),
            ("duplicates", T::DuplicatesTotal, count(fig.duplicates)),
            ("overdue", T::OverdueTotal, count(fig.overdue.tickets)),
            ("overdue-share", T::OverdueShare, share()),
            ("open-overdue", T::OpenOverdue, count(fig.overdue.open_overdue)),
            ("contacts", T::ContactsTotal, count(fig.contacts.total)),
        ]
        .into_iter()
        .map(|(key, label, value)| {
            view! {
                <div data-figure=key>
                    <dt>{tr(label)}</dt>
                    <dd class="figure-value">{value}</dd>
                </div>
            }
        })
        .collect_view()
    };
    let bar = move |key: &str, label: String, tickets: u32| Bar {
        key: key.to_owned(),
        label,
        value: f64::from(tickets),
        shown: count(tickets),
    };
    // The charts are rebuilt when the language switches.
    let charts = move || {
        let fig = f();
        let by_status = fig
            .by_status
            .iter()
            .map(|c| bar(c.status.as_str(), i18n.label(c.status).to_owned(), c.tickets))
            .collect();
        let by_resolution = fig
            .by_resolution
            .iter()
            .map(|c| {
                let (key, label) = match c.resolution {
                    Some(code) => (code.as_str(), i18n.label(code)),
                    None => ("none", i18n.t(T::NoResolutionYet)),
                };
                bar(key, label.to_owned(), c.tickets)
            })
            .collect();
        let by_ministry = fig
            .by_ministry
            .iter()
            .map(|c| {
                let (key, label) = match c.ministry {
                    Some(code) => (code.as_str(), i18n.label(code)),
                    None => ("none", i18n.t(T::NotAssigned)),
                };
                bar(key, label.to_owned(), c.tickets)
            })
            .collect();
        let by_category = fig
            .by_category
            .iter()
            .map(|c| bar(c.category.as_str(), i18n.label(c.category).to_owned(), c.tickets))
            .collect();
        let by_location = fig
            .by_location
            .iter()
            .map(|c| {
                let (key, label) = match c.location {
                    Some(code) => (code.as_str(), i18n.label(code)),
                    None => ("none", i18n.t(T::LocationUnknown)),
                };
                bar(key, label.to_owned(), c.tickets)
            })
            .collect();
        let regions = names.get();
        let by_region = fig
            .by_region
            .iter()
            .map(|c| {
                let name = regions
                    .iter()
                    .find(|r| r.code == c.region_code)
                    .map_or_else(|| c.region_code.clone(), |r| r.name.clone());
                bar(&c.region_code, name, c.tickets)
            })
            .collect();
        let contacts = [
            (ContactKind::Meeting, fig.contacts.meetings),
            (ContactKind::PhoneCall, fig.contacts.phone_calls),
            (ContactKind::Email, fig.contacts.emails),
        ]
        .into_iter()
        .map(|(kind, n)| bar(kind.as_str(), i18n.label(kind).to_owned(), n))
        .collect();
        view! {
            <div class="chart-grid">
                <BarChart id="by-status" caption=i18n.t(T::ByStatus).to_owned() group=T::Status bars=by_status />
                <BarChart id="by-resolution" caption=i18n.t(T::ByResolution).to_owned() group=T::Resolution bars=by_resolution />
                <BarChart id="by-ministry" caption=i18n.t(T::ByMinistry).to_owned() group=T::Ministry bars=by_ministry />
                <BarChart id="by-category" caption=i18n.t(T::ByCategory).to_owned() group=T::Category bars=by_category />
                <BarChart id="by-location" caption=i18n.t(T::ByLocation).to_owned() group=T::WhereItSits bars=by_location />
                <BarChart id="by-region" caption=i18n.t(T::ByRegion).to_owned() group=T::Region bars=by_region />
                <BarChart id="contacts" caption=i18n.t(T::ContactsByKind).to_owned() group=T::ContactKind bars=contacts />
            </div>
        }
    };
    view! {
        <p class="intro">{move || i18n.fill(T::FiguresIntro, &[&f().as_of])}</p>
        <section class="card" aria-labelledby="figures-totals-title">
            <h2 id="figures-totals-title">{tr(T::Totals)}</h2>
            <dl class="facts figures-totals">{totals}</dl>
        </section>
        <section class="card" aria-labelledby="figures-speed-title">
            <h2 id="figures-speed-title">{tr(T::SpeedByMinistry)}</h2>
            {move || view! { <SpeedTable i18n figures=f() /> }}
        </section>
        <section class="card" aria-labelledby="figures-charts-title">
            <h2 id="figures-charts-title">{tr(T::Breakdown)}</h2>
            {charts}
        </section>
    }
}

/// Median and 90th percentile per ministry, to the first response and to the answer.
#[component]
fn SpeedTable(i18n: I18n, figures: BarrierFiguresResponse) -> impl IntoView {
    let median =
        move |spread: &DaySpreadResponse| spread.median_days.map_or_else(|| "—".to_owned(), |d| i18n.number(d));
    let p90 = move |spread: &DaySpreadResponse| {
        spread
            .p90_days
            .map_or_else(|| "—".to_owned(), |d| i18n.number(f64::from(d)))
    };
    let rows = figures
        .clock_by_ministry
        .iter()
        .map(|clock| {
            let ministry = clock.ministry;
            view! {
                <tr data-ministry=ministry.as_str()>
                    <th scope="row">{move || i18n.label(ministry)}</th>
                    <td class="num">{median(&clock.first_response)}</td>
                    <td class="num">{p90(&clock.first_response)}</td>
                    <td class="num">{median(&clock.answer)}</td>
                    <td class="num">{p90(&clock.answer)}</td>
                    <td class="num">{format!("{} / {}", clock.first_response.tickets, clock.answer.tickets)}</td>
                    <td class="num" data-overdue=clock.overdue>{clock.overdue}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll labelled_by="speed-caption">
            <table class="speed-table">
                <caption id="speed-caption">{tr(T::SpeedByMinistry)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Ministry)}</th>
                        <th scope="col" class="num">{tr(T::FirstResponseMedian)}</th>
                        <th scope="col" class="num">{tr(T::FirstResponseP90)}</th>
                        <th scope="col" class="num">{tr(T::AnswerMedian)}</th>
                        <th scope="col" class="num">{tr(T::AnswerP90)}</th>
                        <th scope="col" class="num">{tr(T::TicketsMeasured)}</th>
                        <th scope="col" class="num">{tr(T::OverdueTotal)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}
