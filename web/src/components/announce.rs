//! What a screen reader should hear without the focus moving: the outcome of a
//! save. One live region in the app's frame, present from the start (a live
//! region added together with its text is often not read out), outside `main`, so
//! an announcement survives the navigation that follows a save.

use std::time::Duration;

use leptos::prelude::*;

/// The live region's text, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Announcer(RwSignal<String>);

/// How long the region stays empty before the new text: a screen reader reads a
/// change, so the same message twice in a row (a second failed save) needs one.
const GAP: Duration = Duration::from_millis(100);

pub fn provide_announcer() {
    provide_context(Announcer(RwSignal::new(String::new())));
}

/// The app's announcer; take it while the component is made, to say something
/// later (after an answer of the API), where the context is out of reach.
pub fn use_announcer() -> Announcer {
    expect_context::<Announcer>()
}

/// Says `text` now, through the app's live region.
pub fn announce(text: impl Into<String>) {
    use_announcer().say(text);
}

impl Announcer {
    /// Says `text` through the live region (politely: after what is being read).
    pub fn say(self, text: impl Into<String>) {
        let Announcer(message) = self;
        let text = text.into();
        message.set(String::new());
        set_timeout(move || message.set(text), GAP);
    }
}

/// The live region itself: read out, never seen.
#[component]
pub fn LiveRegion() -> impl IntoView {
    let Announcer(message) = expect_context::<Announcer>();
    view! {
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || message.get()}
        </div>
    }
}
