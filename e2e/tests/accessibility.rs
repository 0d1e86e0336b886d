//! Every page of the web app, logged out and as each demo role, in the states that
//! matter (field errors after an empty save, filters applied, English), checked
//! with axe-core against WCAG 2.1 AA: the level Dutch public-sector sites must
//! meet (EN 301 549). One browser session per role; every page is checked before
//! the scenario fails, and the failure lists each violation with its elements.

use anyhow::{Context, ensure};
use zorgpact_e2e::demo::{ADMIN, ANALYST, Account, OFFICIAL_VWS, TWENTE};
use zorgpact_e2e::pages::{DemoRecords, LOGGED_OUT, SIGNED_IN, Stop};
use zorgpact_e2e::{E2e, Key, scenario};

/// The footer's link to the accessibility statement, on every page.
const STATEMENT_LINK: &str = ".site-footer a[href='/toegankelijkheid']";

/// One role's tour: the demo records the pages name, and the violations found so
/// far.
struct Tour<'a> {
    e2e: &'a E2e,
    who: &'static str,
    records: DemoRecords,
    failures: Vec<String>,
}

impl<'a> Tour<'a> {
    async fn new(e2e: &'a E2e, who: &'static str) -> anyhow::Result<Self> {
        Ok(Self {
            e2e,
            who,
            records: DemoRecords::look_up(&e2e.server).await?,
            failures: Vec::new(),
        })
    }

    /// Logs in as `account` and checks every page a signed-in user has, in Dutch.
    async fn signed_in(e2e: &'a E2e, who: &'static str, (email, password): Account) -> anyhow::Result<Self> {
        let mut tour = Self::new(e2e, who).await?;
        e2e.page.goto("/").await?;
        e2e.page.login(email, password).await?;
        tour.visit(SIGNED_IN, "Dutch").await?;
        Ok(tour)
    }

    fn path(&self, template: &str) -> String {
        self.records.path(template)
    }

    /// Opens each page, waits for it, and checks it.
    async fn visit(&mut self, stops: &[Stop], how: &str) -> anyhow::Result<()> {
        for stop in stops {
            let path = self.path(stop.path);
            self.e2e.page.goto(&path).await?;
            self.e2e
                .page
                .find(stop.ready)
                .await
                .with_context(|| format!("{} opening the {} page ({path})", self.who, stop.name))?;
            ensure!(
                self.e2e.page.exists(STATEMENT_LINK).await?,
                "{}: the {} page has no link to the accessibility statement in its footer",
                self.who,
                stop.name
            );
            self.check(&format!("{}, {how}", stop.name)).await;
        }
        Ok(())
    }

    /// Checks the page as it is now; a violation is kept for the end so one run
    /// shows them all.
    async fn check(&mut self, state: &str) {
        let state = format!("{}: {state}", self.who);
        if let Err(error) = self.e2e.page.check_accessibility(&state).await {
            self.failures.push(format!("{error:#}"));
        }
    }

    /// Saves the form `form` empty and checks the page with its field errors.
    async fn empty_save(&mut self, path: &str, form: &str, state: &str) -> anyhow::Result<()> {
        let page = &self.e2e.page;
        page.goto(&self.path(path)).await?;
        page.click(&format!("{form} button[type=submit]")).await?;
        page.find(&format!("{form} .field-error"))
            .await
            .with_context(|| format!("{}: {state} shows no field error", self.who))?;
        self.check(state).await;
        Ok(())
    }

    /// Switches the app to English (`to_english`) or back to Dutch.
    async fn switch_language(&self, to_english: bool) -> anyhow::Result<()> {
        let lang = if to_english { "en" } else { "nl" };
        self.e2e.page.click(".lang-switch").await?;
        self.e2e.page.wait_attr("html", "lang", lang).await
    }

    fn finish(self) -> anyhow::Result<()> {
        let checked = self.e2e.page.accessibility_checks() + self.failures.len();
        println!(
            "accessibility: {checked} page states checked as {}, {} with violations",
            self.who,
            self.failures.len()
        );
        ensure!(
            self.failures.is_empty(),
            "{} of {checked} page states checked as {} break WCAG 2.1 AA:\n\n{}",
            self.failures.len(),
            self.who,
            self.failures.join("\n\n")
        );
        Ok(())
    }
}

#[tokio::test]
async fn every_public_page_is_accessible_to_a_visitor() {
    scenario("accessibility_visitor", async |e2e| {
        let page = &e2e.page;
        let mut tour = Tour::new(e2e, "a visitor").await?;
        tour.visit(LOGGED_OUT, "Dutch").await?;

        // The statement is public, a click away from the login page, and names
        // the axe-core version that checks it.
        page.goto("/").await?;
        page.click(STATEMENT_LINK).await?;
        page.wait_text("#statement-title", "Toegankelijkheidsverklaring")
            .await?;
        ensure!(!page.exists("#login-email").await?, "the statement asks to log in");
        let version = page.axe_version().await?;
        page.wait_text(".accessibility-statement", &format!("axe-core {version}"))
            .await
            .context("the statement does not name the axe-core version the tests use")?;

        // A failed login and an empty one.
        page.goto("/inloggen").await?;
        page.click("form button[type=submit]").await?;
        page.find("[data-problem=login], .field-error").await?;
        tour.check("login saved empty").await;
        page.fill("#login-email", TWENTE.0).await?;
        page.fill("#login-password", "wrong-password").await?;
        page.click("form button[type=submit]").await?;
        page.wait_text("[data-problem=login]", "klopt niet").await?;
        tour.check("login refused").await;

        page.goto("/").await?;
        tour.switch_language(true).await?;
        tour.visit(LOGGED_OUT, "English").await?;
        page.wait_text("#statement-title", "Accessibility statement").await?;
        tour.switch_language(false).await?;

        // On a phone.
        page.resize(390, 844).await?;
        tour.visit(LOGGED_OUT, "Dutch, phone").await?;
        page.resize(1280, 900).await?;
        tour.finish()
    })
    .await;
}

#[tokio::test]
async fn every_page_is_accessible_to_a_coordinator() {
    scenario("accessibility_coordinator", async |e2e| {
        let page = &e2e.page;
        let mut tour = Tour::signed_in(e2e, "the coordinator of Twente", TWENTE).await?;

        tour.empty_save("/acties/nieuw", ".action-form", "new action saved empty")
            .await?;
        tour.empty_save("/belemmeringen/nieuw", ".barrier-form", "new barrier saved empty")
            .await?;
        tour.empty_save("/belemmeringen/{ticket}", ".comment-form", "comment saved empty")
            .await?;
        tour.empty_save(
            "/kopgroep/voorstellen",
            ".project-form",
            "leading project proposed empty",
        )
        .await?;

        // An agenda and the board, filtered.
        page.goto("/regio/midden-en-zuid-gelderland").await?;
        page.find(".actions-table").await?;
        page.select("#filter-status", "in_progress").await?;
        page.fill("#filter-search", "zzz-nothing-matches\n").await?;
        page.wait_gone(".actions-table").await?;
        tour.check("region agenda filtered to nothing").await;
        page.goto("/belemmeringen").await?;
        page.find(".status-column").await?;
        page.select("#barrier-filter-ministry", "VWS").await?;
        page.click("#barrier-overdue").await?;
        page.wait_gone(".status-column li:not([data-overdue])").await?;
        tour.check("barrier board filtered by ministry, overdue").await;

        // Targets saved empty; an action's archive confirmation.
        tour.empty_save("/regio/twente", ".target-form", "target saved empty")
            .await?;
        page.goto("/regio/twente").await?;
        page.click(".actions-table tbody tr a").await?;
        page.click("[data-action=archive-action]").await?;
        page.find("dialog.confirm[open]").await?;
        tour.check("archive confirmation").await;
        tour.finish()
    })
    .await;
}

#[tokio::test]
async fn every_page_is_accessible_to_an_official() {
    scenario("accessibility_official", async |e2e| {
        let page = &e2e.page;
        let mut tour = Tour::signed_in(e2e, "an official (VWS)", OFFICIAL_VWS).await?;

        tour.empty_save("/factsheets/nieuw", ".factsheet-form", "new factsheet saved empty")
            .await?;
        tour.empty_save("/belemmeringen/{ticket}", ".contact-form", "contact saved empty")
            .await?;
        // Rejecting the ticket, chosen and taken without a reason.
        page.goto(&tour.path("/belemmeringen/{ticket}")).await?;
        page.click("#step-rejected").await?;
        page.find("#step-reason").await?;
        tour.check("rejection step chosen").await;
        page.click(".barrier-step-form button[type=submit]").await?;
        page.find(".barrier-step-form .field-error").await?;
        tour.check("rejection step taken without a reason").await;
        tour.finish()
    })
    .await;
}

#[tokio::test]
async fn every_page_is_accessible_to_the_programme_team_in_both_languages() {
    scenario("accessibility_admin", async |e2e| {
        let page = &e2e.page;
        let mut tour = Tour::signed_in(e2e, "the programme team (admin)", ADMIN).await?;

        page.goto("/").await?;
        tour.switch_language(true).await?;
        tour.visit(SIGNED_IN, "English").await?;
        tour.empty_save("/acties/nieuw", ".action-form", "new action saved empty, English")
            .await?;
        tour.switch_language(false).await?;
        tour.finish()
    })
    .await;
}

#[tokio::test]
async fn every_page_is_accessible_to_an_analyst() {
    scenario("accessibility_analyst", async |e2e| {
        let page = &e2e.page;
        let mut tour = Tour::signed_in(e2e, "an analyst", ANALYST).await?;

        // The explorer on a derived indicator (its formula shown), for all regions.
        page.goto("/indicatoren").await?;
        page.find(".values-table").await?;
        page.select("#explorer-indicator", "side_entrants_per_1000_employees")
            .await?;
        page.wait_text("#explorer-indicator-title", "Zij-instromers per 1000")
            .await?;
        page.click(".picker-buttons button").await?;
        page.wait_text(".values-table thead", "Twente").await?;
        tour.check("indicator explorer, derived indicator, all regions").await;
        tour.finish()
    })
    .await;
}

#[tokio::test]
async fn the_app_works_with_the_keyboard_alone() {
    scenario("keyboard", async |e2e| {
        let page = &e2e.page;
        // The skip link comes first and takes the focus to the content.
        page.goto("/inloggen").await?;
        page.find("#login-email").await?;
        page.press(&[Key::Tab]).await?;
        page.wait_focus(".skip-link").await?;
        page.press(&[Key::Enter]).await?;
        page.wait_heading_focus().await?;

        // Logging in: Tab to each field, type, Enter.
        page.press(&[Key::Tab]).await?;
        page.wait_focus("#login-email").await?;
        page.type_text(ANALYST.0).await?;
        page.press(&[Key::Tab]).await?;
        page.wait_focus("#login-password").await?;
        page.type_text(ANALYST.1).await?;
        page.press(&[Key::Enter]).await?;
        page.find(".logout")
            .await
            .context("Enter in the login form did not log in")?;

        // On a phone the explorer's table is wider than the screen: Tab reaches
        // it and the arrow keys scroll it.
        page.resize(390, 844).await?;
        page.goto("/indicatoren").await?;
        page.find(".values-table").await?;
        let mut tour = Tour::new(e2e, "an analyst").await?;
        tour.check("indicator explorer on a phone").await;
        let table = ".table-wrap:has(.values-table)";
        page.tab_to(table).await?;
        page.press(&[Key::Right, Key::Right, Key::Right]).await?;
        page.wait_until(
            &format!("document.querySelector('{table}').scrollLeft > 0"),
            "the arrow keys to scroll the table",
        )
        .await?;
        page.resize(1280, 900).await?;
        tour.finish()
    })
    .await;
}
