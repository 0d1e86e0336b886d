//! Where the focus goes when the content changes under it: to the page's `h1`,
//! made focusable by script only (`tabindex="-1"`), so it is no extra Tab stop.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's heading; `main` itself while it has none.
const HEADING: &str = "main h1";
/// A page shows its heading once its data is in: look this often, this long.
const POLL: Duration = Duration::from_millis(50);
const TRIES: u32 = 100;
/// The router may show the new page a moment after the URL changes: for this
/// many looks a heading that was there before is the old page's.
const OLD_PAGE_TRIES: u32 = 6;

thread_local! {
    /// Counts navigations, so an older one's wait gives up when a newer one starts.
    static NAVIGATION: Cell<u32> = const { Cell::new(0) };
}

/// Moves the focus to the content now: its heading, else `main` (the skip link).
pub fn to_content() {
    if let Some(heading) = element(HEADING) {
        focus(&heading);
    } else if let Some(main) = element("main") {
        let _ = main.focus();
    }
}

/// Moves the focus to the new page's heading once it is shown, and back to it
/// should the page be replaced under it (a heading that disappears leaves the
/// focus nowhere), until the user moves the focus elsewhere.
pub fn to_heading_once_shown() {
    let navigation = NAVIGATION.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let wait = Wait {
        navigation,
        focused_before: active_element(),
        old_heading: element(HEADING),
    };
    wait.look(0);
}

/// One navigation's wait for its page's heading.
struct Wait {
    navigation: u32,
    /// Where the focus was when the navigation started (the link followed).
    focused_before: Option<web_sys::Element>,
    old_heading: Option<web_sys::HtmlElement>,
}

impl Wait {
    fn look(self, tries: u32) {
        if NAVIGATION.with(Cell::get) != self.navigation {
            return;
        }
        let active = active_element();
        let on_heading = active.as_ref().is_some_and(|a| a.matches(HEADING).unwrap_or(false));
        let user_moved = active
            .as_ref()
            .is_some_and(|a| !is_body(a) && Some(a) != self.focused_before.as_ref() && !on_heading);
        if user_moved || tries >= TRIES {
            return;
        }
        if !on_heading
            && let Some(heading) = element(HEADING)
            && (Some(&heading) != self.old_heading.as_ref() || tries >= OLD_PAGE_TRIES)
        {
            focus(&heading);
        }
        set_timeout(move || self.look(tries + 1), POLL);
    }
}

/// Focuses `target`, making it focusable by script first.
fn focus(target: &web_sys::HtmlElement) {
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let _ = target.focus();
}

fn element(css: &str) -> Option<web_sys::HtmlElement> {
    document().query_selector(css).ok()??.dyn_into().ok()
}

fn active_element() -> Option<web_sys::Element> {
    document().active_element()
}

fn is_body(element: &web_sys::Element) -> bool {
    element.tag_name().eq_ignore_ascii_case("body")
}
