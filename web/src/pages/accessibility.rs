//! The accessibility statement (*toegankelijkheidsverklaring*), laid out as the
//! Dutch government's model statement: organisation, scope, compliance status
//! against WCAG 2.1 AA (EN 301 549), how it is tested, known limitations, contact
//! and date. Public: linked from the footer of every page, logged in or not.

use leptos::prelude::*;

use crate::i18n::{T, tr, use_i18n};

/// The axe-core version the browser tests check every page with; the pin is in
/// `xtask/src/e2e.rs`, and the visitor's accessibility scenario fails when this
/// statement names another version than the one that ran.
const AXE_CORE_VERSION: &str = "4.14.1";
/// Where feedback goes. A demo address, like the demo accounts: whoever runs
/// Zorgpact for real puts its own here.
const CONTACT_EMAIL: &str = "toegankelijkheid@zorgpact.demo";
/// When the statement was drawn up or last reviewed (ISO 8601, for `<time>`).
const REVIEWED_ON: &str = "2026-12-06";

#[component]
pub fn AccessibilityStatementPage() -> impl IntoView {
    let i18n = use_i18n();
    let item = |key: T| view! { <li>{tr(key)}</li> };
    view! {
        <article class="card accessibility-statement" aria-labelledby="statement-title">
            <h1 id="statement-title">{tr(T::StatementTitle)}</h1>
            <p class="prose">{tr(T::StatementIntro)}</p>
            <dl class="facts statement-facts">
                <div>
                    <dt>{tr(T::StatementOrganisationLabel)}</dt>
                    <dd>{tr(T::StatementOrganisation)}</dd>
                </div>
                <div>
                    <dt>{tr(T::StatementStandardLabel)}</dt>
                    <dd>{tr(T::StatementStandard)}</dd>
                </div>
                <div>
                    <dt>{tr(T::StatementStatusLabel)}</dt>
                    <dd data-status="C">{tr(T::StatementStatus)}</dd>
                </div>
                <div>
                    <dt>{tr(T::StatementDateLabel)}</dt>
                    <dd>
                        <time datetime=REVIEWED_ON>{tr(T::StatementDate)}</time>
                    </dd>
                </div>
            </dl>

            <h2>{tr(T::StatementScopeTitle)}</h2>
            <p class="prose">{tr(T::StatementScope)}</p>

            <h2>{tr(T::StatementStatusTitle)}</h2>
            <p class="prose">{tr(T::StatementStatusText)}</p>

            <h2>{tr(T::StatementTestingTitle)}</h2>
            <ul class="statement-list">
                <li>{move || i18n.fill(T::StatementTestAxe, &[AXE_CORE_VERSION])}</li>
                {item(T::StatementTestPages)}
                {item(T::StatementTestStates)}
                {item(T::StatementTestKeyboard)}
                {item(T::StatementTestReflow)}
                {item(T::StatementTestCi)}
            </ul>

            <h2>{tr(T::StatementLimitsTitle)}</h2>
            <ul class="statement-list">
                {item(T::StatementLimitAudit)}
                {item(T::StatementLimitCharts)}
                {item(T::StatementLimitLanguage)}
                {item(T::StatementLimitServerWords)}
                {item(T::StatementLimitApiDocs)}
            </ul>

            <h2>{tr(T::StatementContactTitle)}</h2>
            <p class="prose">{tr(T::StatementContact)}</p>
            <p>
                <a href=format!("mailto:{CONTACT_EMAIL}")>{CONTACT_EMAIL}</a>
            </p>
            <p class="prose">{tr(T::StatementOmbudsman)}</p>
        </article>
    }
}
