//! The Kopgroep: the public catalogue of leading projects (search and filters
//! kept in the URL, as on the barrier board), its figures per care domain and
//! province beside the programme's own published figures, the coalitions, and a
//! project's page with similar projects. Open to everyone, without logging in.

use leptos::prelude::*;
use zorgpact_contract::codes::{CareDomain, EducationLevel, Province, Theme};
use zorgpact_contract::leading_project::{
    CoalitionResponse, LeadingProjectFiguresResponse, LeadingProjectResponse, ProjectRef,
};

use super::path_param;
use crate::api::{UnauthorizedApi, encode};
use crate::components::filters::{FilterAt, TextFilter, code_filter};
use crate::components::status::resource_view;
use crate::components::table::TableScroll;
use crate::i18n::{I18n, Label, T, tr, use_i18n};
use crate::pages::kopgroep_form::{Proposals, proposes, publishes};
use crate::session::use_session;
use crate::url_state::{UrlState, use_url_state};

/// The URL parameters of the catalogue and the API filter each one sets.
const SEARCH: &str = "zoek";
const DOMAIN: &str = "domein";
const THEME: &str = "thema";
const PROVINCE: &str = "provincie";
const LEVEL: &str = "niveau";

/// The API's query string for what the URL asks. A search without a letter or
/// digit is no search (the API would refuse it).
fn api_query(url: UrlState) -> String {
    let mut parts = Vec::new();
    let text = url.get(SEARCH);
    if text.chars().any(char::is_alphanumeric) {
        parts.push(format!("q={}", encode(text.trim())));
    }
    let mut code = |api: &str, value: Option<&'static str>| {
        if let Some(value) = value {
            parts.push(format!("{api}={value}"));
        }
    };
    code("domain", url.code::<CareDomain>(DOMAIN).map(CareDomain::as_str));
    code("theme", url.code::<Theme>(THEME).map(Theme::as_str));
    code("province", url.code::<Province>(PROVINCE).map(Province::as_str));
    code(
        "education_level",
        url.code::<EducationLevel>(LEVEL).map(EducationLevel::as_str),
    );
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Labels of codes, joined: "Ouderen- en thuiszorg, Welzijn".
fn labels<C: Label>(i18n: I18n, codes: &[C]) -> String {
    codes.iter().map(|c| i18n.label(*c)).collect::<Vec<_>>().join(", ")
}

#[component]
pub fn KopgroepPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let url = use_url_state();
    let query = Memo::new(move |_| api_query(url));
    let projects = LocalResource::new(move || UnauthorizedApi.leading_projects(query.get()));
    let at = move |id, label, param| FilterAt { id, label, url, param };
    view! {
        <section aria-labelledby="kopgroep-title">
            <div class="page-head">
                <h1 id="kopgroep-title">{tr(T::NavKopgroep)}</h1>
                {move || {
                    proposes(session)
                        .then(|| {
                            view! {
                                <a class="button primary" href="/kopgroep/voorstellen" data-action="propose-project">
                                    {tr(T::ProposeProject)}
                                </a>
                            }
                        })
                }}
            </div>
            <p class="intro">{tr(T::KopgroepIntro)}</p>
            <div class="barrier-filters kopgroep-filters" role="search" aria-label=tr(T::FilterProjects)>
                <TextFilter id="kopgroep-search" label=T::SearchProjects url param=SEARCH />
                {code_filter::<CareDomain>(at("kopgroep-domain", T::CareDomain, DOMAIN), T::AllCareDomains, true)}
                {code_filter::<Theme>(at("kopgroep-theme", T::Theme, THEME), T::AllThemes, true)}
                {code_filter::<Province>(at("kopgroep-province", T::Province, PROVINCE), T::AllProvinces, true)}
                {code_filter::<EducationLevel>(at("kopgroep-level", T::EducationLevel, LEVEL), T::AllEducationLevels, true)}
            </div>
            {resource_view(
                projects,
                move |page| {
                    let count = page.items.len();
                    view! {
                        <p class="muted project-count" role="status">
                            {move || i18n.fill(T::ProjectCount, &[&count.to_string()])}
                        </p>
                        <ProjectList projects=page.items />
                    }
                },
            )}
        </section>
        {move || (session.me().is_some() && publishes(session)).then(|| view! { <Proposals /> })}
        <Figures />
        <Coalitions />
    }
}

#[component]
fn ProjectList(projects: Vec<LeadingProjectResponse>) -> impl IntoView {
    let i18n = use_i18n();
    if projects.is_empty() {
        return view! { <p class="muted">{tr(T::NoProjects)}</p> }.into_any();
    }
    view! {
        <ul class="project-list">
            {projects
                .into_iter()
                .map(|p| {
                    let href = format!("/kopgroep/{}", p.id);
                    let name = p.name.clone();
                    let province = p.province;
                    let domains = p.care_domains.clone();
                    let themes = p.themes.clone();
                    view! {
                        <li data-project=name>
                            <a href=href>{p.name}</a>
                            <span class="muted">
                                {move || {
                                    let mut facts = vec![labels(i18n, &domains)];
                                    if !themes.is_empty() {
                                        facts.push(labels(i18n, &themes));
                                    }
                                    if let Some(province) = province {
                                        facts.push(i18n.label(province).to_owned());
                                    }
                                    format!(" · {}", facts.join(" · "))
                                }}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Counts per care domain and province in the catalogue, beside the programme's own.
#[component]
fn Figures() -> impl IntoView {
    let figures = LocalResource::new(move || UnauthorizedApi.leading_project_figures());
    view! {
        <section aria-labelledby="kopgroep-figures-title" class="kopgroep-figures">
            <h2 id="kopgroep-figures-title">{tr(T::KopgroepFigures)}</h2>
            {resource_view(figures, |figures| view! { <FigureTables figures /> })}
        </section>
    }
}

#[component]
fn FigureTables(figures: LeadingProjectFiguresResponse) -> impl IntoView {
    let i18n = use_i18n();
    let programme = figures.programme.clone();
    let note = {
        let p = programme.clone();
        move || {
            i18n.fill(
                T::ProgrammeFiguresNote,
                &[
                    &p.source,
                    &p.projects.to_string(),
                    &p.provinces.to_string(),
                    &p.support_tracks.to_string(),
                    &p.coalitions.to_string(),
                    &p.meetings.to_string(),
                    &p.rif_grants.to_string(),
                ],
            )
        }
    };
    let total = (figures.projects, figures.provinces);
    let domains = figures.by_care_domain.clone();
    let provinces: Vec<_> = figures.by_province.into_iter().filter(|p| p.projects > 0).collect();
    view! {
        <p>{move || i18n.fill(T::CatalogueTotal, &[&total.0.to_string(), &total.1.to_string()])}</p>
        <TableScroll labelled_by="kopgroep-domains-caption">
        <table class="figures-table" data-figures="care-domains">
            <caption id="kopgroep-domains-caption">{tr(T::PerCareDomain)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(T::CareDomain)}</th>
                    <th scope="col">{tr(T::InCatalogue)}</th>
                    <th scope="col">{tr(T::ByProgramme)}</th>
                </tr>
            </thead>
            <tbody>
                {domains
                    .into_iter()
                    .map(|d| {
                        let published = programme
                            .by_care_domain
                            .iter()
                            .find(|p| p.care_domain == d.care_domain)
                            .map_or(String::new(), |p| p.projects.to_string());
                        view! {
                            <tr>
                                <th scope="row">{move || i18n.label(d.care_domain)}</th>
                                <td>{d.projects}</td>
                                <td>{published}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </TableScroll>
        <TableScroll labelled_by="kopgroep-provinces-caption">
        <table class="figures-table" data-figures="provinces">
            <caption id="kopgroep-provinces-caption">{tr(T::PerProvince)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(T::Province)}</th>
                    <th scope="col">{tr(T::InCatalogue)}</th>
                </tr>
            </thead>
            <tbody>
                {provinces
                    .into_iter()
                    .map(|p| {
                        view! {
                            <tr>
                                <th scope="row">{move || i18n.label(p.province)}</th>
                                <td>{p.projects}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </TableScroll>
        <p class="muted programme-figures">{note}</p>
    }
}

#[component]
fn Coalitions() -> impl IntoView {
    let coalitions = LocalResource::new(move || UnauthorizedApi.coalitions());
    view! {
        <section aria-labelledby="coalitions-title" class="coalitions">
            <h2 id="coalitions-title">{tr(T::Coalitions)}</h2>
            {resource_view(
                coalitions,
                |coalitions: Vec<CoalitionResponse>| {
                    coalitions
                        .into_iter()
                        .map(|c| {
                            let heading = format!("coalition-{}", c.id);
                            let labelled_by = heading.clone();
                            view! {
                                <article class="coalition" aria-labelledby=labelled_by>
                                    <h3 id=heading>{c.name}</h3>
                                    <p>{c.aim}</p>
                                    <h4>{tr(T::CoalitionMembers)}</h4>
                                    <ProjectRefs projects=c.members empty=T::NoMembersYet />
                                </article>
                            }
                        })
                        .collect_view()
                },
            )}
        </section>
    }
}

#[component]
fn ProjectRefs(projects: Vec<ProjectRef>, empty: T) -> impl IntoView {
    if projects.is_empty() {
        return view! { <p class="muted">{tr(empty)}</p> }.into_any();
    }
    view! {
        <ul class="project-list">
            {projects
                .into_iter()
                .map(|p| {
                    let href = format!("/kopgroep/{}", p.id);
                    let name = p.name.clone();
                    view! {
                        <li data-project=name>
                            <a href=href>{p.name}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn LeadingProjectPage() -> impl IntoView {
    let id = path_param("id");
    let project = LocalResource::new(move || UnauthorizedApi.leading_project(id()));
    view! {
        <section class="card leading-project">
            {resource_view(project, |project| view! { <Project project /> })}
            <p>
                <a href="/kopgroep">{tr(T::AllProjects)}</a>
            </p>
        </section>
    }
}

#[component]
fn Project(project: LeadingProjectResponse) -> impl IntoView {
    let i18n = use_i18n();
    let p = project.clone();
    let facts = move || {
        let mut rows: Vec<(T, String)> = vec![(T::CareDomains, labels(i18n, &p.care_domains))];
        if let Some(province) = p.province {
            rows.push((T::Province, i18n.label(province).to_owned()));
        }
        if !p.themes.is_empty() {
            rows.push((T::Themes, labels(i18n, &p.themes)));
        }
        if !p.education_levels.is_empty() {
            rows.push((T::EducationLevels, labels(i18n, &p.education_levels)));
        }
        if !p.partners.is_empty() {
            rows.push((T::Partners, p.partners.join(", ")));
        }
        if !p.support_tracks.is_empty() {
            rows.push((T::SupportTracks, p.support_tracks.join(", ")));
        }
        if !p.coalitions.is_empty() {
            let names: Vec<&str> = p.coalitions.iter().map(|c| c.name.as_str()).collect();
            rows.push((T::Coalitions, names.join(", ")));
        }
        if !p.funding.is_empty() {
            let lines: Vec<String> = p
                .funding
                .iter()
                .map(|f| {
                    let years = match f.to_year {
                        Some(to) if to != f.from_year => format!("{}–{to}", f.from_year),
                        _ => f.from_year.to_string(),
                    };
                    let amount = f.amount_eur.map(|a| format!(", € {a}")).unwrap_or_default();
                    format!("{} ({}, {years}{amount})", f.label, i18n.label(f.scheme))
                })
                .collect();
            rows.push((T::Funding, lines.join("; ")));
        }
        rows.into_iter()
            .map(|(key, value)| {
                view! {
                    <dt>{i18n.t(key)}</dt>
                    <dd>{value}</dd>
                }
            })
            .collect_view()
    };
    let results = (!project.results.is_empty()).then(|| {
        view! {
            <h2>{tr(T::Results)}</h2>
            <p>{project.results.clone()}</p>
        }
    });
    view! {
        <h1>{project.name.clone()}</h1>
        <dl class="facts">{facts}</dl>
        <h2>{tr(T::Story)}</h2>
        <p>{project.story.clone()}</p>
        {results}
        <section aria-labelledby="similar-title">
            <h2 id="similar-title">{tr(T::SimilarProjects)}</h2>
            <ProjectRefs projects=project.similar empty=T::NoSimilarProjects />
        </section>
    }
}
