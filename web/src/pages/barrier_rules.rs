//! The rules and schemes a ticket concerns, from the register: where an answer
//! often points (a subsidy scheme, a law, an agreement).

use leptos::prelude::*;
use zorgpact_contract::barrier::BarrierResponse;

use crate::components::status::resource_view;
use crate::i18n::{T, tr, use_i18n};
use crate::session::use_api;

#[component]
pub fn TicketRules(current: RwSignal<BarrierResponse>) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let rules = LocalResource::new(move || api.ticket_regulations(current.with(|b| b.id.clone())));
    view! {
        <section class="card barrier-rules" aria-labelledby="rules-title">
            <h2 id="rules-title">{tr(T::TicketRules)}</h2>
            {resource_view(rules, move |rules| {
                if rules.is_empty() {
                    return view! { <p class="muted">{tr(T::NoTicketRules)}</p> }.into_any();
                }
                view! {
                    <ul>
                        {rules
                            .into_iter()
                            .map(|rule| {
                                let kind = rule.kind;
                                let name = match rule.url {
                                    Some(url) => view! { <a href=url>{rule.name}</a> }.into_any(),
                                    None => view! { {rule.name} }.into_any(),
                                };
                                view! { <li>{name} " (" {move || i18n.label(kind).to_lowercase()} ")"</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            })}
        </section>
    }
}
