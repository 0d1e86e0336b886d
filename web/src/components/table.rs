//! The frame of a wide table.

use leptos::prelude::*;

/// Scrolls a table sideways where the screen is too narrow for it. A scrolling
/// area must be reachable by keyboard (WCAG 2.1.1): it takes focus, so the arrow
/// keys scroll it, and is announced as a region named by the table's caption or
/// heading (`labelled_by`, an element id).
#[component]
pub fn TableScroll(#[prop(into)] labelled_by: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
            {children()}
        </div>
    }
}
