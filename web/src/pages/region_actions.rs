//! A region's action agenda: a table filtered by action line, theme, status, owner
//! and free text (the API's list filters).

use leptos::prelude::*;
use zorgpact_contract::action::ActionResponse;

use crate::api::ActionFilter;
use crate::components::badges::{ProgressBar, StatusBadge};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{Label, T, tr, use_i18n};
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
            {code_filter("filter-line", T::ActionLine, filter, |f, v| f.action_line = v)}
            {code_filter("filter-theme", T::Theme, filter, |f, v| f.theme = v)}
            {code_filter("filter-status", T::Status, filter, |f, v| f.status = v)}
            {text("filter-owner", T::Owner, |f, v| f.owner = v)}
            {text("filter-search", T::Search, |f, v| f.q = v)}
        </form>
    }
}

/// A filter on one coded field: every code of its set, or all (`None`).
fn code_filter<C: Label>(
    id: &'static str,
    label: T,
    filter: RwSignal<ActionFilter>,
    set: fn(&mut ActionFilter, Option<C>),
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <select id=id on:change=move |event| filter.update(|f| set(f, C::parse(&event_target_value(&event)).ok()))>
                <option value="">{tr(T::All)}</option>
                {C::ALL
                    .iter()
                    .map(|code| view! { <option value=code.as_str()>{move || i18n.label(*code)}</option> })
                    .collect_view()}
            </select>
        </div>
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
        <TableScroll labelled_by="agenda-title">
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
                            let line = action.action_line;
                            let themes = action.themes.clone();
                            view! {
                                <tr data-action-id=action.id.clone()>
                                    <td>
                                        <a href=href>{action.title}</a>
                                    </td>
                                    <td data-label=tr(T::ActionLine)>
                                        {move || i18n.label(line)}
                                    </td>
                                    <td data-label=tr(T::Themes)>
                                        {move || {
                                            themes
                                                .iter()
                                                .map(|t| i18n.label(*t))
                                                .collect::<Vec<_>>()
                                                .join(", ")
                                        }}
                                    </td>
                                    <td data-label=tr(T::Status)>
                                        <StatusBadge code=action.status />
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
        </TableScroll>
    }
    .into_any()
}
