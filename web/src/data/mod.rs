//! What the app keeps itself: exports and dates. (The code lists are the contract's
//! own: each code set's `ALL`.)

pub mod export;

/// Today in the browser's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
