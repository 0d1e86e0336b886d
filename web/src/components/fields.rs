//! Labelled form fields that show the API's validation errors (problem+json
//! `errors[].pointer`) right below the field they name.

use leptos::prelude::*;
use zorgpact_contract::FieldProblem;

use super::announce::use_announcer;
use crate::i18n::{Label, T, tr, use_i18n};

/// The field a JSON pointer names: `/indicators/0/code` → `indicators`.
pub fn field_of(pointer: &str) -> &str {
    pointer.trim_start_matches('/').split('/').next().unwrap_or_default()
}

/// Why a field was rejected: the server's words (English, the API's language) or
/// the app's own (the language of the page).
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub text: String,
    pub from_server: bool,
}

/// A reason as text, marked as English when it is the server's, so a screen
/// reader on a Dutch page pronounces it as English (WCAG 3.1.2).
#[component]
fn ReasonText(reason: Reason) -> impl IntoView {
    view! { <span lang=reason.from_server.then_some("en")>{reason.text}</span> }
}

#[derive(Debug, Clone)]
struct Rejected {
    pointer: String,
    why: Why,
}

/// What is known of a rejection: the server's problem, translated when shown
/// (so it follows the language switch), or the app's own words.
#[derive(Debug, Clone)]
enum Why {
    Server(FieldProblem),
    App(String),
}

impl Why {
    /// In the page's language where the code says it all; else the server's
    /// English sentence, marked as English. Reactive.
    fn reason(&self) -> Reason {
        match self {
            Why::App(text) => Reason {
                text: text.clone(),
                from_server: false,
            },
            Why::Server(problem) => match use_i18n().field_problem(problem.code, problem.limit) {
                Some(text) => Reason {
                    text,
                    from_server: false,
                },
                None => Reason {
                    text: problem.reason.clone(),
                    from_server: true,
                },
            },
        }
    }
}

/// The rejected fields of one form.
#[derive(Debug, Clone, Copy)]
pub struct FieldErrors(RwSignal<Vec<Rejected>>);

impl Default for FieldErrors {
    fn default() -> Self {
        Self(RwSignal::new(Vec::new()))
    }
}

impl FieldErrors {
    /// The server's problems with the fields.
    pub fn set(&self, problems: Vec<FieldProblem>) {
        self.0.set(
            problems
                .into_iter()
                .map(|problem| Rejected {
                    pointer: problem.pointer.clone(),
                    why: Why::Server(problem),
                })
                .collect(),
        );
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }

    /// Adds a problem found before sending (e.g. a number that is not one).
    pub fn push(&self, field: &str, reason: String) {
        self.0.update(|problems| {
            problems.push(Rejected {
                pointer: format!("/{field}"),
                why: Why::App(reason),
            })
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.with(Vec::is_empty)
    }

    /// The reasons for one field. Reactive.
    pub fn for_field(&self, field: &str) -> Vec<Reason> {
        self.0.with(|problems| {
            problems
                .iter()
                .filter(|problem| field_of(&problem.pointer) == field)
                .map(|problem| problem.why.reason())
                .collect()
        })
    }

    /// Problems that name none of the form's fields, to list above it, with the
    /// pointer each names. Reactive.
    pub fn others(&self, fields: &[&str]) -> Vec<(String, Reason)> {
        self.0.with(|problems| {
            problems
                .iter()
                .filter(|problem| !fields.contains(&field_of(&problem.pointer)))
                .map(|problem| (problem.pointer.clone(), problem.why.reason()))
                .collect()
        })
    }
}

/// The error lines under a field; their id is what the input's `aria-describedby` names.
#[component]
pub fn FieldError(errors: FieldErrors, field: &'static str, id: String) -> impl IntoView {
    move || {
        let reasons = errors.for_field(field);
        (!reasons.is_empty()).then(|| {
            view! {
                <p class="field-error" id=id.clone() data-field=field>
                    {reasons
                        .into_iter()
                        .enumerate()
                        .map(|(n, reason)| view! { {(n > 0).then_some("; ")} <ReasonText reason /> })
                        .collect_view()}
                </p>
            }
        })
    }
}

/// The summary above a form with errors: says so, and lists problems naming no field.
#[component]
pub fn ErrorSummary(errors: FieldErrors, fields: &'static [&'static str]) -> impl IntoView {
    // Each refused save is said through the live region; the summary is no live
    // region itself, which would say it twice.
    let (i18n, announcer) = (use_i18n(), use_announcer());
    Effect::new(move || {
        if !errors.is_empty() {
            announcer.say(untrack(|| i18n.t(T::FormHasErrors)));
        }
    });
    move || {
        (!errors.is_empty()).then(|| {
            let others = errors.others(fields);
            view! {
                <div class="notice error" data-problem="validation">
                    <p>
                        <strong>{tr(T::FormHasErrors)}</strong>
                    </p>
                    <ul>
                        {others
                            .into_iter()
                            .map(|(pointer, reason)| view! { <li>{pointer} ": " <ReasonText reason /></li> })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

fn described_by(
    errors: FieldErrors,
    field: &'static str,
    error_id: String,
    hint_id: Option<String>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids: Vec<String> = hint_id.iter().cloned().collect();
        if !errors.for_field(field).is_empty() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
fn Label(id: &'static str, label: T, required: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=id>
            {tr(label)}
            {required
                .then(|| {
                    view! {
                        <span class="required" title=move || i18n.t(T::Required)>
                            " *"
                        </span>
                    }
                })}
        </label>
    }
}

#[component]
fn Hint(hint: Option<T>, id: String) -> impl IntoView {
    hint.map(|hint| view! { <p class="hint" id=id>{tr(hint)}</p> })
}

/// A one-line input: text, date, number, e-mail or password.
#[component]
pub fn TextField(
    id: &'static str,
    label: T,
    value: RwSignal<String>,
    errors: FieldErrors,
    field: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<T>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] step: Option<&'static str>,
    /// Spans the whole row of a form grid.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class=if wide { "field wide" } else { "field" }>
            <Label id label required />
            <input
                id=id
                name=field
                type=input_type
                autocomplete=autocomplete
                step=step
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
                aria-required=required.then_some("true")
                aria-invalid=move || (!errors.for_field(field).is_empty()).then_some("true")
                aria-describedby=described_by(errors, field, error_id.clone(), hint_id.clone())
            />
            <Hint hint id=format!("{id}-hint") />
            <FieldError errors field id=error_id />
        </div>
    }
}

#[component]
pub fn TextArea(
    id: &'static str,
    label: T,
    value: RwSignal<String>,
    errors: FieldErrors,
    field: &'static str,
    #[prop(optional)] required: bool,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] hint: Option<T>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <Label id label required />
            <textarea
                id=id
                name=field
                rows=rows
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
                aria-required=required.then_some("true")
                aria-invalid=move || (!errors.for_field(field).is_empty()).then_some("true")
                aria-describedby=described_by(errors, field, error_id.clone(), hint_id.clone())
            ></textarea>
            <Hint hint id=format!("{id}-hint") />
            <FieldError errors field id=error_id />
        </div>
    }
}

/// A choice from a list of (code, label); `empty` adds a first option with no value.
#[component]
pub fn SelectField(
    id: &'static str,
    label: T,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
    errors: FieldErrors,
    field: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] empty: Option<T>,
) -> impl IntoView {
    Select::new(id, label, errors, field, required, empty).view(
        options,
        move |code| value.with(|v| v == code),
        move |code| value.set(code),
    )
}

/// A choice of one code of a code set, offered in the set's order.
#[component]
pub fn CodeSelect<C: Label>(
    id: &'static str,
    label: T,
    value: RwSignal<C>,
    errors: FieldErrors,
    field: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    Select::new(id, label, errors, field, required, None).view(
        code_options::<C>(),
        move |code| value.get().as_str() == code,
        move |code| {
            if let Ok(code) = C::parse(&code) {
                value.set(code);
            }
        },
    )
}

/// A choice of a code that may stay open: the first option, `empty`, is none.
#[component]
pub fn OptionalCodeSelect<C: Label>(
    id: &'static str,
    label: T,
    value: RwSignal<Option<C>>,
    errors: FieldErrors,
    field: &'static str,
    empty: T,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    Select::new(id, label, errors, field, required, Some(empty)).view(
        code_options::<C>(),
        move |code| value.get().is_some_and(|v| v.as_str() == code),
        move |code| value.set(C::parse(&code).ok()),
    )
}

/// Every code of a set with its label in the current language. Reactive.
pub fn labelled_codes<C: Label>() -> Signal<Vec<(C, &'static str)>> {
    let i18n = use_i18n();
    Signal::derive(move || C::ALL.iter().map(|code| (*code, i18n.label(*code))).collect())
}

/// The options of a code select: `<option value>` is the code.
fn code_options<C: Label>() -> Signal<Vec<(String, String)>> {
    let codes = labelled_codes::<C>();
    Signal::derive(move || {
        codes
            .get()
            .into_iter()
            .map(|(code, text)| (code.as_str().to_owned(), text.to_owned()))
            .collect()
    })
}

/// What every select field shares: label, error wiring and the options.
struct Select {
    id: &'static str,
    label: T,
    errors: FieldErrors,
    field: &'static str,
    required: bool,
    empty: Option<T>,
}

impl Select {
    fn new(
        id: &'static str,
        label: T,
        errors: FieldErrors,
        field: &'static str,
        required: bool,
        empty: Option<T>,
    ) -> Self {
        Select {
            id,
            label,
            errors,
            field,
            required,
            empty,
        }
    }

    fn view(
        self,
        options: Signal<Vec<(String, String)>>,
        selected: impl Fn(&str) -> bool + Copy + Send + Sync + 'static,
        choose: impl Fn(String) + Send + Sync + 'static,
    ) -> impl IntoView {
        let Select {
            id,
            label,
            errors,
            field,
            required,
            empty,
        } = self;
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <Label id label required />
                <select
                    id=id
                    name=field
                    on:change=move |event| choose(event_target_value(&event))
                    aria-required=required.then_some("true")
                    aria-invalid=move || (!errors.for_field(field).is_empty()).then_some("true")
                    aria-describedby=described_by(errors, field, error_id.clone(), None)
                >
                    {empty.map(|empty| view! { <option value="">{tr(empty)}</option> })}
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(code, text)| {
                                let this = code.clone();
                                view! {
                                    <option value=code prop:selected=move || selected(&this)>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <FieldError errors field id=error_id />
            </div>
        }
    }
}

/// Several choices from a list of (value, label), as a fieldset of checkboxes; a
/// value's text form is its checkbox's `value`.
#[component]
pub fn CheckboxGroup<V, L>(
    id: &'static str,
    legend: T,
    values: RwSignal<Vec<V>>,
    options: Signal<Vec<(V, L)>>,
    errors: FieldErrors,
    field: &'static str,
) -> impl IntoView
where
    V: Clone + PartialEq + std::fmt::Display + Send + Sync + 'static,
    L: IntoView + Clone + Send + Sync + 'static,
{
    let error_id = format!("{id}-error");
    view! {
        <fieldset
            class="field checkbox-group"
            id=id
            aria-invalid=move || (!errors.for_field(field).is_empty()).then_some("true")
        >
            <legend>{tr(legend)}</legend>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(code, text)| {
                        let box_id = format!("{id}-{code}");
                        let label_for = box_id.clone();
                        let code_for_check = code.clone();
                        view! {
                            <label class="checkbox" for=label_for>
                                <input
                                    type="checkbox"
                                    id=box_id
                                    value=code.to_string()
                                    prop:checked=move || values.with(|v| v.contains(&code_for_check))
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        let code = code.clone();
                                        values
                                            .update(|v| {
                                                v.retain(|c| c != &code);
                                                if on {
                                                    v.push(code);
                                                }
                                            });
                                    }
                                />
                                {text}
                            </label>
                        }
                    })
                    .collect_view()
            }}
            <FieldError errors field id=error_id />
        </fieldset>
    }
}
