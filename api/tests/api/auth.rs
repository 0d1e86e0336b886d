//! Logging in and out, token rotation, brute-force limits, and the token checks:
//! tampered, expired, foreign and unsigned tokens are refused.

use crate::helpers::{TestApp, Who, client_credentials_grant, expect_problem, password_grant, spawn_app, test_keys};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use zorgpact_api::auth::tokens::{AUDIENCE, Claims, ISSUER};
use zorgpact_contract::auth::TokenRequest;

async fn me_with(app: &TestApp, bearer: &str) -> reqwest::Response {
    app.anonymous
        .get(app.url("/api/v1/me"))
        .header("Authorization", bearer)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_demo_coordinator_logs_in_and_sees_who_they_are() {
    let app = spawn_app().await;
    let response = app
        .log_in("Coordinator.Twente@zorgpact.demo", "demo-coordinator-2026")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let tokens: Value = response.json().await.expect("json");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    assert!(tokens["refresh_token"].is_string());

    let me: Value = me_with(
        &app,
        &format!("Bearer {}", tokens["access_token"].as_str().expect("token")),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(me["role"], "coordinator");
    assert_eq!(me["regions"], json!(["twente"]));
    let grants = me["grants"].as_array().expect("grants");
    assert!(
        grants.contains(&json!({"permission": "actions:write", "regions": ["twente"]})),
        "{grants:?}"
    );
    assert!(!grants.iter().any(|g| g["permission"] == "administer"));
}

#[tokio::test]
async fn every_demo_role_can_log_in() {
    let app = spawn_app().await;
    for (user, password, role) in [
        ("admin@zorgpact.demo", "demo-admin-2026", "admin"),
        ("official.vws@zorgpact.demo", "demo-official-2026", "official"),
        ("analyst@zorgpact.demo", "demo-analyst-2026", "analyst"),
    ] {
        let tokens: Value = app.log_in(user, password).await.json().await.expect("json");
        let me: Value = me_with(
            &app,
            &format!("Bearer {}", tokens["access_token"].as_str().expect("token")),
        )
        .await
        .json()
        .await
        .expect("json");
        assert_eq!(me["role"], role);
    }
    let partner = app
        .request_token(&client_credentials_grant("demo-dashboard-twente", "demo-partner-2026"))
        .await;
    assert_eq!(partner.status(), 200);
    let tokens: Value = partner.json().await.expect("json");
    assert!(
        tokens["refresh_token"].is_null(),
        "partner systems log in again instead of refreshing"
    );
    let me: Value = me_with(
        &app,
        &format!("Bearer {}", tokens["access_token"].as_str().expect("token")),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(me["role"], "partner");
    assert!(
        me["scopes"]
            .as_array()
            .expect("scopes")
            .contains(&json!("indicator-values:write"))
    );
}

#[tokio::test]
async fn wrong_credentials_are_refused_alike() {
    let app = spawn_app().await;
    let wrong_password = expect_problem(app.log_in("analyst@zorgpact.demo", "not-the-password").await, 401).await;
    let unknown_user = expect_problem(app.log_in("nobody@zorgpact.demo", "whatever-password").await, 401).await;
    assert_eq!(
        wrong_password["detail"], unknown_user["detail"],
        "no hint which part was wrong"
    );
    let without_password = TokenRequest {
        password: None,
        ..password_grant("analyst@zorgpact.demo", "")
    };
    let missing = expect_problem(app.request_token(&without_password).await, 422).await;
    assert_eq!(missing["errors"][0]["pointer"], "/password");
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..5 {
        expect_problem(app.log_in("analyst@zorgpact.demo", "guess-guess-guess").await, 401).await;
    }
    let blocked = app.log_in("analyst@zorgpact.demo", "demo-analyst-2026").await;
    assert_eq!(
        blocked.status(),
        429,
        "even the right password waits once the account is locked"
    );
    let retry_after: u64 = blocked.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    expect_problem(blocked, 429).await;
    // Another account from the same address is not locked yet (its limit is higher).
    assert_eq!(app.log_in("admin@zorgpact.demo", "demo-admin-2026").await.status(), 200);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_login() {
    let app = spawn_app().await;
    let first: Value = app
        .log_in("admin@zorgpact.demo", "demo-admin-2026")
        .await
        .json()
        .await
        .expect("json");
    let refresh = |tokens: &Value| {
        let token = tokens["refresh_token"].as_str().expect("a refresh token").to_owned();
        let app = &app;
        async move { app.post_refresh_token("/api/v1/auth/refresh", &token).await }
    };
    let second = refresh(&first).await;
    assert_eq!(second.status(), 200);
    let second: Value = second.json().await.expect("json");
    assert_ne!(second["refresh_token"], first["refresh_token"]);

    // The first token was used: presenting it again is a replay.
    expect_problem(refresh(&first).await, 401).await;
    // ... which revoked the whole family, the rotated token included.
    expect_problem(refresh(&second).await, 401).await;
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = spawn_app().await;
    let tokens: Value = app
        .log_in("analyst@zorgpact.demo", "demo-analyst-2026")
        .await
        .json()
        .await
        .expect("json");
    let refresh_token = tokens["refresh_token"].as_str().expect("a refresh token");
    let logout = app.post_refresh_token("/api/v1/auth/logout", refresh_token).await;
    assert_eq!(logout.status(), 204);
    let refreshed = app.post_refresh_token("/api/v1/auth/refresh", refresh_token).await;
    expect_problem(refreshed, 401).await;
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn claims(iss: &str, aud: &str, iat: u64, exp: u64) -> Claims {
    Claims {
        iss: iss.into(),
        aud: aud.into(),
        sub: "user:admin".into(),
        iat,
        exp,
        name: "Admin".into(),
        role: "admin".into(),
        regions: vec![],
        ministry: None,
        scopes: vec![],
    }
}

fn unsigned_token(alg: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
    let payload =
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims(ISSUER, AUDIENCE, now(), now() + 600)).expect("json"));
    format!("{header}.{payload}.")
}

#[tokio::test]
async fn bad_tokens_get_401_everywhere() {
    let app = spawn_app().await;
    let keys = test_keys();
    let valid = keys.sign(&claims(ISSUER, AUDIENCE, now(), now() + 600)).expect("token");
    let mut tampered = valid.clone();
    // Flip one character of the payload: the signature no longer matches.
    let at = valid.find('.').expect("dot") + 5;
    tampered.replace_range(at..=at, if &valid[at..=at] == "A" { "B" } else { "A" });
    let hs512 = {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS512","typ":"JWT"}"#);
        let rest = valid.split_once('.').expect("dot").1;
        format!("{header}.{rest}")
    };
    let cases = [
        ("tampered", tampered),
        (
            "expired",
            keys.sign(&claims(ISSUER, AUDIENCE, now() - 7200, now() - 3600))
                .expect("token"),
        ),
        (
            "wrong audience",
            keys.sign(&claims(ISSUER, "another-api", now(), now() + 600))
                .expect("token"),
        ),
        (
            "wrong issuer",
            keys.sign(&claims("someone-else", AUDIENCE, now(), now() + 600))
                .expect("token"),
        ),
        ("alg none", unsigned_token("none")),
        ("alg RS256 (algorithm confusion)", unsigned_token("RS256")),
        ("alg header swapped to HS512", hs512),
        ("not a JWT", "hello".into()),
    ];
    assert_eq!(
        me_with(&app, &format!("Bearer {valid}")).await.status(),
        200,
        "the untampered token works"
    );
    for (what, token) in cases {
        let bearer = format!("Bearer {token}");
        let me = me_with(&app, &bearer).await;
        assert_eq!(me.status(), 401, "{what} on /me");
        assert!(
            me.headers()["www-authenticate"]
                .to_str()
                .expect("ascii")
                .starts_with("Bearer")
        );
        let public = app
            .anonymous
            .get(app.url("/api/v1/regions"))
            .header("Authorization", &bearer)
            .send()
            .await
            .expect("request");
        assert_eq!(
            public.status(),
            401,
            "{what} on a public read: a broken token is never ignored"
        );
    }
    let wrong_scheme = app
        .anonymous
        .get(app.url("/api/v1/me"))
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .send()
        .await
        .expect("request");
    expect_problem(wrong_scheme, 401).await;
    expect_problem(
        app.anonymous.get(app.url("/api/v1/me")).send().await.expect("request"),
        401,
    )
    .await;
}

#[tokio::test]
async fn me_describes_each_test_identity() {
    let app = spawn_app().await;
    for who in Who::ALL {
        let me: Value = me_with(&app, &who.bearer()).await.json().await.expect("json");
        assert_eq!(me["role"], who.principal().role.as_str(), "{who:?}");
    }
}
