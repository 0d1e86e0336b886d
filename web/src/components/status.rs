//! Loading, error, refusal and "someone else changed it" states, so no page is ever blank.

use leptos::prelude::*;

use super::announce::announce;
use crate::api::ApiError;
use crate::i18n::{T, tr, use_i18n};

#[component]
pub fn Loading(#[prop(default = T::Loading)] text: T) -> impl IntoView {
    view! {
        <p class="status loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {tr(text)}
        </p>
    }
}

/// A failed call, said for the user; 403 and 404 get their own clear message.
#[component]
pub fn ErrorNotice(error: ApiError, #[prop(optional)] on_retry: Option<Callback<()>>) -> impl IntoView {
    leptos::logging::error!("API call failed: {error:?}");
    if error.is_forbidden() {
        return view! { <Forbidden /> }.into_any();
    }
    let i18n = use_i18n();
    let not_found = error.status() == Some(404);
    view! {
        <div class="notice error" role="alert">
            <p>
                <strong>
                    {move || if not_found { i18n.t(T::NotFound) } else { i18n.t(T::LoadFailed) }}
                </strong>
                " "
                <ApiErrorText error=error.clone() />
            </p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" on:click=move |_| retry.run(())>
                            {tr(T::Retry)}
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}

/// What went wrong in the page's language, then the server's own words in
/// parentheses, marked as English (WCAG 3.1.2).
#[component]
pub fn ApiErrorText(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let detail = error.server_detail().map(str::to_owned);
    view! {
        {move || i18n.api_error(&error)}
        {detail.map(|detail| view! { " (" <span lang="en">{detail}</span> ")" })}
    }
}

/// The role may not do this: shown both when the grants say so and on a 403.
#[component]
pub fn Forbidden() -> impl IntoView {
    view! {
        <div class="notice forbidden" role="alert" data-problem="forbidden">
            <p>
                <strong>{tr(T::ForbiddenTitle)}</strong>
                " "
                {tr(T::ForbiddenText)}
            </p>
        </div>
    }
}

/// A 412: the version edited is no longer current. Offers to load the latest.
#[component]
pub fn StaleNotice(on_reload: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice warning" role="alert" data-problem="stale">
            <p>
                <strong>{tr(T::StaleTitle)}</strong>
                " "
                {tr(T::StaleText)}
            </p>
            <button type="button" class="primary" on:click=move |_| on_reload.run(())>
                {tr(T::ReloadLatest)}
            </button>
        </div>
    }
}

/// Why a save failed, above its form: a newer version (with a way to load it), no
/// right to do it, or a general error; field problems are shown by the form's
/// error summary and fields instead.
#[component]
pub fn SaveFailure(failure: RwSignal<Option<ApiError>>, on_reload: Callback<()>) -> impl IntoView {
    move || {
        failure.get().map(|error| {
            if error.is_stale() {
                view! { <StaleNotice on_reload /> }.into_any()
            } else if error.is_forbidden() {
                view! { <Forbidden /> }.into_any()
            } else if error.field_problems().is_empty() {
                view! { <ErrorNotice error /> }.into_any()
            } else {
                ().into_any()
            }
        })
    }
}

/// A confirmation after a change, shown and read out through the app's live
/// region (so it is not also a live region itself, which would say it twice).
#[component]
pub fn Success(text: T) -> impl IntoView {
    let i18n = use_i18n();
    announce(untrack(|| i18n.t(text)));
    view! { <p class="notice success">{tr(text)}</p> }
}

/// Shows a resource: loading, its error (with retry), or `view` of its value.
pub fn resource_view<R, V>(
    resource: LocalResource<Result<R, ApiError>>,
    view: impl Fn(R) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    R: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorNotice error on_retry=Callback::new(move |()| resource.refetch()) /> }.into_any()
        }
        Some(Ok(value)) => view(value).into_any(),
    }
}
