//! How the built web app is served: content-hashed assets precompressed and kept
//! for a year, the page that names them revalidated on every load, the app's own
//! routes answered with that page.

use std::fs;

use crate::helpers::{expect_problem, header, spawn_app_serving};

/// A header's value, or "" when the response has none.
fn header_or_empty(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map_or_else(String::new, |value| value.to_str().expect("ascii").to_owned())
}

const INDEX: &str = "<!doctype html><script type=\"module\" src=\"/assets/boot-0123456789abcdef.js\"></script>";
const SCRIPT: &str = "/assets/boot-0123456789abcdef.js";

/// A build as `cargo xtask build-web` leaves it: the stored `.br` and `.gz`
/// forms are marked so a test sees which one was sent.
fn built_app() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("index.html"), INDEX).expect("index");
    let assets = dir.path().join("assets");
    fs::create_dir(&assets).expect("assets");
    fs::write(assets.join("boot-0123456789abcdef.js"), "import init from \"x\";").expect("js");
    fs::write(assets.join("boot-0123456789abcdef.js.br"), "stored brotli").expect("br");
    fs::write(assets.join("boot-0123456789abcdef.js.gz"), "stored gzip").expect("gz");
    dir
}

#[tokio::test]
async fn assets_are_sent_precompressed_as_the_browser_prefers_and_kept_for_a_year() {
    let dir = built_app();
    let app = spawn_app_serving(dir.path()).await;
    let fetch = |accept_encoding: Option<&'static str>| {
        let mut request = app.anonymous.get(app.url(SCRIPT));
        if let Some(value) = accept_encoding {
            request = request.header("Accept-Encoding", value);
        }
        async move { request.send().await.expect("request") }
    };

    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), "br", "stored brotli"),
        (Some("gzip"), "gzip", "stored gzip"),
        (Some("br;q=0.5, gzip;q=0.8"), "gzip", "stored gzip"),
        (Some("br;q=0, gzip;q=0"), "", "import init from \"x\";"),
        (None, "", "import init from \"x\";"),
    ] {
        let response = fetch(accept).await;
        assert_eq!(response.status(), 200, "{accept:?}");
        assert_eq!(header_or_empty(&response, "content-encoding"), encoding, "{accept:?}");
        assert!(header(&response, "content-type").contains("javascript"), "{accept:?}");
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(header(&response, "vary"), "accept-encoding");
        assert_eq!(response.text().await.expect("body"), body, "{accept:?}");
    }
}

#[tokio::test]
async fn the_page_naming_the_assets_is_revalidated_on_every_load() {
    let dir = built_app();
    let app = spawn_app_serving(dir.path()).await;
    for path in ["/", "/index.html", "/regio/twente"] {
        let response = app.anonymous.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
        assert_eq!(response.text().await.expect("body"), INDEX, "{path}");
    }
    let api = app
        .anonymous
        .get(app.url("/api/v1/regions"))
        .send()
        .await
        .expect("request");
    assert_ne!(
        header_or_empty(&api, "cache-control"),
        "no-cache",
        "API responses keep their own policy"
    );
}

#[tokio::test]
async fn only_the_builds_own_asset_names_are_served() {
    let dir = built_app();
    fs::write(dir.path().join("secret.txt"), "not an asset").expect("file");
    let app = spawn_app_serving(dir.path()).await;
    for path in [
        "/assets/missing-0123456789abcdef.js",
        "/assets/..%2Fsecret.txt",
        "/assets/.hidden",
    ] {
        let response = app.anonymous.get(app.url(path)).send().await.expect("request");
        expect_problem(response, 404).await;
    }
}
