//! One module per page of the app (the region page has its parts beside it).

pub mod accessibility;
pub mod action;
pub mod action_form;
pub mod barrier;
pub mod barrier_comments;
pub mod barrier_contacts;
pub mod barrier_duplicates;
pub mod barrier_figures;
pub mod barrier_form;
pub mod barrier_rules;
pub mod barrier_steps;
pub mod barriers;
pub mod explorer;
pub mod factsheet_form;
pub mod factsheets;
pub mod kopgroep;
pub mod kopgroep_form;
pub mod login;
pub mod monitor;
pub mod not_found;
pub mod overview;
pub mod region;
pub mod region_actions;
pub mod region_indicators;
pub mod region_targets;
pub mod review;
pub mod review_fields;
pub mod review_report;
pub mod reviews;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A path parameter of the current route, e.g. `id` of `/acties/:id`. Reactive.
pub fn path_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).unwrap_or_default())
}

/// A query parameter of the current URL, e.g. `regio` of `?regio=twente`. Reactive.
pub fn query_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}
