//! The published factsheets: questions the ministries answered once for everyone.
//! Readable without logging in (the app shows these pages to visitors too).

use leptos::prelude::*;
use zorgpact_contract::factsheet::FactsheetResponse;

use super::path_param;
use crate::api::UnauthorizedApi;
use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};

#[component]
pub fn FactsheetsPage() -> impl IntoView {
    let factsheets = LocalResource::new(move || UnauthorizedApi.factsheets());
    view! {
        <section aria-labelledby="factsheets-title">
            <h1 id="factsheets-title">{tr(T::Factsheets)}</h1>
            <p class="intro">{tr(T::FactsheetsIntro)}</p>
            {resource_view(
                factsheets,
                |factsheets: Vec<FactsheetResponse>| {
                    view! {
                        <ul class="factsheet-list">
                            {factsheets
                                .into_iter()
                                .map(|f| {
                                    view! {
                                        <li>
                                            <a href=format!("/factsheets/{}", f.id)>{f.question}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                },
            )}
        </section>
    }
}

#[component]
pub fn FactsheetPage() -> impl IntoView {
    let id = path_param("id");
    let factsheet = LocalResource::new(move || UnauthorizedApi.factsheet(id()));
    view! {
        <section class="card factsheet">
            {resource_view(factsheet, |factsheet| view! { <Factsheet factsheet /> })}
            <p>
                <a href="/factsheets">{tr(T::AllFactsheets)}</a>
            </p>
        </section>
    }
}

#[component]
fn Factsheet(factsheet: FactsheetResponse) -> impl IntoView {
    let i18n = use_i18n();
    let ministry = factsheet.ministry;
    let themes = factsheet.themes.clone();
    view! {
        <h1>{factsheet.question}</h1>
        <p class="meta">
            {move || i18n.label(ministry)}
            {factsheet.published_version.map(|n| format!(" · v{n}"))}
        </p>
        <div class="answer">{factsheet.answer}</div>
        {(!themes.is_empty())
            .then(|| {
                view! {
                    <p class="themes">
                        {themes
                            .into_iter()
                            .map(|theme| view! { <span class="badge">{move || i18n.label(theme)}</span> " " })
                            .collect_view()}
                    </p>
                }
            })}
        {(!factsheet.regulations.is_empty())
            .then(|| {
                view! {
                    <h2>{tr(T::RulesConcerned)}</h2>
                    <ul>
                        {factsheet
                            .regulations
                            .into_iter()
                            .map(|rule| view! { <li>{rule.name}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}
