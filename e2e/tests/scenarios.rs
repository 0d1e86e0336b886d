//! What a coordinator does in the web app, in real headless Chromium against the
//! real server with a fresh database per scenario. A failing scenario leaves
//! `e2e/screenshots/<name>.png`.

use anyhow::{Context, ensure};
use reqwest::Method;
use serde_json::json;
use zorgpact_e2e::{E2e, scenario};

const TWENTE: (&str, &str) = ("coordinator.twente@zorgpact.demo", "demo-coordinator-2026");
const GELDERLAND: (&str, &str) = ("coordinator.gelderland@zorgpact.demo", "demo-coordinator-2026");

async fn login_as_twente(e2e: &E2e) -> anyhow::Result<()> {
    e2e.page.goto("/").await?;
    e2e.page.login(TWENTE.0, TWENTE.1).await
}

/// A Twente action made through the API, as if by a colleague; returns its id.
async fn twente_action_via_api(e2e: &E2e, title: &str) -> anyhow::Result<String> {
    let token = e2e.server.token(TWENTE.0, TWENTE.1).await?;
    let body = json!({
        "region_code": "twente", "title": title, "action_line": "learn",
        "status": "planned", "progress": 0, "owner": "ROC van Twente",
    });
    let (status, _, action) = e2e
        .server
        .api(Method::POST, "/actions", &token, &[], Some(body))
        .await?;
    ensure!(
        status == 201,
        "creating an action through the API answered {status}: {action}"
    );
    action["id"]
        .as_str()
        .map(str::to_owned)
        .context("the new action has no id")
}

#[tokio::test]
async fn coordinator_creates_an_action_and_reports_progress() {
    scenario("create_action_and_progress", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.click(".region-card[data-region=twente] h2 a").await?;
        page.click("[data-action=new-action]").await?;

        // Saved empty: the API's field errors appear at the fields.
        page.find("#action-title").await?;
        page.click(".action-form button[type=submit]").await?;
        page.wait_text(".field-error[data-field=title]", "").await?;
        ensure!(
            page.attr("#action-title", "aria-invalid").await?.as_deref() == Some("true"),
            "the title field is not marked invalid"
        );
        page.find(".field-error[data-field=owner]").await?;

        page.fill("#action-title", "Leerwerkbanen voor zij-instromers in de ouderenzorg")
            .await?;
        page.fill("#action-owner", "ROC van Twente").await?;
        page.select("#action-line", "choose").await?;
        page.click("#action-themes-leren_in_de_praktijk").await?;
        page.click(".action-form button[type=submit]").await?;
        page.wait_path(
            |p| p.starts_with("/acties/") && !p.ends_with("/nieuw"),
            "the new action's page",
        )
        .await?;
        page.wait_text(".action-summary h1", "Leerwerkbanen voor zij-instromers")
            .await?;
        page.wait_text(".timeline-empty, .card p.muted", "").await?;

        page.fill("#update-progress", "30").await?;
        page.select("#update-status", "in_progress").await?;
        page.fill("#update-note", "Eerste cohort van twaalf zij-instromers gestart.")
            .await?;
        page.click(".progress-form button[type=submit]").await?;
        page.wait_text(".timeline li", "Eerste cohort van twaalf zij-instromers gestart.")
            .await?;
        page.wait_text(".action-summary [data-status]", "Bezig").await?;

        // The session and the data survive a reload.
        page.reload().await?;
        page.wait_text(".timeline li", "Eerste cohort van twaalf zij-instromers gestart.")
            .await?;
        ensure!(!page.exists("#login-email").await?, "a reload asked to log in again");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn coordinator_enters_an_indicator_value_and_the_chart_changes() {
    scenario("indicator_value_chart", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.goto("/regio/twente").await?;
        let chart = "section.indicator-chart[data-indicator=side_entrants]";
        let new_point = format!("{chart} circle[data-series=value][data-period='2025']");
        page.find(&format!("{chart} circle[data-series=value]")).await?;
        let before = page
            .find_all(&format!("{chart} circle[data-series=value]"))
            .await?
            .len();
        ensure!(!page.exists(&new_point).await?, "2025 already has a value");

        page.select("#value-indicator", "side_entrants").await?;
        page.fill("#value-period", "2025").await?;
        page.fill("#value-value", "1890").await?;
        page.fill("#value-source", "UWV regio Twente").await?;
        page.click(".value-form button[type=submit]").await?;
        page.find(".value-form .notice.success").await?;
        let point = page.find(&new_point).await?;
        ensure!(
            point.attr("data-value").await?.as_deref() == Some("1890"),
            "the new point has the wrong value"
        );
        let after = page
            .find_all(&format!("{chart} circle[data-series=value]"))
            .await?
            .len();
        ensure!(after == before + 1, "the chart had {before} points and now {after}");

        // The same period again replaces the value, from the version the user saw.
        page.fill("#value-period", "2025").await?;
        page.wait_text(".value-form .replaces", "1.890").await?;
        page.fill("#value-value", "1900,5").await?;
        page.click(".value-form button[type=submit]").await?;
        page.wait_attr(&new_point, "data-value", "1900.5").await?;
        Ok(())
    })
    .await;
}

const ADMIN: (&str, &str) = ("admin@zorgpact.demo", "demo-admin-2026");
const OFFICIAL_OCW: (&str, &str) = ("official.ocw@zorgpact.demo", "demo-official-2026");

/// Logs out and back in as someone else, then opens `path`.
async fn switch_to(e2e: &E2e, (email, password): (&str, &str), path: &str) -> anyhow::Result<()> {
    e2e.page.click(".logout").await?;
    e2e.page.find("#login-email").await?;
    e2e.page.login(email, password).await?;
    e2e.page.goto(path).await
}

/// Takes the step to `to` on the open ticket page (its other fields filled in
/// before) and waits for the ticket to show its new status.
async fn take_step(e2e: &E2e, to: &str, shown: &str) -> anyhow::Result<()> {
    e2e.page.click(".barrier-step-form button[type=submit]").await?;
    e2e.page.wait_text(".barrier-detail [data-status]", shown).await?;
    e2e.page
        .wait_attr(".barrier-timeline li:last-child", "data-to", to)
        .await
}

#[tokio::test]
async fn a_barrier_goes_from_filing_to_closing_in_the_app() {
    scenario("barrier_workflow", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.click(".main-nav a[href='/belemmeringen']").await?;
        page.click("[data-action=file-barrier]").await?;
        page.find("#barrier-title").await?;
        // Twente is the only region this coordinator files for.
        page.wait_text("#barrier-region option:checked", "Twente").await?;
        page.fill(
            "#barrier-title",
            "Stagevergoeding bij een leerwerkbaan in twee instellingen",
        )
        .await?;
        page.fill(
            "#barrier-description",
            "De subsidieregeling kent de stagevergoeding toe aan één instelling; onze leerwerkbanen lopen bij twee.",
        )
        .await?;
        page.select("#barrier-category", "funding").await?;
        page.select("#barrier-ministry", "OCW").await?;
        page.click(".barrier-form button[type=submit]").await?;
        let ticket = page
            .wait_path(
                |p| p.starts_with("/belemmeringen/") && !p.ends_with("/nieuw"),
                "the ticket's page",
            )
            .await?;
        page.wait_text(".barrier-detail h1", "Stagevergoeding bij een leerwerkbaan")
            .await?;
        page.wait_text(".barrier-detail [data-status]", "Ingediend").await?;
        // Its service clock starts at zero working days against the default norms.
        page.wait_text(".barrier-clock", "eerste reactie 0 werkdagen (norm 10)")
            .await?;
        ensure!(
            !page.exists(".barrier-step-form").await?,
            "a coordinator has no step to take on a new ticket"
        );

        // The programme team assigns it to OCW's official.
        switch_to(e2e, ADMIN, &ticket).await?;
        page.click("#step-triaged").await?;
        page.select("#step-ministry", "OCW").await?;
        page.wait_text("#step-official", "Beleidsmedewerker OCW").await?;
        let official = page
            .script(
                "return [...document.querySelectorAll('#step-official option')].find(o => o.value).value",
                vec![],
            )
            .await?;
        page.select("#step-official", official.as_str().context("an official")?)
            .await?;
        take_step(e2e, "triaged", "Toegewezen").await?;

        // The official answers.
        switch_to(e2e, OFFICIAL_OCW, &ticket).await?;
        page.click("#step-answered").await?;
        page.fill(
            "#step-answer",
            "De vergoeding mag over twee instellingen worden verdeeld zolang één instelling aanvrager is.",
        )
        .await?;
        page.select("#step-resolution", "within_existing_rules").await?;
        page.select("#step-location", "subsidy_scheme").await?;
        page.click("#step-public").await?;
        take_step(e2e, "answered", "Beantwoord").await?;

        // The coordinator confirms the answer, which closes the ticket.
        switch_to(e2e, TWENTE, &ticket).await?;
        page.wait_text(".barrier-detail", "De vergoeding mag over twee instellingen")
            .await?;
        page.click("#step-closed").await?;
        take_step(e2e, "closed", "Gesloten").await?;
        let steps = page.find_all(".barrier-timeline li").await?.len();
        ensure!(steps == 4, "filed, triaged, answered and closed: {steps} entries");

        page.goto("/belemmeringen").await?;
        page.wait_text(
            ".status-column[data-status=closed]",
            "Stagevergoeding bij een leerwerkbaan",
        )
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn another_regions_action_cannot_be_edited() {
    scenario("other_region_refused", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.goto("/regio/midden-en-zuid-gelderland").await?;
        page.find(".actions-table tbody tr").await?;
        ensure!(
            !page.exists("[data-action=new-action]").await?,
            "Gelderland's agenda offers a new action"
        );
        page.click(".actions-table tbody tr a").await?;
        page.find(".action-summary h1").await?;
        page.find(".timeline, .card p.muted").await?;
        ensure!(
            !page.exists("[data-action=edit-action]").await?,
            "another region's action offers Edit"
        );
        ensure!(
            !page.exists(".progress-form").await?,
            "another region's action offers a progress form"
        );

        // Going to the edit page directly: refused, no form.
        let action_path = page.path().await?;
        page.goto(&format!("{action_path}/bewerken")).await?;
        page.wait_text("[data-problem=forbidden]", "Geen toegang").await?;
        ensure!(!page.exists("#action-title").await?, "the edit form is shown anyway");

        // A 403 from the API itself (the rights changed after the page loaded): the
        // signed-in token is swapped for Gelderland's, then Twente's own action is saved.
        let own = twente_action_via_api(e2e, "Praktijkleren in de wijk").await?;
        page.goto(&format!("/acties/{own}/bewerken")).await?;
        page.find("#action-title").await?;
        let foreign = e2e.server.token(GELDERLAND.0, GELDERLAND.1).await?;
        page.script(
            "const s = JSON.parse(localStorage.getItem('zorgpact.session'));
             s.tokens.access_token = arguments[0];
             localStorage.setItem('zorgpact.session', JSON.stringify(s));",
            vec![json!(foreign)],
        )
        .await?;
        page.fill("#action-owner", "Saxion").await?;
        page.click(".action-form button[type=submit]").await?;
        page.wait_text("[data-problem=forbidden]", "Uw rol mag dit niet doen")
            .await?;
        ensure!(
            page.path().await?.ends_with("/bewerken"),
            "the refused edit left the form"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_the_latest_version_offered() {
    scenario("stale_edit", async |e2e| {
        let page = &e2e.page;
        let id = twente_action_via_api(e2e, "Gastlessen op het vmbo").await?;
        login_as_twente(e2e).await?;
        page.goto(&format!("/acties/{id}/bewerken")).await?;
        page.find("#action-title").await?;

        // Meanwhile a colleague saves a new title.
        let token = e2e.server.token(TWENTE.0, TWENTE.1).await?;
        let (_, etag, _) = e2e
            .server
            .api(Method::GET, &format!("/actions/{id}"), &token, &[], None)
            .await?;
        let etag = etag.context("no ETag")?;
        let body = json!({
            "title": "Gastlessen op het vmbo en mbo", "action_line": "learn",
            "status": "planned", "progress": 0, "owner": "ROC van Twente",
        });
        let (status, _, answer) = e2e
            .server
            .api(
                Method::PUT,
                &format!("/actions/{id}"),
                &token,
                &[("If-Match", &etag)],
                Some(body),
            )
            .await?;
        ensure!(status == 200, "the colleague's save answered {status}: {answer}");

        page.fill("#action-owner", "Saxion").await?;
        page.click(".action-form button[type=submit]").await?;
        page.wait_text("[data-problem=stale]", "Iemand anders heeft dit intussen gewijzigd")
            .await?;
        page.click("[data-problem=stale] button").await?;
        page.wait_gone("[data-problem=stale]").await?;
        let started = std::time::Instant::now();
        loop {
            let title = page
                .find("#action-title")
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            if title == "Gastlessen op het vmbo en mbo" {
                break;
            }
            ensure!(started.elapsed().as_secs() < 10, "the form still shows {title:?}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        page.fill("#action-owner", "Saxion").await?;
        page.click(".action-form button[type=submit]").await?;
        page.wait_text(".action-summary", "Saxion").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_language_switches_between_dutch_and_english() {
    scenario("language_switch", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.wait_text("#overview-title", "Alle regio's").await?;
        ensure!(
            page.attr("html", "lang").await?.as_deref() == Some("nl"),
            "the page is not Dutch"
        );
        page.click(".lang-switch").await?;
        page.wait_text("#overview-title", "All regions").await?;
        page.wait_text(".main-nav", "Barrier tickets").await?;
        page.wait_text(".region-card[data-region=twente]", "Open barrier tickets")
            .await?;
        ensure!(
            page.attr("html", "lang").await?.as_deref() == Some("en"),
            "the page is not English"
        );

        // The choice is remembered.
        page.reload().await?;
        page.wait_text("#overview-title", "All regions").await?;
        page.click(".lang-switch").await?;
        page.wait_text("#overview-title", "Alle regio's").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn login_logout_and_an_expired_session() {
    scenario("login_logout_expiry", async |e2e| {
        let page = &e2e.page;
        page.goto("/regio/twente").await?;
        page.fill("#login-email", TWENTE.0).await?;
        page.fill("#login-password", "wrong-password").await?;
        page.click("form button[type=submit]").await?;
        page.wait_text("[data-problem=login]", "klopt niet").await?;

        page.login(TWENTE.0, TWENTE.1).await?;
        // The page asked for before logging in is the page shown after.
        page.wait_text(".region-page h1", "Twente").await?;

        // An expired access token is renewed with the refresh token, unnoticed.
        page.script(
            "const s = JSON.parse(localStorage.getItem('zorgpact.session'));
             s.tokens.access_token = 'expired'; s.expires_at_ms = 0;
             localStorage.setItem('zorgpact.session', JSON.stringify(s));",
            vec![],
        )
        .await?;
        page.reload().await?;
        page.wait_text(".region-page h1", "Twente").await?;
        ensure!(
            !page.exists("#login-email").await?,
            "the refresh did not keep the session"
        );

        // When the refresh token is refused too, the app asks to log in again.
        page.script(
            "const s = JSON.parse(localStorage.getItem('zorgpact.session'));
             s.tokens.access_token = 'expired'; s.expires_at_ms = 0; s.tokens.refresh_token = 'revoked';
             localStorage.setItem('zorgpact.session', JSON.stringify(s));",
            vec![],
        )
        .await?;
        page.reload().await?;
        page.wait_text(".login .notice", "sessie is verlopen").await?;

        page.login(TWENTE.0, TWENTE.1).await?;
        page.click(".logout").await?;
        page.wait_text(".login .notice", "uitgelogd").await?;
        page.reload().await?;
        page.find("#login-email").await?;
        Ok(())
    })
    .await;
}
