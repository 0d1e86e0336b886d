//! The filter controls of the lists, each bound to one parameter of the URL
//! ([`UrlState`]): the control shows what the URL says, and a change writes it back.

use leptos::prelude::*;

use crate::i18n::{Label, T, tr, use_i18n};
use crate::url_state::{History, UrlState};

fn field_class(inline: bool) -> &'static str {
    if inline { "field inline" } else { "field" }
}

/// Where a filter stands, and what it is called.
#[derive(Clone, Copy)]
pub struct FilterAt {
    pub id: &'static str,
    pub label: T,
    pub url: UrlState,
    pub param: &'static str,
}

/// A choice of one code of set `C`, or all of them (`all`: no parameter).
pub fn code_filter<C: Label>(at: FilterAt, all: T, inline: bool) -> impl IntoView {
    let FilterAt { id, label, url, param } = at;
    let i18n = use_i18n();
    let current = move || url.code::<C>(param);
    view! {
        <div class=field_class(inline)>
            <label for=id>{tr(label)}</label>
            <select id=id on:change=move |event| url.set_code(param, C::parse(&event_target_value(&event)).ok())>
                <option value="" prop:selected=move || current().is_none()>
                    {tr(all)}
                </option>
                {C::ALL
                    .iter()
                    .map(|&code| {
                        view! {
                            <option value=code.as_str() prop:selected=move || current() == Some(code)>
                                {move || i18n.label(code)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A choice of one of `options` (value, label), or all of them.
#[component]
pub fn ChoiceFilter(
    id: &'static str,
    label: T,
    url: UrlState,
    param: &'static str,
    all: T,
    options: Signal<Vec<(String, String)>>,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    view! {
        <div class=field_class(inline)>
            <label for=id>{tr(label)}</label>
            <select id=id on:change=move |event| url.set_one(param, event_target_value(&event), History::Push)>
                <option value="" prop:selected=move || url.get(param).is_empty()>
                    {tr(all)}
                </option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let this = value.clone();
                            view! {
                                <option value=value prop:selected=move || url.get(param) == this>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Free text: each keystroke replaces the URL's entry (no history entry per letter).
#[component]
pub fn TextFilter(id: &'static str, label: T, url: UrlState, param: &'static str) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type="search"
                prop:value=move || url.get(param)
                on:input=move |event| url.set_one(param, event_target_value(&event), History::Replace)
            />
        </div>
    }
}

/// A yes/no filter as a checkbox (absent means no).
#[component]
pub fn FlagFilter(
    id: &'static str,
    label: T,
    url: UrlState,
    param: &'static str,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    view! {
        <div class=field_class(inline)>
            <label for=id class="checkbox">
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || url.flag(param)
                    on:change=move |event| url.set_flag(param, event_target_checked(&event))
                />
                {tr(label)}
            </label>
        </div>
    }
}
