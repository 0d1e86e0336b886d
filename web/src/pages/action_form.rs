//! Creating and editing an action. The API validates; its field errors appear under
//! the fields they name. An edit sends the version it started from (`If-Match`): a
//! 412 says someone else saved first and offers their version instead.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use zorgpact_contract::action::{ActionFieldsRequest, ActionIndicatorRequest, ActionResponse, CreateActionRequest};
use zorgpact_contract::codes::{ActionLine, ActionStatus, Theme};

use super::{path_param, query_param};
use crate::api::{ApiError, UnauthorizedApi, Versioned, new_idempotency_key};
use crate::catalogue::use_catalogue;
use crate::components::announce::use_announcer;
use crate::components::fields::{
    CheckboxGroup, CodeSelect, ErrorSummary, FieldErrors, SelectField, TextArea, TextField, labelled_codes,
};
use crate::components::status::{ErrorNotice, Forbidden, Loading, SaveFailure};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

const ACTION_FIELDS: &[&str] = &[
    "region_code",
    "title",
    "description",
    "action_line",
    "themes",
    "status",
    "progress",
    "owner",
    "partner_ids",
    "indicators",
    "start_date",
    "end_date",
];

/// The form's state, one signal per field.
#[derive(Debug, Clone, Copy)]
struct ActionFields {
    title: RwSignal<String>,
    description: RwSignal<String>,
    action_line: RwSignal<ActionLine>,
    themes: RwSignal<Vec<Theme>>,
    status: RwSignal<ActionStatus>,
    progress: RwSignal<String>,
    owner: RwSignal<String>,
    partner_ids: RwSignal<Vec<String>>,
    indicators: RwSignal<Vec<String>>,
    /// Expected effects of the linked indicators, kept as they were.
    effects: StoredValue<Vec<ActionIndicatorRequest>>,
    start_date: RwSignal<String>,
    end_date: RwSignal<String>,
}

impl ActionFields {
    fn new() -> Self {
        Self {
            title: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            action_line: RwSignal::new(ActionLine::Choose),
            themes: RwSignal::new(Vec::new()),
            status: RwSignal::new(ActionStatus::Planned),
            progress: RwSignal::new("0".to_owned()),
            owner: RwSignal::new(String::new()),
            partner_ids: RwSignal::new(Vec::new()),
            indicators: RwSignal::new(Vec::new()),
            effects: StoredValue::new(Vec::new()),
            start_date: RwSignal::new(String::new()),
            end_date: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, action: &ActionResponse) {
        self.title.set(action.title.clone());
        self.description.set(action.description.clone());
        self.action_line.set(action.action_line);
        self.themes.set(action.themes.clone());
        self.status.set(action.status);
        self.progress.set(action.progress.to_string());
        self.owner.set(action.owner.clone());
        self.partner_ids
            .set(action.partners.iter().map(|p| p.id.clone()).collect());
        self.indicators
            .set(action.indicators.iter().map(|i| i.code.clone()).collect());
        self.effects.set_value(
            action
                .indicators
                .iter()
                .map(|i| ActionIndicatorRequest {
                    code: i.code.clone(),
                    expected_effect: i.expected_effect.clone(),
                })
                .collect(),
        );
        self.start_date.set(action.start_date.clone().unwrap_or_default());
        self.end_date.set(action.end_date.clone().unwrap_or_default());
    }

    /// The fields as the API takes them; `Err` names a field that is not even a number.
    fn request(&self) -> Result<ActionFieldsRequest, &'static str> {
        let progress = self
            .progress
            .get_untracked()
            .trim()
            .parse::<i64>()
            .map_err(|_| "progress")?;
        let effects = self.effects.get_value();
        let optional = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        Ok(ActionFieldsRequest {
            title: self.title.get_untracked().trim().to_owned(),
            description: self.description.get_untracked().trim().to_owned(),
            action_line: self.action_line.get_untracked(),
            themes: self.themes.get_untracked(),
            status: self.status.get_untracked(),
            progress,
            owner: self.owner.get_untracked().trim().to_owned(),
            partner_ids: self.partner_ids.get_untracked(),
            indicators: self
                .indicators
                .get_untracked()
                .into_iter()
                .map(|code| {
                    let expected_effect = effects
                        .iter()
                        .find(|e| e.code == code)
                        .and_then(|e| e.expected_effect.clone());
                    ActionIndicatorRequest { code, expected_effect }
                })
                .collect(),
            start_date: optional(self.start_date),
            end_date: optional(self.end_date),
        })
    }
}

#[component]
pub fn NewActionPage() -> impl IntoView {
    let session = use_session();
    let catalogue = use_catalogue();
    let requested = query_param("regio");
    let region = RwSignal::new(String::new());
    // The region of the link, else the only region the user may write for.
    Effect::new(move || {
        let wanted = requested();
        if !wanted.is_empty() {
            region.set(wanted);
        } else if let Some(regions) = session.regions_for("actions:write")
            && regions.len() == 1
        {
            region.set(regions[0].clone());
        }
    });
    let region_options = Signal::derive(move || {
        let allowed = session.regions_for("actions:write");
        catalogue
            .region_list()
            .into_iter()
            .filter(|r| allowed.as_ref().is_none_or(|list| list.contains(&r.code)))
            .map(|r| (r.code, r.name))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card" aria-labelledby="form-title">
            <h1 id="form-title">{tr(T::NewActionTitle)}</h1>
            {move || {
                if !session.can_somewhere("actions:write") {
                    return view! { <Forbidden /> }.into_any();
                }
                let chosen = region.get();
                if !chosen.is_empty() && !session.can("actions:write", &chosen) {
                    return view! { <Forbidden /> }.into_any();
                }
                view! { <ActionForm region region_options existing=None /> }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn EditActionPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let id = path_param("id");
    let action = LocalResource::new(move || api.action(id()));
    view! {
        <section class="card" aria-labelledby="form-title">
            <h1 id="form-title">{tr(T::EditActionTitle)}</h1>
            {move || match action.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => {
                    view! { <ErrorNotice error on_retry=Callback::new(move |()| action.refetch()) /> }.into_any()
                }
                Some(Ok(versioned)) => {
                    let code = versioned.value.region_code.clone();
                    if !session.can("actions:write", &code) {
                        view! { <Forbidden /> }.into_any()
                    } else if versioned.value.archived {
                        view! { <p class="notice info">{tr(T::ArchivedNote)}</p> }.into_any()
                    } else {
                        let region = RwSignal::new(code.clone());
                        let name = use_catalogue().region_name(&code);
                        let region_options = Signal::derive(move || vec![(code.clone(), name.clone())]);
                        view! { <ActionForm region region_options existing=Some(versioned) /> }.into_any()
                    }
                }
            }}
        </section>
    }
}

#[component]
fn ActionForm(
    region: RwSignal<String>,
    region_options: Signal<Vec<(String, String)>>,
    existing: Option<Versioned<ActionResponse>>,
) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let navigate = use_navigate();
    let announcer = use_announcer();
    let fields = ActionFields::new();
    let editing = existing.as_ref().map(|v| v.value.id.clone());
    let etag = RwSignal::new(existing.as_ref().map(|v| v.etag.clone()).unwrap_or_default());
    if let Some(versioned) = &existing {
        fields.fill(&versioned.value);
    }
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(new_idempotency_key());

    let partners = LocalResource::new(move || {
        let code = region.get();
        async move {
            if code.is_empty() {
                Ok(Vec::new())
            } else {
                UnauthorizedApi.partners(code).await
            }
        }
    });
    let theme_options = labelled_codes::<Theme>();
    let partner_options = Signal::derive(move || {
        partners
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.id, p.organisation))
            .collect::<Vec<_>>()
    });
    let indicator_options = Signal::derive(move || {
        catalogue
            .indicator_list()
            .into_iter()
            .map(|i| (i.code, i.name))
            .collect::<Vec<_>>()
    });

    // A 412: load the version someone else saved, and edit that.
    let reload = {
        let id = editing.clone();
        Callback::new(move |()| {
            let Some(id) = id.clone() else { return };
            failure.set(None);
            errors.clear();
            spawn_local(async move {
                match api.action(id).await {
                    Ok(latest) => {
                        fields.fill(&latest.value);
                        etag.set(latest.etag);
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        let request = match fields.request() {
            Ok(request) => request,
            Err(field) => {
                errors.push(field, i18n.t(T::MustBeWholeNumber).to_owned());
                return;
            }
        };
        busy.set(true);
        let editing = editing.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let saved = match editing {
                Some(id) => api
                    .update_action(id, etag.get_untracked(), request)
                    .await
                    .map(|v| v.value),
                None => {
                    api.create_action(create_request(region.get_untracked(), request), key.get_untracked())
                        .await
                }
            };
            busy.set(false);
            match saved {
                Ok(action) => {
                    announcer.say(i18n.t(T::ActionSaved));
                    navigate(&format!("/acties/{}", action.id), Default::default());
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };

    let is_new = existing.is_none();
    view! {
        <SaveFailure failure on_reload=reload />
        <ErrorSummary errors fields=ACTION_FIELDS />
        <form class="action-form form-grid" on:submit=submit novalidate>
            {is_new
                .then(|| {
                    view! {
                        <SelectField
                            id="action-region"
                            label=T::Region
                            value=region
                            options=region_options
                            errors
                            field="region_code"
                            required=true
                            empty=T::Choose
                        />
                    }
                })}
            <TextField id="action-title" label=T::Title value=fields.title errors field="title" required=true wide=true />
            <TextArea id="action-description" label=T::Description value=fields.description errors field="description" />
            <CodeSelect
                id="action-line"
                label=T::ActionLine
                value=fields.action_line
                errors
                field="action_line"
                required=true
            />
            <CheckboxGroup
                id="action-themes"
                legend=T::Themes
                values=fields.themes
                options=theme_options
                errors
                field="themes"
            />
            <CodeSelect
                id="action-status"
                label=T::Status
                value=fields.status
                errors
                field="status"
                required=true
            />
            <TextField
                id="action-progress"
                label=T::ProgressPercent
                value=fields.progress
                errors
                field="progress"
                input_type="number"
                required=true
            />
            <TextField id="action-owner" label=T::Owner value=fields.owner errors field="owner" required=true />
            <TextField id="action-start" label=T::StartDate value=fields.start_date errors field="start_date" input_type="date" />
            <TextField id="action-end" label=T::EndDate value=fields.end_date errors field="end_date" input_type="date" />
            <CheckboxGroup
                id="action-partners"
                legend=T::Partners
                values=fields.partner_ids
                options=partner_options
                errors
                field="partner_ids"
            />
            <CheckboxGroup
                id="action-indicators"
                legend=T::LinkedIndicators
                values=fields.indicators
                options=indicator_options
                errors
                field="indicators"
            />
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::Save) }}
                </button>
                <button type="button" on:click=move |_| go_back()>
                    {tr(T::Cancel)}
                </button>
            </div>
        </form>
    }
}

fn create_request(region_code: String, fields: ActionFieldsRequest) -> CreateActionRequest {
    CreateActionRequest {
        region_code,
        title: fields.title,
        description: fields.description,
        action_line: fields.action_line,
        themes: fields.themes,
        status: fields.status,
        progress: fields.progress,
        owner: fields.owner,
        partner_ids: fields.partner_ids,
        indicators: fields.indicators,
        start_date: fields.start_date,
        end_date: fields.end_date,
    }
}

/// Leaves the form without saving: back to where the user came from.
fn go_back() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}
