//! Small visual markers: a status label and a progress bar.

use leptos::prelude::*;

use crate::i18n::{Label, use_i18n};

/// A status code shown as a coloured label in the user's language.
#[component]
pub fn StatusBadge<C: Label>(code: C) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("badge badge-{code}") data-status=code.as_str()>
            {move || i18n.label(code)}
        </span>
    }
}

/// Percent done, as a bar with the number beside it.
#[component]
pub fn ProgressBar(percent: u8) -> impl IntoView {
    // Set through the CSSOM (`style:`), not a `style` attribute: the
    // Content-Security-Policy allows no inline style attributes.
    let width = format!("{}%", percent.min(100));
    view! {
        <span class="progress">
            <span class="progress-track" aria-hidden="true">
                <span class="progress-fill" style:width=width></span>
            </span>
            <span class="progress-text">{format!("{percent}%")}</span>
        </span>
    }
}
