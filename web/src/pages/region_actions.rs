//! A region's action agenda: a table filtered by action line, theme, status, owner
//! and free text (the API's list filters).

use leptos::prelude::*;
use zorgpact_contract::action::ActionResponse;

use crate::api::ActionFilter;
use crate::components::badges::{ProgressBar, StatusBadge};
use crate::components::status::resource_view;
use crate::data::codes::{ACTION_LINES, ACTION_STATUSES, THEMES};
use crate::i18n::{Codes, T, tr, use_i18n};
use crate::session::{use_api, use_session};

#[component]
pub fn ActionAgenda(region: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let filter = RwSignal::new(ActionFilter {
        region: region.clone(),
        ..ActionFilter::default()
    });
    let actions = LocalResource::new(move || api.actions(filter.get()));
    let new_href = format!("/acties/nieuw?regio={region}");
    let can_write = move || session.can("actions:write", &region);
    view! {
        <section class="card" aria-labelledby="agenda-title">
            <div class="section-head">
                <h2 id="agenda-title">{tr(T::ActionAgenda)}</h2>
                {move || {
                    can_write()
                        .then(|| {
                            view! {
                                <a class="button primary" href=new_href.clone() data-action="new-action">
                                    {tr(T::NewAction)}
                                </a>
                            }
                        })
                }}
            </div>
            <Filters filter />
            {resource_view(actions, |actions| view! { <ActionTable actions /> })}
        </section>
    }
}

#[component]
fn Filters(filter: RwSignal<ActionFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let select = move |id: &'static str,
                       label: T,
                       kind: Codes,
                       codes: &'static [&'static str],
                       set: fn(&mut ActionFilter, String)| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id on:change=move |event| filter.update(|f| set(f, event_target_value(&event)))>
                    <option value="">{tr(T::All)}</option>
                    {codes
                        .iter()
                        .map(|code| view! { <option value=*code>{move || i18n.label(kind, code)}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let text = move |id: &'static str, label: T, set: fn(&mut ActionFilter, String)| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input
                    id=id
                    type="search"
                    on:change=move |event| filter.update(|f| set(f, event_target_value(&event).trim().to_owned()))
                />
            </div>
        }
    };
    view! {
        <form class="filters" role="search" aria-label=tr(T::FilterActions) on:submit=|event| event.prevent_default()>
            {select("filter-line", T::ActionLine, Codes::ActionLine, ACTION_LINES, |f, v| f.action_line = v)}
            {select("filter-theme", T::Theme, Codes::Theme, THEMES, |f, v| f.theme = v)}
            {select("filter-status", T::Status, Codes::ActionStatus, ACTION_STATUSES, |f, v| f.status = v)}
            {text("filter-owner", T::Owner, |f, v| f.owner = v)}
            {text("filter-search", T::Search, |f, v| f.q = v)}
        </form>
    }
}

#[component]
fn ActionTable(actions: Vec<ActionResponse>) -> impl IntoView {
    let i18n = use_i18n();
    if actions.is_empty() {
        return view! { <p class="muted" role="status">{tr(T::NoActionsMatch)}</p> }.into_any();
    }
    let count = actions.len();
    view! {
        <p class="muted" role="status">{move || i18n.fill(T::ActionCount, &[&count.to_string()])}</p>
        <div class="table-wrap">
            <table class="actions-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Title)}</th>
                        <th scope="col">{tr(T::ActionLine)}</th>
                        <th scope="col">{tr(T::Themes)}</th>
                        <th scope="col">{tr(T::Status)}</th>
                        <th scope="col">{tr(T::Progress)}</th>
                        <th scope="col">{tr(T::Owner)}</th>
                        <th scope="col">{tr(T::EndDate)}</th>
                    </tr>
                </thead>
                <tbody>
                    {actions
                        .into_iter()
                        .map(|action| {
                            let href = format!("/acties/{}", action.id);
                            let line = action.action_line.clone();
                            let themes = action.themes.clone();
                            view! {
                                <tr data-action-id=action.id.clone()>
                                    <td>
                                        <a href=href>{action.title}</a>
                                    </td>
                                    <td data-label=tr(T::ActionLine)>
                                        {move || i18n.label(Codes::ActionLine, &line)}
                                    </td>
                                    <td data-label=tr(T::Themes)>
                                        {move || {
                                            themes
                                                .iter()
                                                .map(|t| i18n.label(Codes::Theme, t))
                                                .collect::<Vec<_>>()
                                                .join(", ")
                                        }}
                                    </td>
                                    <td data-label=tr(T::Status)>
                                        <StatusBadge kind=Codes::ActionStatus code=action.status />
                                    </td>
                                    <td data-label=tr(T::Progress)>
                                        <ProgressBar percent=action.progress />
                                    </td>
                                    <td data-label=tr(T::Owner)>{action.owner}</td>
                                    <td data-label=tr(T::EndDate)>
                                        {action.end_date.unwrap_or_else(|| "—".to_owned())}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
