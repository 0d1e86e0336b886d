//! A URL the app does not know.

use leptos::prelude::*;

use crate::i18n::{T, tr};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="card not-found">
            <h1>{tr(T::NotFound)}</h1>
            <p>{tr(T::PageNotFoundText)}</p>
            <p>
                <a href="/">{tr(T::BackToOverview)}</a>
            </p>
        </section>
    }
}
