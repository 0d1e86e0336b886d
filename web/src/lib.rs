//! The Zorgpact web app: a Leptos client-side app that talks to `/api/v1` with the
//! types of `zorgpact-contract`. `cargo xtask` builds it into the folder the API serves.

mod api;
mod app;
mod catalogue;
mod charts;
mod components;
mod data;
mod i18n;
mod lazy_pages;
mod pages;
mod session;
mod url_state;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs once the WASM module is loaded: swaps the page's static "loading" note for the app.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // index.html shows this note while the module downloads; from here on the app speaks.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
