//! Logging in, brute-force limits, and the token checks: tampered, expired,
//! foreign, unsigned tokens and tokens of unknown keys are refused. Refreshing and
//! logging out are in `sessions.rs`.

use crate::helpers::{
    TEST_SECRET, Who, client_credentials_grant, expect_problem, me_with, password_grant, set_cookies, spawn_app,
    test_keys,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use zorgpact_api::auth::tokens::{AUDIENCE, Claims, ISSUER};
use zorgpact_contract::auth::TokenRequest;

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
    assert!(
        set_cookies(&partner).is_empty(),
        "partner systems log in again instead of refreshing"
    );
    let tokens: Value = partner.json().await.expect("json");
    assert_eq!(tokens["token_type"], "Bearer");
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

/// A token signed with the test key but naming `kid` as its key.
fn signed_with_kid(kid: Option<&str>) -> String {
    let header = jsonwebtoken::Header {
        kid: kid.map(str::to_owned),
        ..jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256)
    };
    let claims = claims(ISSUER, AUDIENCE, now(), now() + 600);
    jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_secret(TEST_SECRET)).expect("token")
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
        ("no key id", signed_with_kid(None)),
        (
            "a key id this server does not know",
            signed_with_kid(Some("0123456789abcdef")),
        ),
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
