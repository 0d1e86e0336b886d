//! A coordinator's work with the keyboard alone (WCAG 2.1.1): logging in, creating
//! an action, reporting progress on it, filing a barrier ticket, switching the
//! language and logging out with Tab, Shift+Tab, Enter, Space, the arrow keys and
//! typing, never a click. Along the way: every Tab stop shows its focus (2.4.7),
//! every change of page puts the focus on the new page's heading, saves and
//! refusals are said in the live region (4.1.3), and the charts can be read as
//! tables (1.1.1). The archive confirmation, a modal dialog, keeps the focus
//! until it is closed and then returns it to its button.

use anyhow::{Context, ensure};
use zorgpact_e2e::demo::TWENTE;
use zorgpact_e2e::{E2e, Key, scenario};

#[tokio::test]
async fn a_coordinator_works_with_the_keyboard_alone() {
    scenario("keyboard_workflow", async |e2e| {
        let page = &e2e.page;
        page.goto("/inloggen").await?;
        page.find("#login-email").await?;

        // The skip link is the first stop and takes the focus to the heading.
        page.press(&[Key::Tab]).await?;
        page.wait_focus(".skip-link").await?;
        page.check_focus_visible().await?;
        page.press(&[Key::Enter]).await?;
        page.wait_heading_focus().await?;

        // A refused login is said; then the right password logs in.
        page.tab_to("#login-email").await?;
        page.type_text(TWENTE.0).await?;
        page.tab_to("#login-password").await?;
        page.type_text("wrong-password").await?;
        page.press(&[Key::Enter]).await?;
        page.wait_text("[data-problem=login]", "klopt niet").await?;
        page.shift_tab_to("#login-password").await?;
        page.retype(TWENTE.1).await?;
        page.press(&[Key::Enter]).await?;
        page.find(".logout")
            .await
            .context("Enter in the login form did not log in")?;
        page.wait_heading_focus().await.context("after logging in")?;

        // The region's charts, each with its figures as a table behind a toggle.
        follow(e2e, ".region-card[data-region=twente] h2 a").await?;
        ensure!(
            page.path().await? == "/regio/twente",
            "Enter on the region card did not open Twente"
        );
        open_chart_table(e2e, ".indicator-chart").await?;

        // A new action: saved empty first, which is refused and said.
        follow_back(e2e, "[data-action=new-action]").await?;
        page.tab_to(".action-form button[type=submit]").await?;
        page.press(&[Key::Enter]).await?;
        page.wait_announced("Het formulier bevat fouten").await?;
        page.find(".field-error[data-field=title]").await?;
        page.shift_tab_to("#action-title").await?;
        page.type_text("Leerwerkbanen voor zij-instromers in de thuiszorg")
            .await?;
        page.tab_to("#action-themes-leren_in_de_praktijk").await?;
        page.press(&[Key::Space]).await?;
        page.tab_to("#action-owner").await?;
        page.type_text("ROC van Twente").await?;
        page.tab_to(".action-form button[type=submit]").await?;
        page.press(&[Key::Enter]).await?;
        page.wait_path(
            |p| p.starts_with("/acties/") && !p.ends_with("/nieuw"),
            "the new action's page",
        )
        .await?;
        page.wait_announced("De actie is opgeslagen.").await?;
        page.wait_text(".action-summary h1", "Leerwerkbanen voor zij-instromers")
            .await?;
        page.wait_heading_focus().await.context("after saving the action")?;

        // Progress on it: a number retyped, a status chosen with the arrow keys.
        page.tab_to("#update-progress").await?;
        page.retype("30").await?;
        page.tab_to("#update-status").await?;
        page.arrow_to_option("in_progress").await?;
        page.tab_to("#update-note").await?;
        page.type_text("Eerste cohort gestart.").await?;
        page.tab_to(".progress-form button[type=submit]").await?;
        page.press(&[Key::Enter]).await?;
        page.wait_text(".timeline li", "Eerste cohort gestart.").await?;
        page.wait_announced("De voortgang staat op de tijdlijn.").await?;
        page.wait_text(".action-summary [data-status]", "Bezig").await?;

        // Archiving asks in a modal dialog: the focus starts in it, Tab stays in
        // it (past its last button the focus goes to the browser, never to the
        // page behind), Escape closes it and the focus returns to its button.
        page.tab_to("[data-action=archive-action]").await?;
        page.press(&[Key::Enter]).await?;
        page.wait_focus("dialog.confirm[open] [data-action=cancel-archive]")
            .await?;
        for _ in 0..4 {
            page.press(&[Key::Tab]).await?;
            let in_dialog = page
                .script(
                    "const a = document.activeElement;
                     return a === document.body || a.closest('dialog[open]') !== null;",
                    vec![],
                )
                .await?;
            ensure!(in_dialog == serde_json::Value::Bool(true), "Tab left the open dialog");
        }
        page.press(&[Key::Escape]).await?;
        page.wait_gone("dialog.confirm[open]").await?;
        page.wait_focus("[data-action=archive-action]")
            .await
            .context("the focus did not return to the button that opened the dialog")?;
        ensure!(
            !page.exists("[data-action=restore-action]").await?,
            "Escape archived the action"
        );

        // The explorer's charts have their table too.
        follow_back(e2e, ".main-nav a[href='/indicatoren']").await?;
        open_chart_table(e2e, ".explorer-charts").await?;

        // A barrier ticket, sent with Enter in its title field.
        follow_back(e2e, ".main-nav a[href='/belemmeringen']").await?;
        follow(e2e, "[data-action=file-barrier]").await?;
        page.wait_text("#barrier-region option:checked", "Twente").await?;
        page.tab_to("#barrier-description").await?;
        page.type_text("De stagevergoeding gaat naar één instelling; onze leerwerkbanen lopen bij twee.")
            .await?;
        page.tab_to("#barrier-category").await?;
        page.arrow_to_option("funding").await?;
        page.tab_to("#barrier-ministry").await?;
        page.arrow_to_option("OCW").await?;
        page.shift_tab_to("#barrier-title").await?;
        page.type_text("Stagevergoeding bij een leerwerkbaan in twee instellingen")
            .await?;
        page.press(&[Key::Enter]).await?;
        page.wait_path(
            |p| p.starts_with("/belemmeringen/") && !p.ends_with("/nieuw"),
            "the ticket's page",
        )
        .await?;
        page.wait_announced("De belemmering is ingediend.").await?;
        page.wait_text(".barrier-detail h1", "Stagevergoeding bij een leerwerkbaan")
            .await?;
        page.wait_heading_focus().await.context("after filing the ticket")?;

        // English, with Space on the switch; the focus stays on it.
        page.shift_tab_to(".lang-switch").await?;
        page.press(&[Key::Space]).await?;
        page.wait_attr("html", "lang", "en").await?;
        page.wait_text(".main-nav", "Barrier tickets").await?;
        page.wait_focus(".lang-switch").await?;
        page.check_focus_visible().await?;

        // Logging out leaves the focus on the login page's heading.
        page.tab_to(".logout").await?;
        page.press(&[Key::Enter]).await?;
        page.find("#login-email").await?;
        page.wait_heading_focus().await.context("after logging out")?;
        page.wait_text("main h1", "Log in").await?;
        Ok(())
    })
    .await;
}

/// Tabs to the link `css` and follows it with Enter; the new page's heading
/// takes the focus.
async fn follow(e2e: &E2e, css: &str) -> anyhow::Result<()> {
    e2e.page.tab_to(css).await?;
    enter_link(e2e, css).await
}

/// [`follow`] a link before the focus, with Shift+Tab.
async fn follow_back(e2e: &E2e, css: &str) -> anyhow::Result<()> {
    e2e.page.shift_tab_to(css).await?;
    enter_link(e2e, css).await
}

async fn enter_link(e2e: &E2e, css: &str) -> anyhow::Result<()> {
    let before = e2e.page.path().await?;
    e2e.page.press(&[Key::Enter]).await?;
    e2e.page
        .wait_path(|path| path != before, &format!("another page than {before}"))
        .await?;
    e2e.page
        .wait_heading_focus()
        .await
        .with_context(|| format!("after following `{css}`"))
}

/// Tabs to the first chart's toggle within `within`, opens it with Enter and
/// checks that its table holds figures.
async fn open_chart_table(e2e: &E2e, within: &str) -> anyhow::Result<()> {
    let page = &e2e.page;
    page.find(&format!("{within} .line-chart")).await?;
    let toggle = format!("{within} .chart-data summary");
    page.tab_to(&toggle).await?;
    ensure!(
        page.wait_text(&toggle, "De cijfers als tabel").await.is_ok(),
        "the chart's toggle does not say what it shows"
    );
    page.press(&[Key::Enter]).await?;
    let table = format!("{within} .chart-data[open] table");
    page.find(&format!("{table} tbody tr td")).await?;
    let rows = page.find_all(&format!("{table} tbody tr")).await?;
    ensure!(!rows.is_empty(), "the chart's table has no rows");
    page.wait_text(&format!("{table} caption"), "").await?;
    page.wait_until(
        &format!("[...document.querySelectorAll('{table} td')].some(td => /\\d/.test(td.textContent))"),
        "a figure in the chart's table",
    )
    .await
}
