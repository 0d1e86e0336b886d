//! Browser sessions: the refresh token only as an `HttpOnly` cookie, rotated on
//! each refresh, revoked and cleared on logout, guarded against cross-site
//! requests; and the rotation of the signing key across restarts.

use std::collections::BTreeSet;

use serde_json::Value;
use zorgpact_api::auth::TokenKeys;
use zorgpact_api::http::security::HttpSecurity;

use crate::helpers::{
    TEST_SECRET, TestApp, expect_problem, json_body, me_with, refresh_cookie, set_cookies, spawn_app,
    spawn_app_with_security, test_keys, test_webhooks,
};

const REFRESH: &str = "/api/v1/auth/refresh";
const LOGOUT: &str = "/api/v1/auth/logout";

async fn log_in_analyst(app: &TestApp) -> reqwest::Response {
    let response = app.log_in("analyst@zorgpact.demo", "demo-analyst-2026").await;
    assert_eq!(response.status(), 200);
    response
}

/// A `Set-Cookie` value as its name=value and its set of attributes.
fn parsed(cookie: &str) -> (String, BTreeSet<String>) {
    let mut parts = cookie.split(';').map(|part| part.trim().to_owned());
    let pair = parts.next().unwrap_or_default();
    (pair, parts.collect())
}

fn attributes(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|a| (*a).to_owned()).collect()
}

async fn who_am_i(app: &TestApp, access_token: &str) -> reqwest::Response {
    me_with(app, &format!("Bearer {access_token}")).await
}

#[tokio::test]
async fn a_users_refresh_token_comes_only_as_a_strict_cookie_for_refresh_and_logout() {
    let app = spawn_app().await;
    let login = log_in_analyst(&app).await;
    let token = refresh_cookie(&login);
    let cookies = set_cookies(&login);
    assert_eq!(cookies.len(), 2, "one cookie per path: {cookies:?}");
    for (cookie, path) in cookies.iter().zip([REFRESH, LOGOUT]) {
        let (pair, attrs) = parsed(cookie);
        assert_eq!(pair, format!("zorgpact_refresh={token}"));
        assert_eq!(
            attrs,
            attributes(&[
                "HttpOnly",
                "Secure",
                "SameSite=Strict",
                &format!("Path={path}"),
                "Max-Age=1209600",
            ]),
            "{cookie}"
        );
    }
    let body = json_body(login).await;
    assert!(
        body.get("refresh_token").is_none(),
        "no refresh token a script could read: {body}"
    );
    assert_eq!(
        who_am_i(&app, body["access_token"].as_str().expect("token"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn refreshing_through_the_cookie_rotates_it_and_a_reused_one_revokes_the_login() {
    let app = spawn_app().await;
    let first = refresh_cookie(&log_in_analyst(&app).await);

    let refreshed = app.post_refresh_cookie(REFRESH, Some(&first)).await;
    assert_eq!(refreshed.status(), 200);
    assert_eq!(refreshed.headers()["cache-control"], "no-store");
    let second = refresh_cookie(&refreshed);
    assert_ne!(second, first, "the cookie is rotated");
    let tokens: Value = json_body(refreshed).await;
    assert!(tokens.get("refresh_token").is_none());
    let me: Value = json_body(who_am_i(&app, tokens["access_token"].as_str().expect("token")).await).await;
    assert_eq!(me["role"], "analyst");

    // The first cookie was used: presenting it again is a replay...
    let replay = app.post_refresh_cookie(REFRESH, Some(&first)).await;
    assert!(set_cookies(&replay).is_empty(), "a refused refresh sets no cookie");
    expect_problem(replay, 401).await;
    // ... which revoked the whole login, the rotated cookie included.
    expect_problem(app.post_refresh_cookie(REFRESH, Some(&second)).await, 401).await;
    // Without any cookie: 401 as well.
    expect_problem(app.post_refresh_cookie(REFRESH, None).await, 401).await;
}

#[tokio::test]
async fn logout_revokes_the_token_and_clears_the_cookie() {
    let app = spawn_app().await;
    let token = refresh_cookie(&log_in_analyst(&app).await);
    let logout = app.post_refresh_cookie(LOGOUT, Some(&token)).await;
    assert_eq!(logout.status(), 204);
    let cleared = set_cookies(&logout);
    assert_eq!(cleared.len(), 2, "{cleared:?}");
    for (cookie, path) in cleared.iter().zip([REFRESH, LOGOUT]) {
        let (pair, attrs) = parsed(cookie);
        assert_eq!(pair, "zorgpact_refresh=");
        assert!(attrs.contains("Max-Age=0"), "{cookie}");
        assert!(attrs.contains(&format!("Path={path}")), "{cookie}");
    }
    expect_problem(app.post_refresh_cookie(REFRESH, Some(&token)).await, 401).await;
    // A retried logout, or one without a cookie, is harmless.
    assert_eq!(app.post_refresh_cookie(LOGOUT, Some(&token)).await.status(), 204);
    assert_eq!(app.post_refresh_cookie(LOGOUT, None).await.status(), 204);
}

/// `POST path` with the refresh cookie and these extra headers, no CSRF header unless given.
async fn post_with_cookie(app: &TestApp, path: &str, token: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app
        .anonymous
        .post(app.url(path))
        .header("Cookie", format!("zorgpact_refresh={token}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request")
}

#[tokio::test]
async fn cookie_calls_without_the_csrf_header_or_from_another_site_are_forbidden() {
    let dashboard = "https://dashboard.example.nl";
    let app = spawn_app_with_security(HttpSecurity {
        cors_origins: vec![dashboard.into()],
        ..HttpSecurity::default()
    })
    .await;
    let token = refresh_cookie(&log_in_analyst(&app).await);
    for path in [REFRESH, LOGOUT] {
        for (what, headers) in [
            ("no CSRF header", vec![]),
            ("a CSRF header of another value", vec![("X-Zorgpact-CSRF", "0")]),
            (
                "a page of another site",
                vec![("X-Zorgpact-CSRF", "1"), ("Origin", "https://evil.example")],
            ),
        ] {
            let refused = post_with_cookie(&app, path, &token, &headers).await;
            assert!(set_cookies(&refused).is_empty(), "{what} on {path}");
            let problem = expect_problem(refused, 403).await;
            assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()), "{what}");
        }
    }
    // Nothing of that used or revoked the token: the app's own page refreshes.
    let own_origin = app.base_url.clone();
    let own = post_with_cookie(
        &app,
        REFRESH,
        &token,
        &[("X-Zorgpact-CSRF", "1"), ("Origin", &own_origin)],
    )
    .await;
    assert_eq!(own.status(), 200);
    // A configured origin passes the origin check too.
    let next = refresh_cookie(&own);
    let configured = post_with_cookie(&app, REFRESH, &next, &[("X-Zorgpact-CSRF", "1"), ("Origin", dashboard)]).await;
    assert_eq!(configured.status(), 200);
}

#[tokio::test]
async fn partner_systems_keep_bearer_tokens_without_cookies() {
    let app = spawn_app().await;
    let response = app
        .request_token(&crate::helpers::client_credentials_grant(
            "demo-dashboard-twente",
            "demo-partner-2026",
        ))
        .await;
    assert_eq!(response.status(), 200);
    assert!(set_cookies(&response).is_empty(), "{:?}", set_cookies(&response));
    let tokens: Value = json_body(response).await;
    assert!(tokens.get("refresh_token").is_none());
    let me: Value = json_body(who_am_i(&app, tokens["access_token"].as_str().expect("token")).await).await;
    assert_eq!(me["role"], "partner", "the bearer token works as before");
    // A partner's bearer token does not stand in for the refresh cookie.
    let refresh = app
        .anonymous
        .post(app.url(REFRESH))
        .header("X-Zorgpact-CSRF", "1")
        .bearer_auth(tokens["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("request");
    expect_problem(refresh, 401).await;
}

const NEW_SECRET: &[u8] = b"zorgpact-test-signing-key-the-next-one-0123";

#[tokio::test]
async fn a_rotated_key_is_accepted_while_it_is_the_previous_one_and_refused_after() {
    let app = spawn_app().await;
    let login = log_in_analyst(&app).await;
    let cookie = refresh_cookie(&login);
    let old_token = json_body(login).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();

    // Step 1 of a rotation: a new key signs, the old one is the previous one.
    let rotating = TokenKeys::from_secret(NEW_SECRET)
        .expect("key")
        .with_previous(TEST_SECRET)
        .expect("key");
    let app = app.restart_with_keys(test_webhooks(), rotating).await;
    assert_eq!(
        who_am_i(&app, &old_token).await.status(),
        200,
        "the previous key's token"
    );
    // A session refreshed now gets a token of the new key.
    let refreshed = app.post_refresh_cookie(REFRESH, Some(&cookie)).await;
    assert_eq!(refreshed.status(), 200);
    let new_token = json_body(refreshed).await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(who_am_i(&app, &new_token).await.status(), 200);
    assert_ne!(kid_of(&new_token), kid_of(&old_token));

    // Step 2: the previous key is dropped; its tokens are refused.
    let app = app
        .restart_with_keys(test_webhooks(), TokenKeys::from_secret(NEW_SECRET).expect("key"))
        .await;
    let refused = expect_problem(who_am_i(&app, &old_token).await, 401).await;
    assert!(
        refused["detail"].as_str().is_some_and(|d| d.contains("rotated")),
        "{refused}"
    );
    assert_eq!(
        who_am_i(&app, &new_token).await.status(),
        200,
        "the current key's token"
    );
    // And the old key alone (an instance not yet updated) does not know the new one.
    let old_only = test_keys();
    assert_eq!(kid_of(&old_token), old_only.kid());
}

fn kid_of(token: &str) -> String {
    jsonwebtoken::decode_header(token)
        .expect("a header")
        .kid
        .expect("a key id")
}
