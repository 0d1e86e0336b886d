//! A ticket's contact log: the meetings, phone calls and e-mails it took, counted
//! by kind, and for those who handle the ticket a form to log one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::barrier::{BarrierResponse, ContactCountsResponse, ContactRequest, ContactResponse};
use zorgpact_contract::codes::ContactKind;

use crate::api::ApiError;
use crate::components::fields::{CodeSelect, ErrorSummary, FieldErrors, TextArea, TextField};
use crate::components::status::{ErrorNotice, SaveFailure, Success};
use crate::components::table::TableScroll;
use crate::i18n::{I18n, T, tr, use_i18n};
use crate::session::{use_api, use_session};

const CONTACT_FIELDS: &[&str] = &["kind", "contact_on", "participants", "note"];

/// "2 overleggen, 4 telefoongesprekken, 4 e-mails".
pub fn count_words(i18n: I18n, counts: &ContactCountsResponse) -> String {
    let part = |n: u32, one: T, many: T| {
        format!(
            "{} {}",
            i18n.number(f64::from(n)),
            i18n.t(if n == 1 { one } else { many })
        )
    };
    [
        part(counts.meetings, T::MeetingOne, T::MeetingMany),
        part(counts.phone_calls, T::PhoneCallOne, T::PhoneCallMany),
        part(counts.emails, T::EmailOne, T::EmailMany),
    ]
    .join(", ")
}

/// Today in the user's time zone, as `YYYY-MM-DD` (the date input's format).
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

#[component]
pub fn ContactsSection(current: RwSignal<BarrierResponse>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let i18n = use_i18n();
    let logged = RwSignal::new(0_u32);
    let contacts = LocalResource::new(move || {
        logged.track();
        let id = current.with_untracked(|b| b.id.clone());
        api.barrier_contacts(id)
    });
    let may_log = Memo::new(move |_| current.with(|b| session.handles_barrier(b.ministry)));
    view! {
        <section class="card barrier-contacts" aria-labelledby="contacts-title">
            <h2 id="contacts-title">{tr(T::Contacts)}</h2>
            {move || match contacts.get() {
                Some(Ok(log)) => {
                    let counts = log.counts;
                    view! {
                        <p class="contact-counts" data-total=counts.total>
                            {move || count_words(i18n, &counts)}
                        </p>
                        {if log.items.is_empty() {
                            view! { <p class="muted">{tr(T::NoContacts)}</p> }.into_any()
                        } else {
                            view! { <ContactTable contacts=log.items /> }.into_any()
                        }}
                    }
                        .into_any()
                }
                Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                None => ().into_any(),
            }}
            {move || may_log.get().then(|| view! { <ContactForm current logged /> })}
        </section>
    }
}

#[component]
fn ContactTable(contacts: Vec<ContactResponse>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableScroll labelled_by="contacts-caption">
            <table class="contacts-table">
                <caption id="contacts-caption" class="visually-hidden">{tr(T::Contacts)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Date)}</th>
                        <th scope="col">{tr(T::ContactKind)}</th>
                        <th scope="col">{tr(T::Participants)}</th>
                        <th scope="col">{tr(T::Note)}</th>
                        <th scope="col">{tr(T::RecordedBy)}</th>
                    </tr>
                </thead>
                <tbody>
                    {contacts
                        .into_iter()
                        .map(|contact| {
                            let kind = contact.kind;
                            view! {
                                <tr data-contact-id=contact.id data-kind=kind.as_str()>
                                    <td>
                                        <time datetime=contact.contact_on.clone()>{contact.contact_on.clone()}</time>
                                    </td>
                                    <td>{move || i18n.label(kind)}</td>
                                    <td>{contact.participants}</td>
                                    <td class="prose">{contact.note.unwrap_or_default()}</td>
                                    <td>{contact.recorded_by}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn ContactForm(current: RwSignal<BarrierResponse>, logged: RwSignal<u32>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let kind = RwSignal::new(ContactKind::Meeting);
    let contact_on = RwSignal::new(today());
    let participants = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        done.set(false);
        let who = participants.get_untracked().trim().to_owned();
        if who.is_empty() {
            errors.push("participants", i18n.t(T::FieldRequired).to_owned());
            return;
        }
        let text = note.get_untracked().trim().to_owned();
        let request = ContactRequest {
            kind: kind.get_untracked(),
            contact_on: contact_on.get_untracked(),
            participants: who,
            note: (!text.is_empty()).then_some(text),
        };
        let id = current.with_untracked(|b| b.id.clone());
        busy.set(true);
        spawn_local(async move {
            let result = api.log_barrier_contact(id, request).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    participants.set(String::new());
                    note.set(String::new());
                    done.set(true);
                    logged.update(|n| *n += 1);
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };
    let reload = Callback::new(move |()| {
        failure.set(None);
        logged.update(|n| *n += 1);
    });

    view! {
        <form class="contact-form form-grid" on:submit=submit novalidate aria-labelledby="contact-form-title">
            <h3 id="contact-form-title">{tr(T::LogContact)}</h3>
            {move || done.get().then(|| view! { <Success text=T::ContactLogged /> })}
            <SaveFailure failure on_reload=reload />
            <ErrorSummary errors fields=CONTACT_FIELDS />
            <CodeSelect id="contact-kind" label=T::ContactKind value=kind errors field="kind" required=true />
            <TextField id="contact-on" label=T::ContactOn value=contact_on errors field="contact_on" input_type="date" required=true />
            <TextField id="contact-participants" label=T::Participants value=participants errors field="participants" required=true wide=true />
            <TextArea id="contact-note" label=T::Note value=note errors field="note" />
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::LogContactSubmit) }}
                </button>
            </div>
        </form>
    }
}
