//! A region's action agenda: a table filtered by action line, theme, status, owner
//! and free text (the API's list filters), the archive on request, sortable by
//! title, status and progress. Filters and sorting live in the URL.

use leptos::prelude::*;
use zorgpact_contract::action::ActionResponse;
use zorgpact_contract::codes::{ActionLine, ActionStatus, Theme};

use crate::api::ActionFilter;
use crate::components::badges::{ProgressBar, StatusBadge};
use crate::components::filters::{FilterAt, FlagFilter, TextFilter, code_filter};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};
use crate::url_state::{SortKey, Sorting, UrlState, use_url_state};

/// The URL parameters of the agenda's filters.
const LINE: &str = "actielijn";
const THEME: &str = "thema";
const STATUS: &str = "status";
const OWNER: &str = "kartrekker";
const SEARCH: &str = "zoek";
const ARCHIVED: &str = "archief";

/// The columns the agenda sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ActionSort {
    Title,
    Status,
    Progress,
}

impl SortKey for ActionSort {
    const ALL: &'static [Self] = &[Self::Title, Self::Status, Self::Progress];
    fn as_str(self) -> &'static str {
        match self {
            Self::Title => "titel",
            Self::Status => "status",
            Self::Progress => "voortgang",
        }
    }
}

/// `actions` in the order of `sorting` (the API's order without one). Statuses
/// sort in the order of their code set: from planned to cancelled.
fn sorted(mut actions: Vec<ActionResponse>, sorting: Option<Sorting<ActionSort>>) -> Vec<ActionResponse> {
    let Some(sorting) = sorting else { return actions };
    match sorting.key {
        ActionSort::Title => actions.sort_by_cached_key(|a| a.title.to_lowercase()),
        ActionSort::Status => actions.sort_by_key(|a| ActionStatus::ALL.iter().position(|s| *s == a.status)),
        ActionSort::Progress => actions.sort_by_key(|a| a.progress),
    }
    if sorting.descending {
        actions.reverse();
    }
    actions
}

#[component]
pub fn ActionAgenda(region: String) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let url = use_url_state();
    let filter = {
        let region = region.clone();
        Memo::new(move |_| ActionFilter {
            region: region.clone(),
            action_line: url.code(LINE),
            theme: url.code(THEME),
            status: url.code(STATUS),
            owner: url.get(OWNER).trim().to_owned(),
            q: url.get(SEARCH).trim().to_owned(),
            archived: url.flag(ARCHIVED),
        })
    };
    let actions = LocalResource::new(move || api.actions(filter.get()));
    let new_href = format!("/acties/nieuw?regio={region}");
    let at = move |id, label, param| FilterAt { id, label, url, param };
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
            <form class="filters" role="search" aria-label=tr(T::FilterActions) on:submit=|event| event.prevent_default()>
                {code_filter::<ActionLine>(at("filter-line", T::ActionLine, LINE), T::All, false)}
                {code_filter::<Theme>(at("filter-theme", T::Theme, THEME), T::All, false)}
                {code_filter::<ActionStatus>(at("filter-status", T::Status, STATUS), T::All, false)}
                <TextFilter id="filter-owner" label=T::Owner url param=OWNER />
                <TextFilter id="filter-search" label=T::Search url param=SEARCH />
                <FlagFilter id="filter-archived" label=T::ShowArchived url param=ARCHIVED />
            </form>
            {move || url.flag(ARCHIVED).then(|| view! { <p class="notice info archive-note">{tr(T::ShowingArchive)}</p> })}
            {resource_view(actions, move |actions| view! { <ActionTable actions url /> })}
        </section>
    }
}

/// A column head that sorts the table by `key`; `aria-sort` says how it is sorted.
#[component]
fn SortHead(key: ActionSort, label: T, url: UrlState) -> impl IntoView {
    let current = move || Sorting::<ActionSort>::from_url(url);
    view! {
        <th scope="col" aria-sort=move || Sorting::aria_sort(current(), key)>
            <button
                type="button"
                class="sort"
                data-sort=key.as_str()
                on:click=move |_| Sorting::toggled(current(), key).store(url)
            >
                {tr(label)}
            </button>
        </th>
    }
}

#[component]
fn ActionTable(actions: Vec<ActionResponse>, url: UrlState) -> impl IntoView {
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
                        <SortHead key=ActionSort::Title label=T::Title url />
                        <th scope="col">{tr(T::ActionLine)}</th>
                        <th scope="col">{tr(T::Themes)}</th>
                        <SortHead key=ActionSort::Status label=T::Status url />
                        <SortHead key=ActionSort::Progress label=T::Progress url />
                        <th scope="col">{tr(T::Owner)}</th>
                        <th scope="col">{tr(T::EndDate)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || sorted(actions.clone(), Sorting::from_url(url))
                        .into_iter()
                        .map(|action| {
                            let href = format!("/acties/{}", action.id);
                            let line = action.action_line;
                            let themes = action.themes.clone();
                            view! {
                                <tr data-action-id=action.id.clone()>
                                    <td>
                                        <a href=href>{action.title}</a>
                                        {action
                                            .archived
                                            .then(|| view! { " " <span class="badge badge-archived">{tr(T::Archived)}</span> })}
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
