//! The app's frame: the header every page shares, and the page below it.

use leptos::prelude::*;

use crate::i18n;
use crate::pages::regions::RegionsPage;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="site-header">
            <h1>{i18n::APP_NAME}</h1>
            <p class="subtitle">{i18n::SUBTITLE}</p>
        </header>
        <main>
            <RegionsPage />
        </main>
    }
}
