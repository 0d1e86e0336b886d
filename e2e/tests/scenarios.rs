//! What a coordinator does in the web app, in real headless Chromium against the
//! real server with a fresh database per scenario. A failing scenario leaves
//! `e2e/screenshots/<name>.png`.

use anyhow::{Context, ensure};
use reqwest::Method;
use serde_json::json;
use zorgpact_e2e::demo::{
    ADMIN, ANALYST, Account, GELDERLAND, OFFICIAL_OCW, OFFICIAL_VWS, TWENTE, demo_ticket, first_listed, shared_review,
};
use zorgpact_e2e::{E2e, scenario};

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
        page.check_accessibility("new action form with field errors").await?;

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
        page.check_accessibility("action page with a progress update").await?;

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
        page.check_accessibility("region page after saving a value").await?;

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

/// Logs out and back in as someone else, then opens `path`.
async fn switch_to(e2e: &E2e, (email, password): Account, path: &str) -> anyhow::Result<()> {
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
        page.check_accessibility("ticket triaged by the programme team").await?;

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
        page.check_accessibility("closed ticket with its timeline").await?;

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
        page.check_accessibility("another region's action: no access").await?;

        // A 403 from the API itself (the rights changed after the page loaded): the
        // signed-in token is swapped for Gelderland's, then Twente's own action is saved.
        let own = twente_action_via_api(e2e, "Praktijkleren in de wijk").await?;
        page.goto(&format!("/acties/{own}/bewerken")).await?;
        page.find("#action-title").await?;
        let foreign = e2e.server.token(GELDERLAND.0, GELDERLAND.1).await?;
        page.swap_bearer(&foreign, None).await?;
        page.fill("#action-owner", "Saxion").await?;
        page.click(".action-form button[type=submit]").await?;
        page.wait_text("[data-problem=forbidden]", "Uw rol mag dit niet doen")
            .await?;
        page.check_accessibility("a save refused by the API (403)").await?;
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
        page.check_accessibility("a stale save").await?;
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
        // The barrier board needs a login (a region page is public).
        page.goto("/belemmeringen").await?;
        page.fill("#login-email", TWENTE.0).await?;
        page.fill("#login-password", "wrong-password").await?;
        page.click("form button[type=submit]").await?;
        page.wait_text("[data-problem=login]", "klopt niet").await?;
        page.check_accessibility("login refused").await?;

        page.login(TWENTE.0, TWENTE.1).await?;
        // The page asked for before logging in is the page shown after.
        page.find(".status-column").await?;

        // An expired access token is renewed through the refresh cookie, unnoticed.
        page.swap_bearer("expired", Some(1)).await?;
        page.click(".main-nav a[href='/']").await?;
        page.find("#overview-title").await?;
        page.click(".main-nav a[href='/belemmeringen']").await?;
        page.find(".status-column").await?;
        ensure!(
            !page.exists("#login-email").await?,
            "the refresh did not keep the session"
        );
        let refreshes = page.script("return window.__refreshes;", vec![]).await?;
        ensure!(refreshes == json!(1), "refreshes after the rejected token: {refreshes}");

        // When the refresh token is refused too (here: revoked by a logout the app
        // did not make), the app asks to log in again.
        page.script(
            "return fetch('/api/v1/auth/logout', {method: 'POST', headers: {'X-Zorgpact-CSRF': '1'}})
                 .then(response => response.status);",
            vec![],
        )
        .await?;
        page.swap_bearer("expired", Some(1)).await?;
        page.click(".main-nav a[href='/']").await?;
        page.find("#overview-title").await?;
        page.click(".main-nav a[href='/belemmeringen']").await?;
        page.wait_text(".login .notice", "sessie is verlopen").await?;
        page.check_accessibility("login after the session expired").await?;

        page.login(TWENTE.0, TWENTE.1).await?;
        page.click(".logout").await?;
        page.wait_text(".login .notice", "uitgelogd").await?;
        page.reload().await?;
        page.find("#login-email").await?;
        Ok(())
    })
    .await;
}

/// Everything a script on the page could read of the session: the storages' keys
/// and values, and `document.cookie`.
const READABLE_SESSION: &str = "
    const all = storage => Object.keys(storage).map(key => key + '=' + storage.getItem(key));
    return {local: all(localStorage), session: all(sessionStorage), cookie: document.cookie};";

#[tokio::test]
async fn a_session_survives_a_reload_without_tokens_a_script_could_read() {
    scenario("session_without_readable_tokens", async |e2e| {
        let page = &e2e.page;
        // A session as an earlier version of the app stored it: removed on start.
        page.goto("/").await?;
        page.script(
            "localStorage.setItem('zorgpact.session', '{\"tokens\":{\"access_token\":\"eyJold\"}}');",
            vec![],
        )
        .await?;
        page.goto("/belemmeringen").await?;
        page.login(TWENTE.0, TWENTE.1).await?;
        page.find(".status-column").await?;
        let readable = page.script(READABLE_SESSION, vec![]).await?;
        let text = readable.to_string();
        ensure!(
            !text.contains("eyJ") && !text.contains("zorgpact.session") && !text.contains("zorgpact_refresh"),
            "a script can read the session: {text}"
        );

        // The refresh cookie is there, for the refresh and logout paths only, and
        // not even there can a script read it.
        page.goto("/api/v1/auth/refresh").await?;
        let cookies = page.client().get_all_cookies().await?;
        let refresh = cookies
            .iter()
            .find(|cookie| cookie.name() == "zorgpact_refresh")
            .context("no refresh cookie for /api/v1/auth/refresh")?;
        ensure!(
            refresh.http_only() == Some(true) && refresh.secure() == Some(true),
            "the refresh cookie is not HttpOnly and Secure: {refresh:?}"
        );
        ensure!(
            refresh.to_string().contains("SameSite=Strict"),
            "the refresh cookie is not SameSite=Strict: {refresh}"
        );
        let cookie_text = page.script("return document.cookie;", vec![]).await?;
        ensure!(
            !cookie_text.to_string().contains("zorgpact_refresh"),
            "document.cookie shows the refresh cookie: {cookie_text}"
        );

        // A reload (here: opening the app anew) keeps the session.
        page.goto("/belemmeringen").await?;
        page.find(".status-column").await?;
        ensure!(page.exists(".logout").await?, "the reload lost the session");
        page.reload().await?;
        page.find(".status-column").await?;
        let text = page.script(READABLE_SESSION, vec![]).await?.to_string();
        ensure!(
            !text.contains("eyJ"),
            "a script can read the session after a reload: {text}"
        );

        // Logging out ends it for good: a reload shows the login.
        page.click(".logout").await?;
        page.wait_text(".login .notice", "uitgelogd").await?;
        page.reload().await?;
        page.find("#login-email").await?;
        page.goto("/api/v1/auth/refresh").await?;
        let left = page.client().get_all_cookies().await?;
        ensure!(
            !left.iter().any(|cookie| cookie.name() == "zorgpact_refresh"),
            "the logout left the refresh cookie: {left:?}"
        );
        Ok(())
    })
    .await;
}

/// Posts the comment typed into the form, as an internal note if asked, and waits
/// for it in the list.
async fn post_comment(e2e: &E2e, text: &str, internal: bool) -> anyhow::Result<()> {
    let page = &e2e.page;
    page.fill("#comment-body", text).await?;
    if internal {
        page.click("#comment-internal").await?;
    }
    page.click(".comment-form button[type=submit]").await?;
    page.wait_text(".comment-form .notice.success", "geplaatst").await?;
    page.wait_text(".comments li", text).await?;
    Ok(())
}

#[tokio::test]
async fn an_internal_note_stays_with_the_ministry_while_the_region_reads_the_comments() {
    scenario("barrier_comments", async |e2e| {
        let page = &e2e.page;
        let ticket = demo_ticket(&e2e.server, "twente", "Investering in sensortechnologie").await?;
        let path = format!("/belemmeringen/{ticket}");
        page.goto("/").await?;
        page.login(OFFICIAL_VWS.0, OFFICIAL_VWS.1).await?;
        page.goto(&path).await?;
        page.wait_text(".barrier-comments", "Nog geen reacties").await?;

        let comment = "Kunt u de begroting van de verpleegafdeling meesturen?";
        let note = "Navragen bij de NZa of de besparing onder de beleidsregel valt.";
        post_comment(e2e, comment, false).await?;
        post_comment(e2e, note, true).await?;
        page.wait_text(".comments li[data-internal=true]", "Interne notitie")
            .await?;
        page.wait_text(".comments li[data-internal=true]", note).await?;

        // The official logs the phone call that followed.
        page.select("#contact-kind", "phone_call").await?;
        page.fill(
            "#contact-participants",
            "Beleidsmedewerker VWS, regiocoördinator Twente",
        )
        .await?;
        page.click(".contact-form button[type=submit]").await?;
        page.wait_text(".contact-form .notice.success", "vastgelegd").await?;
        page.wait_text(".contact-counts", "1 telefoongesprek").await?;
        page.wait_text(".contacts-table", "regiocoördinator Twente").await?;
        page.check_accessibility("ticket with a comment, an internal note and a contact")
            .await?;

        // The region's coordinator reads the comment, not the note, and cannot write one.
        switch_to(e2e, TWENTE, &path).await?;
        page.wait_text(".comments li", comment).await?;
        let shown = page.find(".barrier-comments").await?.text().await?;
        ensure!(!shown.contains(note), "the coordinator sees the internal note: {shown}");
        ensure!(
            !page.exists(".comments li[data-internal]").await?,
            "an internal note is listed for the coordinator"
        );
        ensure!(
            !page.exists("#comment-internal").await?,
            "the coordinator is offered internal notes"
        );
        ensure!(
            !page.exists(".contact-form").await?,
            "the coordinator is offered the contact log form"
        );
        page.wait_text(".contact-counts", "1 telefoongesprek").await?;
        post_comment(e2e, "De begroting staat in de bijlage van het projectplan.", false).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_programme_team_undoes_and_marks_a_duplicate() {
    scenario("barrier_duplicate", async |e2e| {
        let page = &e2e.page;
        let original = demo_ticket(&e2e.server, "noord", "Standaard stagecontract").await?;
        let duplicate = demo_ticket(&e2e.server, "flevoland", "Stagecontract voor een stage").await?;
        page.goto("/").await?;
        page.login(ADMIN.0, ADMIN.1).await?;

        page.goto(&format!("/belemmeringen/{original}")).await?;
        page.wait_text(".duplicate-list", "Stagecontract voor een stage bij meerdere")
            .await?;
        // The register names the law the answer rests on.
        page.wait_text(".barrier-rules", "Wet educatie en beroepsonderwijs (WEB) (wet)")
            .await?;
        page.click(&format!(".duplicate-list li[data-barrier-id='{duplicate}'] a"))
            .await?;
        page.wait_text(".duplicate-of", "Duplicaat van").await?;
        page.wait_text(".duplicate-of a", "Standaard stagecontract").await?;

        page.click(".duplicate-form button[type=submit]").await?;
        page.wait_text(".barrier-duplicate .notice.success", "niet langer een duplicaat")
            .await?;
        page.wait_gone(".duplicate-of").await?;

        // Saved without a choice: the field says what is missing.
        page.click(".duplicate-form button[type=submit]").await?;
        page.find(".field-error[data-field=original]").await?;
        page.check_accessibility("duplicate form with a field error").await?;
        page.wait_text("#duplicate-original", "Standaard stagecontract").await?;
        page.select("#duplicate-original", &original).await?;
        page.click(".duplicate-form button[type=submit]").await?;
        page.wait_text(".duplicate-of a", "Standaard stagecontract").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn anyone_reads_the_barrier_figures_without_logging_in() {
    scenario("barrier_figures_public", async |e2e| {
        let page = &e2e.page;
        page.goto("/belemmeringen/cijfers").await?;
        page.wait_text("#figures-title", "Cijfers belemmeringen").await?;
        page.wait_text("[data-figure=tickets] dd", "12").await?;
        page.wait_text("[data-figure=contacts] dd", "10").await?;
        ensure!(!page.exists("#login-email").await?, "the figures ask to log in");
        // Every chart has its numbers in a table under its caption.
        for chart in [
            "by-status",
            "by-resolution",
            "by-ministry",
            "by-location",
            "by-region",
            "contacts",
        ] {
            page.find(&format!("figure[data-figure={chart}] figcaption")).await?;
            page.find(&format!("figure[data-figure={chart}] table tbody tr"))
                .await?;
        }
        page.wait_text("figure[data-figure=by-region] table", "Twente").await?;
        page.find(".speed-table tbody tr[data-ministry=OCW]").await?;
        ensure!(
            page.attr("[data-action=figures-csv]", "href").await?.as_deref()
                == Some("/api/v1/barrier-figures?format=csv"),
            "the CSV link does not point at the figures"
        );

        // The rest of the app still asks to log in; afterwards the board links here.
        page.goto("/belemmeringen").await?;
        page.login(TWENTE.0, TWENTE.1).await?;
        page.click("[data-action=barrier-figures]").await?;
        page.wait_text("[data-figure=tickets] dd", "12").await?;
        ensure!(
            !page.exists(".barrier-figures .notice.info").await?,
            "a signed-in user is told to log in"
        );

        // The board filters by ministry and by being overdue.
        let sensors = demo_ticket(&e2e.server, "twente", "Investering in sensortechnologie").await?;
        let row = format!(".status-column li[data-barrier-id='{sensors}']");
        page.click(".main-nav a[href='/belemmeringen']").await?;
        page.find(&row).await?;
        page.select("#barrier-filter-ministry", "OCW").await?;
        page.wait_gone(&row).await?;
        page.select("#barrier-filter-ministry", "VWS").await?;
        page.find(&row).await?;
        page.click("#barrier-overdue").await?;
        page.wait_gone(".status-column li:not([data-overdue])").await?;
        page.wait_text(".barrier-count", "belemmeringen").await?;
        page.check_accessibility("barrier board filtered by ministry, overdue")
            .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_visitor_finds_a_leading_project_by_theme() {
    scenario("kopgroep_public", async |e2e| {
        let page = &e2e.page;
        page.goto("/").await?;
        page.click(".main-nav a[href='/kopgroep']").await?;
        page.wait_text("#kopgroep-title", "Kopgroep").await?;
        ensure!(!page.exists("#login-email").await?, "the catalogue asks to log in");
        page.find("[data-project='Leerbedrijf De Koperhorst']").await?;

        // A theme narrows the list, and the choice is kept in the URL.
        page.select("#kopgroep-theme", "zorg_en_technologie").await?;
        page.wait_gone("[data-project='Leerbedrijf De Koperhorst']").await?;
        page.find(".project-list [data-project='Samen Slim Zorgen Thuis']")
            .await?;
        page.find(".project-list [data-project='Zorgtrainingscentrum Zwolle']")
            .await?;
        page.wait_text(".project-count", "Gevonden projecten: 3").await?;
        let url = page.url().await?;
        ensure!(
            url.contains("thema=zorg_en_technologie"),
            "the theme is not in the URL: {url}"
        );
        // A word of the story narrows it further.
        page.fill("#kopgroep-search", "tablets").await?;
        page.wait_gone(".project-list [data-project='Zorgtrainingscentrum Zwolle']")
            .await?;
        page.wait_text(".project-count", "Gevonden projecten: 1").await?;

        // The project, with projects like it.
        page.click(".project-list [data-project='Samen Slim Zorgen Thuis'] a")
            .await?;
        page.wait_text(".leading-project h1", "Samen Slim Zorgen Thuis").await?;
        page.wait_text(".leading-project", "tablets, smartphones").await?;
        page.find(".leading-project [data-project='MakeHealth']").await?;
        page.back().await?;
        page.find(".project-list [data-project='Samen Slim Zorgen Thuis']")
            .await?;

        // The figures and the three coalitions are on the catalogue too.
        page.wait_text("[data-figures=care-domains]", "Ouderen- en thuiszorg")
            .await?;
        page.wait_text(".programme-figures", "80 koplopers").await?;
        page.wait_text(".coalitions", "Mbo 2 de juiste plek in het zorgteam")
            .await?;
        page.check_accessibility("kopgroep filtered by theme and searched")
            .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_coordinator_proposes_a_leading_project_and_the_programme_team_publishes_it() {
    scenario("kopgroep_propose_publish", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.goto("/kopgroep").await?;
        page.click("[data-action=propose-project]").await?;
        page.fill("#project-name", "Snuffelstage ggz Twente").await?;
        page.click("#project-domains-mental_health").await?;
        page.click("#project-themes-vmbo_zorg_en_welzijn").await?;
        page.fill(
            "#project-story",
            "Vmbo-leerlingen lopen een snuffelstage bij een ggz-instelling.",
        )
        .await?;
        page.click(".project-form button[type=submit]").await?;
        page.find("[data-proposed='Snuffelstage ggz Twente']").await?;
        // Proposed, not yet public.
        page.goto("/kopgroep?zoek=snuffelstage").await?;
        page.wait_text(".project-count", "Gevonden projecten: 0").await?;

        // Logging out on a public page stays there: log in from the login page.
        page.click(".logout").await?;
        page.goto("/inloggen").await?;
        page.login(ADMIN.0, ADMIN.1).await?;
        page.goto("/kopgroep").await?;
        page.click("[data-proposal='Snuffelstage ggz Twente'] button").await?;
        page.wait_gone("[data-proposal='Snuffelstage ggz Twente']").await?;
        page.click(".logout").await?;
        page.goto("/kopgroep?thema=vmbo_zorg_en_welzijn").await?;
        page.find(".project-list [data-project='Snuffelstage ggz Twente']")
            .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_programme_team_drafts_a_review_round_scores_it_and_shares_it() {
    scenario("review_draft_score_share", async |e2e| {
        let page = &e2e.page;
        page.goto("/inloggen").await?;
        page.login(ADMIN.0, ADMIN.1).await?;
        page.goto("/regio/twente").await?;
        page.select("#review-round", "cooperation_innovation").await?;
        page.fill("#review-why-question", "Samen leren en werken in de wijk.")
            .await?;
        page.fill("#review-intentions", "Welzijn aansluiten\nKartrekkers aanwijzen")
            .await?;
        page.click("[data-action=create-review]").await?;
        page.wait_path(|p| p.starts_with("/voortgangsgesprekken/"), "the new review")
            .await?;
        page.find(".review-detail[data-status=draft]").await?;
        page.wait_text(".review-parts", "Samen leren en werken in de wijk.")
            .await?;
        page.wait_text("[data-intention='2']", "Kartrekkers aanwijzen").await?;

        // A level without a motivation: the API's reason shows at that aspect.
        page.click("#score-regional_vision-broaden").await?;
        page.fill("#score-regional_vision-motivation", "Nieuwe strategische doelen.")
            .await?;
        page.click("#score-governance-strengthen").await?;
        page.click("[data-action=save-scores]").await?;
        page.find(".field-error[data-field=governance]").await?;
        page.check_accessibility("score form with a field error").await?;
        page.fill("#score-governance-motivation", "Rol van de focusgroep wordt scherper.")
            .await?;
        page.click("[data-action=save-scores]").await?;
        page.find(".scores-table [data-aspect=governance][data-level=strengthen]")
            .await?;
        page.find(".scores-table [data-aspect=regional_vision][data-level=broaden]")
            .await?;

        page.click("[data-action=share-review]").await?;
        page.find(".review-detail[data-status=shared]").await?;
        page.click("[data-action=finalise-review]").await?;
        page.find(".review-detail[data-status=final] [data-final=true]").await?;
        ensure!(
            !page.exists(".score-form").await?,
            "a final review still offers the score form"
        );

        // The region's scores across rounds, and the matrix across regions.
        page.goto("/regio/twente").await?;
        page.find(
            ".review-rounds [data-round=cooperation_innovation] [data-aspect=regional_vision][data-level=broaden]",
        )
        .await?;
        page.goto("/voortgangsgesprekken?ronde=cooperation_innovation").await?;
        page.find(".score-matrix [data-region=twente] [data-aspect=governance][data-level=strengthen]")
            .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_programme_team_corrects_a_final_review_by_editing_the_new_draft() {
    scenario("review_correct_edit", async |e2e| {
        const OLD: &str = "Zorg wordt dichter naar de burger gebracht.";
        const NEW: &str = "Zorg en welzijn komen samen dichter bij de wijkbewoner.";
        let page = &e2e.page;
        // The demo's final review of Midden- en Zuid-Gelderland, 5 July 2017.
        let review = first_listed(&e2e.server, "/regions/midden-en-zuid-gelderland/reviews").await?;
        page.goto("/inloggen").await?;
        page.login(ADMIN.0, ADMIN.1).await?;
        page.goto(&format!("/voortgangsgesprekken/{review}")).await?;
        page.find(".review-detail[data-status=final] [data-final=true]").await?;
        ensure!(
            !page.exists("[data-action=edit-review]").await?,
            "a final review offers to edit it"
        );
        page.click("[data-action=correct-review]").await?;
        let old_path = format!("/voortgangsgesprekken/{review}");
        page.wait_path(
            |p| p.starts_with("/voortgangsgesprekken/") && p != old_path,
            "the new draft",
        )
        .await?;
        page.find(".review-detail[data-status=draft]").await?;
        page.wait_text(".review-parts", OLD).await?;

        // The form opens with the draft as it is and takes the focus; cancelling
        // gives it back to "Bewerken".
        page.click("[data-action=edit-review]").await?;
        page.wait_focus("#edit-review-title").await?;
        for (field, value) in [("#review-why-transition", OLD), ("#review-phase", "directing")] {
            let shown = page.find(field).await?.prop("value").await?.unwrap_or_default();
            ensure!(shown == value, "the edit form's {field} starts as {shown:?}");
        }
        page.click("[data-action=cancel-edit-review]").await?;
        page.wait_gone("#review-edit").await?;
        page.wait_focus("[data-action=edit-review]").await?;

        page.click("[data-action=edit-review]").await?;
        page.wait_focus("#edit-review-title").await?;
        page.fill("#review-why-transition", NEW).await?;
        page.check_accessibility("edit form of a corrected review").await?;
        page.set_viewport(320, 640).await?;
        page.check_reflow("the edit form of a review, 320 px wide").await?;
        page.set_viewport(1280, 900).await?;
        page.click("[data-action=save-review]").await?;
        page.wait_gone("#review-edit").await?;
        page.wait_announced("Het voortgangsgesprek is opgeslagen.").await?;
        page.wait_text(".review-parts", NEW).await?;
        page.wait_focus("[data-action=edit-review]").await?;

        // Both versions are listed; the final one still says what it said.
        page.find(".versions [data-version='1']").await?;
        page.find(".versions [data-version='2'] a[aria-current=page]").await?;
        page.click(".versions [data-version='1'] a").await?;
        page.wait_path(|p| p == old_path, "the final version").await?;
        page.find(".review-detail[data-status=final] [data-superseded=true]")
            .await?;
        let parts = page.wait_text(".review-parts", OLD).await?.text().await?;
        ensure!(!parts.contains(NEW), "the final version shows the correction: {parts}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_intention_becomes_an_action_that_links_back_and_the_report_prints() {
    scenario("review_intention_report", async |e2e| {
        let page = &e2e.page;
        let review = shared_review(&e2e.server, "twente", &["Welzijn aansluiten"]).await?;
        login_as_twente(e2e).await?;
        page.goto(&format!("/voortgangsgesprekken/{review}")).await?;
        page.fill("#intention-1-owner", "Focusgroep Twente").await?;
        page.click("[data-intention='1'] [data-action=make-action]").await?;
        page.wait_text("[data-intention='1'] .intention-action [data-status]", "Gepland")
            .await?;
        page.check_accessibility("review with an intention that became an action")
            .await?;

        page.click("[data-intention='1'] .intention-action a").await?;
        page.wait_text(".action-summary h1", "Welzijn aansluiten").await?;
        page.wait_attr(".source-review", "data-source-review", &review).await?;
        page.wait_text(".source-review a", "Voortgekomen uit voortgangsgesprek")
            .await?;
        page.click(".source-review a").await?;
        page.wait_path(|p| p == format!("/voortgangsgesprekken/{review}"), "the review")
            .await?;

        page.click("[data-action=open-report]").await?;
        page.wait_path(|p| p.ends_with("/verslag"), "the report").await?;
        page.find(".report .indicator-chart svg").await?;
        page.find(".report-actions tbody tr").await?;
        page.find("[data-action=print]").await?;
        let print = page
            .script(
                r#"const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]);
                   const print = rules.filter(r => r.media && r.media.mediaText === "print")
                       .flatMap(r => [...r.cssRules]).map(r => r.cssText).join("\n");
                   const page = rules.filter(r => r.type === CSSRule.PAGE_RULE).map(r => r.cssText).join("\n");
                   return {print, page, screen: !matchMedia("print").matches};"#,
                vec![],
            )
            .await?;
        let rules = print["print"].as_str().unwrap_or_default();
        ensure!(
            rules.contains(".site-header") && rules.contains("display: none"),
            "the print stylesheet does not hide the navigation: {rules}"
        );
        ensure!(
            print["page"]
                .as_str()
                .unwrap_or_default()
                .to_ascii_lowercase()
                .contains("size: a4"),
            "no @page rule sets A4: {print}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_official_publishes_a_factsheet_that_a_visitor_reads_logged_out() {
    scenario("factsheet_publish", async |e2e| {
        let page = &e2e.page;
        let question = "Mag een zij-instromer tijdens de BBL-opleiding al als helpende worden ingeroosterd?";
        let answer = "Ja. Een zij-instromer in de BBL mag binnen de leerovereenkomst als helpende werken, onder begeleiding van een praktijkopleider.";
        page.goto("/").await?;
        page.login(OFFICIAL_OCW.0, OFFICIAL_OCW.1).await?;
        page.click(".main-nav a[href='/factsheets']").await?;
        page.click("[data-action=new-factsheet]").await?;

        // Saved empty: the API's field errors appear at the fields.
        page.find("#factsheet-question").await?;
        // An official writes for the own ministry, preselected.
        page.wait_text("#factsheet-ministry option:checked", "OCW").await?;
        page.click(".factsheet-form button[type=submit]").await?;
        page.find(".field-error[data-field=question]").await?;
        ensure!(
            page.attr("#factsheet-question", "aria-invalid").await?.as_deref() == Some("true"),
            "the question field is not marked invalid"
        );

        page.fill("#factsheet-question", question).await?;
        page.fill("#factsheet-answer", answer).await?;
        page.click("#factsheet-themes-leren_in_de_praktijk").await?;
        page.click(".factsheet-form button[type=submit]").await?;
        let path = page
            .wait_path(
                |p| p.starts_with("/factsheets/") && !p.ends_with("/nieuw"),
                "the new factsheet's page",
            )
            .await?;
        page.wait_text(".factsheet h1", question).await?;
        page.wait_text(".factsheet-state [data-status]", "Concept").await?;

        // It is listed among the drafts, and not (yet) for visitors.
        page.click(".factsheet a[href='/factsheets']").await?;
        page.wait_text(".factsheet-drafts .factsheet-list", question).await?;
        page.click(&format!(".factsheet-drafts a[href='{path}']")).await?;

        page.click("[data-action=publish-factsheet]").await?;
        page.wait_text(".publish-outcome .notice.success", "versie 1").await?;
        page.wait_text(".factsheet-state [data-status]", "Gepubliceerd").await?;
        // Publishing again without a change makes no new version, and says so.
        page.click("[data-action=publish-factsheet]").await?;
        page.wait_text("[data-problem=unchanged]", "niets gewijzigd").await?;
        page.check_accessibility("factsheet published, then nothing to publish").await?;

        // A revision stays a draft until it is published as the next version.
        let revised = format!("{answer} Leg de begeleiding vast in de leerovereenkomst.");
        page.click("[data-action=edit-factsheet]").await?;
        page.wait_path(|p| p.ends_with("/bewerken"), "the edit form").await?;
        page.fill("#factsheet-answer", &revised).await?;
        page.click(".factsheet-form button[type=submit]").await?;
        page.wait_path(|p| p == path, "the factsheet's page").await?;
        page.wait_text(".factsheet-state", "nog niet gepubliceerd").await?;
        page.click("[data-action=publish-factsheet]").await?;
        page.wait_text(".publish-outcome .notice.success", "versie 2").await?;

        // A visitor, logged out, finds it in the list and reads the answer.
        page.click(".logout").await?;
        page.wait_gone(".logout").await?;
        page.goto("/factsheets").await?;
        page.wait_text(".factsheet-list", question).await?;
        ensure!(!page.exists(".logout").await?, "still logged in");
        ensure!(
            !page.exists("[data-action=new-factsheet]").await?,
            "a visitor is offered to write a factsheet"
        );
        page.click(&format!(".factsheet-list a[href='{path}']")).await?;
        page.wait_text(".factsheet h1", question).await?;
        page.wait_text(".factsheet .answer", &revised).await?;
        page.check_accessibility("a published factsheet read logged out").await?;
        ensure!(
            !page.exists("[data-action=publish-factsheet]").await?,
            "a visitor is offered to publish"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_visitor_reads_the_published_parts_without_logging_in() {
    scenario("public_pages", async |e2e| {
        let page = &e2e.page;
        let token = e2e.server.token(ADMIN.0, ADMIN.1).await?;
        let (_, _, summary) = e2e
            .server
            .api(Method::GET, "/agenda-summaries?region=twente", &token, &[], None)
            .await?;
        let twente = &summary["items"][0];
        let actions = twente["actions"].as_u64().context("actions")?;
        ensure!(actions > 0, "Twente has no demo actions: {twente}");

        // The overview: every region with its agenda in counts and a key figure.
        page.goto("/").await?;
        page.find(".region-card[data-region=twente] [data-key=latest]").await?;
        page.wait_text(
            ".region-card[data-region=twente] [data-open-barriers]",
            &twente["open_barriers"].to_string(),
        )
        .await?;
        ensure!(!page.exists("#login-email").await?, "the overview asks to log in");
        ensure!(
            !page.exists(".main-nav a[href='/belemmeringen']").await?,
            "a visitor is offered the barrier board, which the API refuses"
        );
        // The first page downloads the app's frame and its own part, not the
        // code of pages not visited; a region page's part comes when it is shown.
        let loaded = |modules: &[String], page: &str| {
            modules
                .iter()
                .any(|name| name.starts_with(&format!("split___{page}_view_")))
        };
        let modules = page.loaded_modules().await?;
        ensure!(
            modules.iter().any(|name| name.starts_with("zorgpact_web_bg-")) && loaded(&modules, "overview"),
            "the overview did not load the main module and its own part: {modules:?}"
        );
        ensure!(
            !loaded(&modules, "region") && !loaded(&modules, "barrier"),
            "the overview loaded other pages' code: {modules:?}"
        );

        // A region: pact, partners, the agenda in counts and the charts; no action
        // list and no tickets, which need a login.
        page.click(".region-card[data-region=twente] h2 a").await?;
        page.wait_text(".agenda-summary [data-summary=actions] dd", &actions.to_string())
            .await?;
        page.find(".partners li").await?;
        page.find(".indicator-chart svg").await?;
        ensure!(!page.exists(".actions-table").await?, "a visitor sees the action list");
        ensure!(!page.exists(".barrier-list").await?, "a visitor sees the tickets");
        ensure!(!page.exists(".notice.error").await?, "a public part failed to load");
        let modules = page.loaded_modules().await?;
        ensure!(
            loaded(&modules, "region"),
            "the region page's part was not loaded: {modules:?}"
        );

        // The national monitor: national figures with their coverage, and the map,
        // whose tiles are links to the regions, with the same figures in a table.
        page.click(".main-nav a[href='/monitor']").await?;
        page.wait_text(".national-figures tbody tr[data-indicator=side_entrants]", "regio")
            .await?;
        page.find(".tile-map .tile[data-region=twente] a").await?;
        page.find(".map-legend li .swatch").await?;
        // Each region's latest value against its target: that period's or the next one set.
        page.wait_text(".region-figures tbody tr[data-region=twente]", "(20")
            .await?;
        page.select("#map-indicator", "sick_leave").await?;
        page.wait_text(".tile-map figcaption", "Ziekteverzuim").await?;
        page.check_accessibility("national monitor, sick leave").await?;
        page.click(".tile-map .tile[data-region=zeeland] a").await?;
        page.wait_path(|path| path == "/regio/zeeland", "the region of the tile")
            .await?;

        // Logging in through the header's link leads to the overview, signed in.
        page.click("a.login-link").await?;
        page.login(TWENTE.0, TWENTE.1).await?;
        page.wait_path(|path| path == "/", "the overview after logging in")
            .await?;
        page.find(".main-nav a[href='/belemmeringen']").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn coordinator_archives_an_action_and_restores_it_from_the_archive() {
    scenario("archive_and_restore_action", async |e2e| {
        let page = &e2e.page;
        let id = twente_action_via_api(e2e, "Tijdelijk stilgelegd: nachtdiensten delen").await?;
        let row = format!(".actions-table tr[data-action-id='{id}']");
        login_as_twente(e2e).await?;
        page.goto(&format!("/acties/{id}")).await?;

        // Archiving asks first, in a modal dialog that takes the focus.
        page.click("[data-action=archive-action]").await?;
        page.find("dialog.confirm[open]").await?;
        page.wait_focus("dialog.confirm [data-action=cancel-archive]").await?;
        page.check_accessibility("archive confirmation").await?;
        page.click("[data-action=cancel-archive]").await?;
        page.wait_gone("dialog.confirm[open]").await?;
        ensure!(
            !page.exists(".action-summary [data-archived]").await?,
            "cancelling archived the action"
        );
        page.click("[data-action=archive-action]").await?;
        page.click("[data-action=confirm-archive]").await?;
        page.wait_text("[data-notice=archiving]", "gearchiveerd").await?;
        page.wait_focus("[data-notice=archiving]").await?;
        page.find(".action-summary [data-archived=true]").await?;
        page.find("[data-action=restore-action]").await?;
        ensure!(
            !page.exists("[data-action=edit-action], .progress-form").await?,
            "an archived action still offers changes"
        );

        // It left the agenda and is found in the archive.
        page.goto("/regio/twente").await?;
        page.find(".actions-table").await?;
        ensure!(!page.exists(&row).await?, "the archived action is still on the agenda");
        page.click("#filter-archived").await?;
        page.wait_path(|p| p.contains("archief=true"), "the archive's URL")
            .await?;
        page.find(&format!("{row} .badge-archived")).await?;
        page.click(&format!("{row} a")).await?;
        page.click("[data-action=restore-action]").await?;
        page.wait_text("[data-notice=archiving]", "weer op de agenda").await?;
        page.wait_gone(".action-summary [data-archived]").await?;
        page.find("[data-action=edit-action]").await?;
        page.goto("/regio/twente").await?;
        page.find(&row).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn coordinator_sets_a_target_and_edits_it() {
    scenario("indicator_target", async |e2e| {
        let page = &e2e.page;
        login_as_twente(e2e).await?;
        page.goto("/regio/twente").await?;
        let row = "[data-section=targets] tr[data-target='side_entrants/2027']";

        // A period of the wrong type is the API's field error, at the field.
        page.select("#target-indicator", "side_entrants").await?;
        page.fill("#target-period", "2027-Q1").await?;
        page.fill("#target-value", "2100").await?;
        page.click(".target-form button[type=submit]").await?;
        page.find(".target-form .field-error[data-field=period]").await?;
        page.check_accessibility("target form with a field error").await?;

        page.fill("#target-period", "2027").await?;
        page.fill("#target-note", "Regionaal actieplan 2025-2027").await?;
        page.click(".target-form button[type=submit]").await?;
        page.find(".target-form .notice.success").await?;
        page.wait_text(row, "2.100").await?;
        page.wait_text(row, "Regionaal actieplan").await?;

        // Editing it fills the form; saving replaces the version shown.
        page.click(&format!("{row} [data-action=edit-target]")).await?;
        page.wait_focus("#target-value").await?;
        page.wait_text(".target-form .replaces", "2.100").await?;
        page.fill("#target-value", "2200").await?;
        page.click(".target-form button[type=submit]").await?;
        page.wait_text(row, "2.200").await?;
        ensure!(
            page.find_all("[data-section=targets] tr[data-target^='side_entrants/2027']")
                .await?
                .len()
                == 1,
            "the edit added a second target"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn filters_live_in_the_url_through_reloads_and_back() {
    scenario("filters_in_the_url", async |e2e| {
        let page = &e2e.page;
        page.goto("/").await?;
        page.login(ANALYST.0, ANALYST.1).await?;
        page.goto("/belemmeringen").await?;
        page.find(".status-column").await?;

        page.select("#barrier-filter-ministry", "VWS").await?;
        page.wait_path(|p| p.contains("ministerie=VWS"), "filtered by VWS")
            .await?;
        page.click("#barrier-overdue").await?;
        let filtered = page
            .wait_path(
                |p| p.contains("ministerie=VWS") && p.contains("over_tijd=true"),
                "VWS and overdue",
            )
            .await?;
        page.wait_gone(".status-column li:not([data-overdue])").await?;
        let count = page.find(".barrier-count").await?.text().await?;

        // The URL alone brings the same view back.
        page.reload().await?;
        page.wait_text("#barrier-filter-ministry option:checked", "VWS").await?;
        page.wait_text(".barrier-count", &count).await?;
        ensure!(
            page.script("return document.getElementById('barrier-overdue').checked", vec![])
                .await?
                == serde_json::Value::Bool(true),
            "the overdue filter is off after a reload of {filtered}"
        );

        // Back undoes the last choice, not the one before.
        page.back().await?;
        page.wait_path(|p| p.contains("ministerie=VWS") && !p.contains("over_tijd"), "VWS only")
            .await?;
        page.wait_until(
            "!document.getElementById('barrier-overdue').checked",
            "the overdue filter off",
        )
        .await?;
        page.wait_text("#barrier-filter-ministry option:checked", "VWS").await?;

        // The agenda sorts, and a sorting is a link too.
        page.goto("/regio/midden-en-zuid-gelderland").await?;
        page.find(".actions-table").await?;
        page.click(".actions-table button.sort[data-sort=voortgang]").await?;
        page.wait_path(|p| p.contains("sorteer=voortgang"), "sorted by progress")
            .await?;
        page.click(".actions-table button.sort[data-sort=voortgang]").await?;
        page.wait_path(|p| p.contains("sorteer=-voortgang"), "sorted by progress, descending")
            .await?;
        page.wait_attr(
            ".actions-table th:has(button[data-sort=voortgang])",
            "aria-sort",
            "descending",
        )
        .await?;
        page.fill("#filter-search", "zzz").await?;
        page.wait_path(|p| p.contains("zoek=zzz"), "the search in the URL")
            .await?;
        page.back().await?;
        page.wait_path(
            |p| p.contains("sorteer=voortgang") && !p.contains("zoek"),
            "the ascending sorting",
        )
        .await?;
        page.wait_attr(
            ".actions-table th:has(button[data-sort=voortgang])",
            "aria-sort",
            "ascending",
        )
        .await?;
        Ok(())
    })
    .await;
}

/// The check every scenario ends with (no Content Security Policy violation)
/// sees one: an inline script and an inline style smuggled into the page are
/// refused by the browser and reported, and the script never ran.
#[tokio::test]
async fn a_content_security_policy_violation_is_detected() {
    scenario("csp_violation_detected", async |e2e| {
        let page = &e2e.page;
        page.goto("/").await?;
        page.find("main h1").await?;
        ensure!(
            page.take_csp_violations().await?.is_empty(),
            "the overview itself breaks the Content Security Policy"
        );
        page.script(
            "const script = document.createElement('script');
             script.textContent = 'window.cspBroken = true;';
             document.body.appendChild(script);
             const style = document.createElement('style');
             style.textContent = 'body { outline: 1px solid red; }';
             document.head.appendChild(style);",
            vec![],
        )
        .await?;
        let ran = page.script("return window.cspBroken === true;", vec![]).await?;
        ensure!(ran == json!(false), "the inline script ran despite the policy");
        let violations = page.take_csp_violations().await?;
        let about = |what: &str| violations.iter().any(|v| v.contains(what));
        ensure!(
            about("inline script") && about("inline style"),
            "the inline script and style were not both reported: {violations:?}"
        );
        eprintln!(
            "csp: {} violation(s) reported for the injected inline script and style",
            violations.len()
        );
        Ok(())
    })
    .await;
}
