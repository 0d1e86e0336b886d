//! The conversation on a ticket: comments of the region, the ministry and the
//! programme team, with internal notes (which the API shows only to the ministry
//! side) marked in words; and the form for those who may comment.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::barrier::{BarrierResponse, CommentRequest, CommentResponse};

use crate::api::ApiError;
use crate::components::fields::{ErrorSummary, FieldErrors, TextArea};
use crate::components::status::{ErrorNotice, SaveFailure, Success};
use crate::i18n::{T, tr, use_i18n};
use crate::session::{use_api, use_session};

const COMMENT_FIELDS: &[&str] = &["body", "internal"];

/// A moment (RFC 3339) in the user's time zone, written the way the language does.
pub fn local_moment(at: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
    if date.get_time().is_nan() {
        return at.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    String::from(date.to_locale_string(lang, &options))
}

#[component]
pub fn CommentsSection(current: RwSignal<BarrierResponse>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    // Bumped after a comment is posted, so the list reloads.
    let posted = RwSignal::new(0_u32);
    let comments = LocalResource::new(move || {
        posted.track();
        let id = current.with_untracked(|b| b.id.clone());
        api.barrier_comments(id)
    });
    let may_comment = Memo::new(move |_| current.with(|b| session.may_comment(&b.region_code, b.ministry)));
    view! {
        <section class="card barrier-comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{tr(T::Comments)}</h2>
            {move || match comments.get() {
                Some(Ok(list)) if list.items.is_empty() => {
                    view! { <p class="muted no-comments">{tr(T::NoComments)}</p> }.into_any()
                }
                Some(Ok(list)) => view! { <CommentList comments=list.items /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                None => ().into_any(),
            }}
            {move || may_comment.get().then(|| view! { <CommentForm current posted /> })}
        </section>
    }
}

#[component]
fn CommentList(comments: Vec<CommentResponse>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="comments">
            {comments
                .into_iter()
                .map(|comment| {
                    let at = comment.created_at.clone();
                    view! {
                        <li
                            class=if comment.internal { "comment internal" } else { "comment" }
                            data-comment-id=comment.id
                            data-internal=comment.internal.then_some("true")
                        >
                            <p class="comment-head">
                                {comment
                                    .internal
                                    .then(|| {
                                        view! {
                                            <span class="badge badge-internal">{tr(T::InternalNote)}</span>
                                            " "
                                        }
                                    })}
                                <strong class="author">{comment.author}</strong>
                                " · "
                                <time datetime=comment.created_at>
                                    {move || local_moment(&at, i18n.lang().code())}
                                </time>
                            </p>
                            <p class="prose">{comment.body}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn CommentForm(current: RwSignal<BarrierResponse>, posted: RwSignal<u32>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let errors = FieldErrors::default();
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    // Internal notes are the ministry side's: the official of the ministry, the programme team.
    let may_note = Memo::new(move |_| current.with(|b| session.handles_barrier(b.ministry)));

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        failure.set(None);
        done.set(false);
        let text = body.get_untracked().trim().to_owned();
        if text.is_empty() {
            errors.push("body", i18n.t(T::FieldRequired).to_owned());
            return;
        }
        let request = CommentRequest {
            body: text,
            internal: internal.get_untracked() && may_note.get_untracked(),
        };
        let id = current.with_untracked(|b| b.id.clone());
        busy.set(true);
        spawn_local(async move {
            let result = api.add_barrier_comment(id, request).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    body.set(String::new());
                    internal.set(false);
                    done.set(true);
                    posted.update(|n| *n += 1);
                }
                Err(error) => {
                    errors.set(error.field_problems());
                    failure.set(Some(error));
                }
            }
        });
    };
    // Comments carry no version: nothing goes stale, a reload is only a retry.
    let reload = Callback::new(move |()| {
        failure.set(None);
        posted.update(|n| *n += 1);
    });

    view! {
        <form class="comment-form" on:submit=submit novalidate>
            {move || done.get().then(|| view! { <Success text=T::CommentAdded /> })}
            <SaveFailure failure on_reload=reload />
            <ErrorSummary errors fields=COMMENT_FIELDS />
            <TextArea id="comment-body" label=T::CommentBody value=body errors field="body" required=true />
            {move || {
                may_note
                    .get()
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="comment-internal" class="checkbox">
                                    <input
                                        type="checkbox"
                                        id="comment-internal"
                                        name="internal"
                                        prop:checked=move || internal.get()
                                        on:change=move |event| internal.set(event_target_checked(&event))
                                    />
                                    {tr(T::InternalNoteChoice)}
                                </label>
                            </div>
                        }
                    })
            }}
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(T::Saving) } else { i18n.t(T::AddComment) }}
                </button>
            </div>
        </form>
    }
}
