//! The allowed values of the contract's coded string fields, in the order forms offer
//! them (the contract documents them in its field comments; labels are in `i18n`).

pub const ACTION_STATUSES: &[&str] = &["planned", "in_progress", "completed", "on_hold", "cancelled"];
pub const ACTION_LINES: &[&str] = &["choose", "learn", "work"];
pub const THEMES: &[&str] = &[
    "permanent_leren",
    "zorg_en_technologie",
    "leren_in_de_praktijk",
    "toenemende_opleidingseisen",
    "vmbo_zorg_en_welzijn",
];
pub const BARRIER_STATUSES: &[&str] = &["submitted", "in_analysis", "answered", "closed"];
pub const BARRIER_CATEGORIES: &[&str] = &[
    "laws_and_regulations",
    "funding",
    "institutional_rules",
    "education",
    "labour_market",
];
pub const MINISTRIES: &[&str] = &["OCW", "VWS", "SZW"];
pub const VALUE_STATUSES: &[&str] = &["provisional", "final", "revised"];

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

/// A barrier ticket is open until it is closed.
pub fn barrier_is_open(status: &str) -> bool {
    status != "closed"
}

pub const RESOLUTIONS: &[&str] = &[
    "within_existing_rules",
    "other_regional_approach",
    "rule_change",
    "not_resolved",
];

/// A resolution belongs to answered and closed tickets only.
pub fn barrier_takes_resolution(status: &str) -> bool {
    matches!(status, "answered" | "closed")
}
