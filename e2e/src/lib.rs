//! The harness of the browser tests: the real `zorgpact` server on a fresh SQLite
//! database with the demo data, serving the release-built web app, and Debian's
//! headless Chromium driven through chromedriver. Nothing is skipped: a missing
//! browser, server binary or web build fails the test with what to do about it.

mod axe;
mod browser;
pub mod demo;
pub mod pages;
mod paths;
mod reflow;
mod server;

use std::path::PathBuf;
use std::time::Instant;

pub use browser::{Browser, Page};
pub use fantoccini::key::Key;
pub use server::Server;

/// A scenario's world: its own server (fresh database) and its own browser.
pub struct E2e {
    pub server: Server,
    pub page: Page,
}

/// Runs one scenario. On failure the page is saved as `e2e/screenshots/<name>.png`
/// and the test fails with the error and where the screenshot is.
pub async fn scenario(name: &str, body: impl AsyncFnOnce(&E2e) -> anyhow::Result<()>) {
    let started = Instant::now();
    let world = match start().await {
        Ok(world) => world,
        Err(error) => panic!("scenario {name}: could not start: {error:#}"),
    };
    let outcome = match body(&world).await {
        Ok(()) => no_csp_violations(&world.page).await,
        Err(error) => Err(error),
    };
    if let Err(error) = outcome {
        let shot = screenshot_path(name);
        let saved = world.page.save_screenshot(&shot).await;
        let url = world.page.url().await.unwrap_or_default();
        world.page.close().await;
        let saved = match saved {
            Ok(()) => format!("screenshot: {}", shot.display()),
            Err(e) => format!("no screenshot ({e:#})"),
        };
        panic!("scenario {name} failed at {url}: {error:#}\n{saved}");
    }
    world.page.close().await;
    eprintln!(
        "scenario {name}: passed in {:.1}s; axe checked {} page states",
        started.elapsed().as_secs_f64(),
        world.page.accessibility_checks()
    );
}

/// The server sends a strict Content Security Policy (`api/src/http/security.rs`):
/// a scenario fails when the browser refused anything under it while the scenario
/// ran (an inline script or style, a foreign origin), as a user's browser would
/// refuse it too.
async fn no_csp_violations(page: &Page) -> anyhow::Result<()> {
    let violations = page.take_csp_violations().await?;
    if !violations.is_empty() {
        anyhow::bail!(
            "the browser reported {} Content Security Policy violation(s):\n{}",
            violations.len(),
            violations.join("\n")
        );
    }
    Ok(())
}

async fn start() -> anyhow::Result<E2e> {
    let (server, browser) = tokio::join!(Server::start(), Browser::start());
    let server = server?;
    let page = browser?.page(server.base_url());
    Ok(E2e { server, page })
}

fn screenshot_path(name: &str) -> PathBuf {
    paths::workspace_root()
        .join("e2e/screenshots")
        .join(format!("{name}.png"))
}
