//! A page's view state kept in the URL's query string: the filters, sorting and
//! choices of a list live there, so a link shows the same view and the browser's
//! back and forward buttons walk through earlier choices. Choosing (a select, a
//! checkbox, a column to sort by) adds a history entry; typing replaces the current
//! one, so back does not step through every letter.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;
use zorgpact_contract::codes::Code;

use crate::api::encode;

/// How a change of the view reaches the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: back returns to the view before.
    Push,
    /// The current entry changes: for typing.
    Replace,
}

/// The query string of the current page, read and changed. Copy it into closures.
#[derive(Clone, Copy)]
pub struct UrlState {
    query: Memo<ParamsMap>,
    pathname: Memo<String>,
    navigate: Callback<(String, History)>,
}

/// The URL state of the current page; call it in a component's body.
pub fn use_url_state() -> UrlState {
    let location = use_location();
    let navigate = use_navigate();
    UrlState {
        query: location.query,
        pathname: location.pathname,
        navigate: Callback::new(move |(url, history): (String, History)| {
            let options = NavigateOptions {
                replace: history == History::Replace,
                // A filter changes the list below it, not the place on the page.
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(&url, options);
        }),
    }
}

impl UrlState {
    /// A parameter's value, empty when absent. Reactive.
    pub fn get(self, name: &str) -> String {
        self.query.with(|q| q.get(name).unwrap_or_default())
    }

    /// A parameter holding a code of `C`; `None` when absent or not a code. Reactive.
    pub fn code<C: Code>(self, name: &str) -> Option<C> {
        self.query.with(|q| q.get_str(name).and_then(|v| C::parse(v).ok()))
    }

    /// A yes/no parameter: `true` only when it says so. Reactive.
    pub fn flag(self, name: &str) -> bool {
        self.query.with(|q| q.get_str(name) == Some("true"))
    }

    /// A comma-separated list parameter, without empty items. Reactive.
    pub fn list(self, name: &str) -> Vec<String> {
        self.query.with(|q| {
            q.get_str(name)
                .map(|v| v.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect())
                .unwrap_or_default()
        })
    }

    /// Sets parameters and keeps the others; an empty value removes one.
    pub fn set(self, changes: &[(&str, String)], history: History) {
        let mut pairs: Vec<(String, String)> = self
            .query
            .with_untracked(|q| q.latest_values().map(|(k, v)| (k.to_string(), v.to_owned())).collect());
        for (name, value) in changes {
            pairs.retain(|(k, _)| k != name);
            pairs.push(((*name).to_owned(), value.clone()));
        }
        let query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let path = self.pathname.get_untracked();
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{}", query.join("&"))
        };
        self.navigate.run((url, history));
    }

    /// Sets one parameter, as [`UrlState::set`].
    pub fn set_one(self, name: &str, value: impl Into<String>, history: History) {
        self.set(&[(name, value.into())], history);
    }

    /// Sets a code parameter; `None` removes it. Adds a history entry.
    pub fn set_code<C: Code>(self, name: &str, code: Option<C>) {
        self.set_one(name, code.map_or("", C::as_str), History::Push);
    }

    /// Sets a yes/no parameter (absent means no). Adds a history entry.
    pub fn set_flag(self, name: &str, on: bool) {
        self.set_one(name, if on { "true" } else { "" }, History::Push);
    }
}

/// The URL parameter of a list's sorting.
const SORT: &str = "sorteer";

/// The columns a list sorts by, with the names the URL uses for them.
pub trait SortKey: Copy + Eq + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
}

/// A sorting of a list by one column, as the URL holds it: `title` (ascending) or
/// `-title` (descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sorting<K> {
    pub key: K,
    pub descending: bool,
}

impl<K: SortKey> Sorting<K> {
    /// The sorting the URL's `sorteer` parameter names, if any. Reactive.
    pub fn from_url(url: UrlState) -> Option<Self> {
        let value = url.get(SORT);
        let (descending, code) = match value.strip_prefix('-') {
            Some(code) => (true, code),
            None => (false, value.as_str()),
        };
        K::ALL
            .iter()
            .find(|k| k.as_str() == code)
            .map(|&key| Self { key, descending })
    }

    /// The sorting after a click on column `key`: ascending first, then turned around.
    pub fn toggled(current: Option<Self>, key: K) -> Self {
        match current {
            Some(current) if current.key == key => Self {
                key,
                descending: !current.descending,
            },
            _ => Self { key, descending: false },
        }
    }

    /// Writes it to the URL (a history entry).
    pub fn store(self, url: UrlState) {
        let sign = if self.descending { "-" } else { "" };
        url.set_one(SORT, format!("{sign}{}", self.key.as_str()), History::Push);
    }

    /// The `aria-sort` of column `key` under this sorting.
    pub fn aria_sort(current: Option<Self>, key: K) -> &'static str {
        match current {
            Some(s) if s.key == key && s.descending => "descending",
            Some(s) if s.key == key => "ascending",
            _ => "none",
        }
    }
}
