//! Screenshots of every page (`zorgpact_e2e::pages`) at laptop and phone width,
//! for looking at the app without clicking through it: `cargo run -p zorgpact-e2e --bin screenshots`
//! (after `cargo xtask build-web` and `cargo build -p zorgpact-api`). They land in
//! `e2e/screenshots/tour/`. Name pages as arguments to take only those.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use zorgpact_e2e::demo::ADMIN;
use zorgpact_e2e::pages::{DemoRecords, SIGNED_IN};
use zorgpact_e2e::{Browser, Server};

/// Longer pages are cut off here.
const MAX_HEIGHT: u32 = 5000;
/// The height of one picture.
const SEGMENT: u32 = 1100;
/// The windows, inside, in CSS pixels: the phone is the narrowest the app must
/// fit without scrolling sideways (WCAG 1.4.10, `e2e/tests/reflow.rs`).
const SIZES: &[(&str, u32, u32)] = &[("laptop", 1280, 900), ("phone", 320, 640)];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots/tour");
    std::fs::create_dir_all(&out)?;
    let (server, browser) = tokio::join!(Server::start(), Browser::start());
    let server = server?;
    let page = browser?.page(server.base_url());
    page.goto("/").await?;
    page.save_screenshot(&out.join("login-laptop.png")).await?;
    page.login(ADMIN.0, ADMIN.1).await?;
    let records = DemoRecords::look_up(&server).await?;
    let only: Vec<String> = std::env::args().skip(1).collect();
    for (width_name, width, height) in SIZES {
        page.set_viewport(*width, *height).await?;
        for stop in SIGNED_IN
            .iter()
            .filter(|stop| only.is_empty() || only.iter().any(|o| o == stop.name))
        {
            let name = stop.name;
            page.goto(&records.path(stop.path)).await?;
            page.find(stop.ready).await.with_context(|| format!("page {name}"))?;
            // Let the last resources land, then grow the window to the whole page.
            tokio::time::sleep(Duration::from_millis(400)).await;
            let full = page
                .script("return document.documentElement.scrollHeight", vec![])
                .await?;
            let full = full.as_u64().map_or(*height, |h| (h as u32).clamp(*height, MAX_HEIGHT));
            // Pictures of at most SEGMENT pixels, so each stays readable.
            page.set_viewport(*width, SEGMENT).await?;
            let mut top = 0;
            let mut part = 1;
            while top < full {
                page.script("window.scrollTo(0, arguments[0])", vec![top.into()])
                    .await?;
                tokio::time::sleep(Duration::from_millis(100)).await;
                page.save_screenshot(&out.join(format!("{name}-{width_name}-{part}.png")))
                    .await?;
                top += SEGMENT - 120;
                part += 1;
            }
            page.set_viewport(*width, *height).await?;
        }
    }
    // A page in English too.
    page.set_viewport(1280, 900).await?;
    page.goto("/").await?;
    page.click(".lang-switch").await?;
    page.wait_text("#overview-title", "All regions").await?;
    page.goto(&records.path("/acties/{action}")).await?;
    page.find(".progress-form").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    page.save_screenshot(&out.join("action-english.png")).await?;
    page.click(".lang-switch").await?;
    page.close().await;
    println!("screenshots in {}", out.display());
    Ok(())
}
