//! The login form, shown in place of any page while nobody is signed in.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, UnauthorizedApi};
use crate::components::fields::{FieldErrors, TextField};
use crate::components::status::ApiErrorText;
use crate::i18n::{T, tr, use_i18n};
use crate::session::{LoggedOutReason, use_session};

#[component]
pub fn LoginPage(reason: LoggedOutReason) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        errors.clear();
        failure.set(None);
        let (username, secret) = (email.get_untracked().trim().to_owned(), password.get_untracked());
        spawn_local(async move {
            match UnauthorizedApi.login(username, secret).await {
                Ok(api) => session.load_me(api),
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                    busy.set(false);
                }
            }
        });
    };

    let note = match reason {
        LoggedOutReason::Expired => Some(T::SessionExpired),
        LoggedOutReason::LoggedOut => Some(T::LoggedOutNote),
        LoggedOutReason::None => None,
    };
    let failure_text = move || {
        failure.get().map(|error| match error.status() {
            Some(401) => tr(T::LoginWrong).into_any(),
            Some(429) => tr(T::LoginRateLimited).into_any(),
            _ => view! { <ApiErrorText error /> }.into_any(),
        })
    };

    view! {
        <section class="login card" aria-labelledby="login-title">
            <h1 id="login-title">{tr(T::LoginTitle)}</h1>
            <p class="intro">{tr(T::LoginIntro)}</p>
            {note.map(|note| view! { <p class="notice info" role="status">{tr(note)}</p> })}
            {move || {
                failure_text()
                    .map(|text| view! { <p class="notice error" role="alert" data-problem="login">{text}</p> })
            }}
            <form on:submit=submit novalidate>
                <TextField
                    id="login-email"
                    label=T::Email
                    value=email
                    errors
                    field="username"
                    input_type="email"
                    required=true
                    autocomplete="username"
                />
                <TextField
                    id="login-password"
                    label=T::Password
                    value=password
                    errors
                    field="password"
                    input_type="password"
                    required=true
                    autocomplete="current-password"
                />
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::LoggingIn) } else { i18n.t(T::LoginSubmit) }}
                </button>
            </form>
            <p class="public-link">
                <a href="/factsheets">{tr(T::PublicFactsheets)}</a>
            </p>
        </section>
    }
}
