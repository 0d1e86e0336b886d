//! The pages as lazily loaded routes: each page's code is split off the main
//! module (by `cargo xtask build-web`, see `xtask/src/web_split.rs`) and loaded
//! the first time the page is shown. The first visit downloads the app's frame
//! and the one page it opens, not the whole app.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// One route type per page: `Name => module::Component` declares `Name`, whose
/// view is `<pages::module::Component />` in a part of its own.
macro_rules! lazy_pages {
    ($($route:ident => $module:ident :: $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <crate::pages::$module::$page /> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    Overview => overview::OverviewPage,
    Monitor => monitor::MonitorPage,
    Region => region::RegionPage,
    NewAction => action_form::NewActionPage,
    EditAction => action_form::EditActionPage,
    Action => action::ActionPage,
    Explorer => explorer::ExplorerPage,
    NewBarrier => barrier_form::NewBarrierPage,
    BarrierFigures => barrier_figures::BarrierFiguresPage,
    Barrier => barrier::BarrierPage,
    Barriers => barriers::BarriersPage,
    NewFactsheet => factsheet_form::NewFactsheetPage,
    EditFactsheet => factsheet_form::EditFactsheetPage,
    Factsheet => factsheets::FactsheetPage,
    Factsheets => factsheets::FactsheetsPage,
    Kopgroep => kopgroep::KopgroepPage,
    LeadingProject => kopgroep::LeadingProjectPage,
    NewLeadingProject => kopgroep_form::NewLeadingProjectPage,
    ScoreMatrix => reviews::ScoreMatrixPage,
    Review => review::ReviewPage,
    ReviewReport => review_report::ReviewReportPage,
    AccessibilityStatement => accessibility::AccessibilityStatementPage,
}
