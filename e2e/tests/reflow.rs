//! Every page fits a narrow window (WCAG 1.4.10, reflow): 320 CSS pixels wide, as
//! on a small phone, and 640, a 1280 pixel laptop window zoomed to 200% (emulated
//! by its width in CSS pixels, see `zorgpact_e2e::reflow`). No page may scroll
//! sideways or cut anything off; wide tables scroll in their own frame. Every
//! page of the tour (`zorgpact_e2e::pages`), logged out and as the programme
//! team, with the charts' tables and other foldouts open; one run reports every
//! page that does not fit before it fails.

use anyhow::{Context, ensure};
use zorgpact_e2e::demo::ADMIN;
use zorgpact_e2e::pages::{DemoRecords, LOGGED_OUT, SIGNED_IN, Stop};
use zorgpact_e2e::{E2e, scenario};

/// The windows: what they stand for, and their inside in CSS pixels.
const WINDOWS: &[(&str, u32, u32)] = &[("320 px wide", 320, 640), ("1280 px wide at 200% zoom", 640, 450)];

#[tokio::test]
async fn every_page_fits_320_pixels_and_200_percent_zoom() {
    scenario("reflow", async |e2e| {
        let records = DemoRecords::look_up(&e2e.server).await?;
        let mut failures = Vec::new();
        visit(e2e, &records, LOGGED_OUT, "a visitor", &mut failures).await?;
        e2e.page.set_viewport(1280, 900).await?;
        e2e.page.goto("/").await?;
        e2e.page.login(ADMIN.0, ADMIN.1).await?;
        visit(e2e, &records, SIGNED_IN, "the programme team", &mut failures).await?;
        ensure!(
            failures.is_empty(),
            "{} page states do not fit their window:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
        Ok(())
    })
    .await;
}

/// Opens each page in each window, with every foldout open, and checks it.
async fn visit(
    e2e: &E2e,
    records: &DemoRecords,
    stops: &[Stop],
    who: &str,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let page = &e2e.page;
    for (window, width, height) in WINDOWS {
        page.set_viewport(*width, *height).await?;
        for stop in stops {
            let path = records.path(stop.path);
            page.goto(&path).await?;
            page.find(stop.ready)
                .await
                .with_context(|| format!("{who} opening the {} page ({path})", stop.name))?;
            page.script(
                "document.querySelectorAll('details').forEach(d => d.open = true)",
                vec![],
            )
            .await?;
            let state = format!("{who}: the {} page, {window}", stop.name);
            if let Err(error) = page.check_reflow(&state).await {
                failures.push(format!("{error:#}"));
            }
        }
    }
    Ok(())
}
