//! What every response tells the browser about safety, which other sites' pages
//! may call the API (CORS), and whose `X-Forwarded-For` is believed.

use crate::helpers::{TestApp, expect_problem, header, password_grant, spawn_app, spawn_app_with_security};
use zorgpact_api::http::security::{CONTENT_SECURITY_POLICY, HttpSecurity};

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/regions",
        "/api/v1/me",
        "/api/v1/nothing-here",
        "/",
        "/regio/twente",
        "/api/docs/",
        "/health",
    ] {
        let response = app.anonymous.get(app.url(path)).send().await.expect("request");
        assert_eq!(
            header(&response, "content-security-policy"),
            CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(header(&response, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&response, "referrer-policy"), "same-origin", "{path}");
        assert_eq!(header(&response, "x-frame-options"), "DENY", "{path}");
        assert!(
            response.headers().get("strict-transport-security").is_none(),
            "{path}: no HSTS over plain HTTP"
        );
    }
    assert!(CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
    assert!(
        CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "no inline script"
    );
}

const DASHBOARD: &str = "https://dashboard.example.nl";

async fn get_from(app: &TestApp, origin: &str) -> reqwest::Response {
    let request = app.anonymous.get(app.url("/api/v1/regions")).header("Origin", origin);
    request.send().await.expect("request")
}

fn allow_origin(response: &reqwest::Response) -> Option<&str> {
    response
        .headers()
        .get("access-control-allow-origin")
        .and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn only_configured_origins_may_call_the_api_from_a_browser() {
    let app = spawn_app_with_security(HttpSecurity {
        cors_origins: vec![DASHBOARD.into()],
        ..HttpSecurity::default()
    })
    .await;
    let preflight = app
        .anonymous
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/actions"))
        .header("Origin", DASHBOARD)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type, idempotency-key",
        )
        .send()
        .await
        .expect("preflight");
    assert_eq!(preflight.status(), 200);
    assert_eq!(allow_origin(&preflight), Some(DASHBOARD));

    let allowed = get_from(&app, DASHBOARD).await;
    assert_eq!(allowed.status(), 200);
    assert_eq!(allow_origin(&allowed), Some(DASHBOARD));
    let exposed = header(&allowed, "access-control-expose-headers").to_lowercase();
    assert!(exposed.contains("etag") && exposed.contains("location"), "{exposed}");

    let other = get_from(&app, "https://elsewhere.example").await;
    assert_eq!(allow_origin(&other), None, "another site gets no CORS grant");

    // The app's own pages send Origin on their writes: same origin, always allowed.
    let own_origin = app.url("");
    let own = app
        .client
        .post(app.url("/api/v1/indicators/employees/series"))
        .header("Origin", own_origin.trim_end_matches('/'))
        .send()
        .await
        .expect("request");
    assert_ne!(
        own.status(),
        400,
        "the app's own origin is not refused as a foreign one"
    );
}

#[tokio::test]
async fn without_configured_origins_no_site_gets_a_cors_grant() {
    let app = spawn_app().await;
    let response = get_from(&app, DASHBOARD).await;
    assert_eq!(
        response.status(),
        200,
        "the request is answered; the browser withholds it"
    );
    assert_eq!(allow_origin(&response), None);
}

/// 20 failed logins from one client address (MAX_PER_ADDRESS), each for another
/// account so only the address limit counts.
async fn fail_logins_from(app: &TestApp, forwarded_for: &str) {
    for n in 0..20 {
        let body = password_grant(&format!("nobody{n}@example.nl"), "not-the-password");
        let response = login_from(app, forwarded_for, &body).await;
        expect_problem(response, 401).await;
    }
}

async fn login_from(
    app: &TestApp,
    forwarded_for: &str,
    body: &zorgpact_contract::auth::TokenRequest,
) -> reqwest::Response {
    app.anonymous
        .post(app.url("/api/v1/auth/token"))
        .header("X-Forwarded-For", forwarded_for)
        .json(body)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_login_limit_counts_each_client() {
    let app = spawn_app_with_security(HttpSecurity {
        trusted_proxies: vec!["127.0.0.0/8".parse().expect("network")],
        ..HttpSecurity::default()
    })
    .await;
    let analyst = password_grant("analyst@zorgpact.demo", "demo-analyst-2026");
    fail_logins_from(&app, "198.51.100.1").await;
    assert_eq!(
        login_from(&app, "198.51.100.1", &analyst).await.status(),
        429,
        "that client is held back"
    );
    assert_eq!(
        login_from(&app, "198.51.100.2", &analyst).await.status(),
        200,
        "another client is not"
    );
}

#[tokio::test]
async fn from_an_untrusted_peer_x_forwarded_for_is_ignored() {
    let app = spawn_app().await;
    let analyst = password_grant("analyst@zorgpact.demo", "demo-analyst-2026");
    fail_logins_from(&app, "198.51.100.1").await;
    assert_eq!(
        login_from(&app, "198.51.100.2", &analyst).await.status(),
        429,
        "a made-up X-Forwarded-For does not escape the limit"
    );
}
