//! Proposing a leading project: a coordinator writes one of the own region's
//! projects and proposes it to the programme team (the programme team may write
//! one too); and, on the catalogue, the proposals the programme team publishes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::auth::rules::Permission;
use zorgpact_contract::codes::{CareDomain, EducationLevel, ProjectStatus, Province, Theme};
use zorgpact_contract::leading_project::{LeadingProjectFieldsRequest, LeadingProjectResponse};

use crate::api::ApiError;
use crate::catalogue::use_catalogue;
use crate::components::announce::use_announcer;
use crate::components::fields::{
    CheckboxGroup, ErrorSummary, FieldErrors, OptionalCodeSelect, SelectField, TextArea, TextField, labelled_codes,
};
use crate::components::status::{Forbidden, SaveFailure, resource_view};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{Session, use_api, use_session};

const PROJECT_FIELDS: &[&str] = &[
    "name",
    "region_code",
    "province",
    "care_domains",
    "themes",
    "education_levels",
    "story",
    "results",
];

/// The regions the user may write leading projects for.
fn writable_regions(session: Session, regions: Vec<(String, String)>) -> Vec<(String, String)> {
    regions
        .into_iter()
        .filter(|(code, _)| {
            session.allows(&Permission::WriteLeadingProject {
                region: Some(code),
                status: ProjectStatus::Draft,
            })
        })
        .collect()
}

/// Whether the user may propose projects: a region's coordinator, the programme team.
pub fn proposes(session: Session) -> bool {
    publishes(session)
        || session.me().is_some_and(|me| {
            me.regions.iter().any(|region| {
                session.allows(&Permission::WriteLeadingProject {
                    region: Some(region),
                    status: ProjectStatus::Draft,
                })
            })
        })
}

/// Whether the user publishes leading projects: the programme team.
pub fn publishes(session: Session) -> bool {
    session.allows(&Permission::MoveLeadingProject {
        region: None,
        from: ProjectStatus::Proposed,
        to: ProjectStatus::Published,
    })
}

#[component]
pub fn NewLeadingProjectPage() -> impl IntoView {
    let session = use_session();
    let catalogue = use_catalogue();
    let regions = Signal::derive(move || {
        let all = catalogue.region_list().into_iter().map(|r| (r.code, r.name)).collect();
        writable_regions(session, all)
    });
    view! {
        <section class="card" aria-labelledby="form-title">
            <h1 id="form-title">{tr(T::ProposeProject)}</h1>
            <p class="intro">{tr(T::ProposeProjectIntro)}</p>
            {move || {
                if regions.with(Vec::is_empty) {
                    view! { <Forbidden /> }.into_any()
                } else {
                    view! { <ProjectForm regions /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ProjectForm(regions: Signal<Vec<(String, String)>>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let announcer = use_announcer();
    let name = RwSignal::new(String::new());
    let region = RwSignal::new(
        regions
            .get_untracked()
            .first()
            .map(|(c, _)| c.clone())
            .unwrap_or_default(),
    );
    let province = RwSignal::new(None::<Province>);
    let care_domains = RwSignal::new(Vec::<CareDomain>::new());
    let themes = RwSignal::new(Vec::<Theme>::new());
    let education_levels = RwSignal::new(Vec::<EducationLevel>::new());
    let story = RwSignal::new(String::new());
    let results = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let proposed = RwSignal::new(None::<String>);
    let domain_options = labelled_codes::<CareDomain>();
    let theme_options = labelled_codes::<Theme>();
    let level_options = labelled_codes::<EducationLevel>();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        proposed.set(None);
        let request = LeadingProjectFieldsRequest {
            name: name.get_untracked().trim().to_owned(),
            region_code: Some(region.get_untracked()).filter(|r| !r.is_empty()),
            province: province.get_untracked(),
            care_domains: care_domains.get_untracked(),
            themes: themes.get_untracked(),
            education_levels: education_levels.get_untracked(),
            partners: Vec::new(),
            story: story.get_untracked().trim().to_owned(),
            results: results.get_untracked().trim().to_owned(),
            contact: String::new(),
            support_tracks: Vec::new(),
            coalition_ids: Vec::new(),
            funding: Vec::new(),
        };
        busy.set(true);
        spawn_local(async move {
            let outcome = match api.create_leading_project(request).await {
                Ok(draft) => {
                    api.move_leading_project(draft.value.id, draft.etag, ProjectStatus::Proposed)
                        .await
                }
                Err(error) => Err(error),
            };
            busy.set(false);
            match outcome {
                Ok(project) => {
                    announcer.say(i18n.t(T::ProjectProposed));
                    proposed.set(Some(project.value.name));
                    name.set(String::new());
                    story.set(String::new());
                    results.set(String::new());
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };

    view! {
        {move || {
            proposed
                .get()
                .map(|project| {
                    view! {
                        <p class="notice info" data-proposed=project>
                            {tr(T::ProjectProposed)}
                        </p>
                    }
                })
        }}
        <SaveFailure failure on_reload=Callback::new(move |()| failure.set(None)) />
        <ErrorSummary errors fields=PROJECT_FIELDS />
        <form class="project-form form-grid" on:submit=submit novalidate>
            <TextField id="project-name" label=T::ProjectName value=name errors field="name" required=true wide=true />
            <SelectField
                id="project-region"
                label=T::Region
                value=region
                options=regions
                errors
                field="region_code"
                required=true
            />
            <OptionalCodeSelect id="project-province" label=T::Province value=province errors field="province" empty=T::Choose />
            <CheckboxGroup
                id="project-domains"
                legend=T::CareDomains
                values=care_domains
                options=domain_options
                errors
                field="care_domains"
            />
            <CheckboxGroup
                id="project-themes"
                legend=T::Themes
                values=themes
                options=theme_options
                errors
                field="themes"
            />
            <CheckboxGroup
                id="project-levels"
                legend=T::EducationLevels
                values=education_levels
                options=level_options
                errors
                field="education_levels"
            />
            <TextArea id="project-story" label=T::Story value=story errors field="story" required=true rows=8 />
            <TextArea id="project-results" label=T::Results value=results errors field="results" />
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::ProposeProject) }}
                </button>
                <a class="button" href="/kopgroep">
                    {tr(T::Cancel)}
                </a>
            </div>
        </form>
    }
}

/// The proposed projects, each with "Publiceren", for the programme team.
#[component]
pub fn Proposals() -> impl IntoView {
    let api = use_api();
    let proposals = LocalResource::new(move || api.leading_projects_with_status(ProjectStatus::Proposed));
    let failure = RwSignal::new(None::<ApiError>);
    let publish = move |project: LeadingProjectResponse| {
        failure.set(None);
        spawn_local(async move {
            let etag = format!("\"v{}\"", project.version);
            match api
                .move_leading_project(project.id, etag, ProjectStatus::Published)
                .await
            {
                Ok(_) => proposals.refetch(),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <section aria-labelledby="proposals-title" class="proposals">
            <h2 id="proposals-title">{tr(T::ProposedProjects)}</h2>
            <SaveFailure failure on_reload=Callback::new(move |()| proposals.refetch()) />
            {resource_view(
                proposals,
                move |projects: Vec<LeadingProjectResponse>| {
                    if projects.is_empty() {
                        return view! { <p class="muted">{tr(T::NoProposals)}</p> }.into_any();
                    }
                    view! {
                        <ul class="project-list">
                            {projects
                                .into_iter()
                                .map(|project| {
                                    let name = project.name.clone();
                                    let label = project.name.clone();
                                    view! {
                                        <li data-proposal=name>
                                            {label} " "
                                            <button
                                                type="button"
                                                class="primary"
                                                on:click=move |_| publish(project.clone())
                                            >
                                                {tr(T::Publish)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                },
            )}
        </section>
    }
}
