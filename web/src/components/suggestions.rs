//! Earlier answers while a region files a ticket: answered tickets and published
//! factsheets that share words with the title being typed, so an answer that
//! exists is found before the same question is filed again.

use leptos::prelude::*;
use zorgpact_contract::codes::SearchKind;
use zorgpact_contract::search::SearchHit;

use crate::i18n::{T, tr};
use crate::session::use_api;

/// Fewer characters than this find too much to help.
const MIN_CHARS: usize = 4;

#[component]
pub fn FilingSuggestions(text: RwSignal<String>) -> impl IntoView {
    let api = use_api();
    let hits = LocalResource::new(move || {
        let text = text.get().trim().to_owned();
        async move {
            if text.chars().count() < MIN_CHARS {
                return Vec::new();
            }
            // Suggestions are a help, not a step: a failed search shows nothing.
            api.earlier_answers(text).await.unwrap_or_default()
        }
    });
    move || {
        let found: Vec<SearchHit> = hits.get().unwrap_or_default();
        (!found.is_empty()).then(|| {
            view! {
                <aside class="suggestions" aria-live="polite" data-role="filing-suggestions">
                    <h2>{tr(T::EarlierAnswers)}</h2>
                    <p>{tr(T::EarlierAnswersIntro)}</p>
                    <ul>
                        {found.into_iter().map(|hit| view! { <Suggestion hit /> }).collect_view()}
                    </ul>
                </aside>
            }
        })
    }
}

#[component]
fn Suggestion(hit: SearchHit) -> impl IntoView {
    let (href, kind) = match hit.kind {
        SearchKind::Ticket => (format!("/belemmeringen/{}", hit.id), T::BarrierTicket),
        SearchKind::Factsheet => (format!("/factsheets/{}", hit.id), T::Factsheet),
    };
    view! {
        <li>
            <span class="badge">{tr(kind)}</span>
            " "
            <a href=href>{hit.title}</a>
            <p class="excerpt">{hit.excerpt}</p>
        </li>
    }
}
