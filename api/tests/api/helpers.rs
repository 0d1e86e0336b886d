//! Test harness: a real server on a free port with its own fresh database (SQLite
//! file or PostgreSQL database, per `ZORGPACT_TEST_BACKEND`).

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;

use std::sync::Arc;

use actix_web::dev::ServerHandle;
use zorgpact_api::auth::TokenKeys;
use zorgpact_api::contract_check::ContractChecker;
use zorgpact_api::{AppState, startup};
use zorgpact_db::testing::{Contents, TestDatabase};
use zorgpact_domain::auth::{Principal, Scope};
use zorgpact_domain::barrier::Ministry;
use zorgpact_domain::user::Role;

pub struct TestApp {
    pub base_url: String,
    /// Sends an admin's token with every request: functional tests act as the
    /// programme team; the authorization tests use [`TestApp::client_as`].
    pub client: reqwest::Client,
    /// Sends no credentials.
    pub anonymous: reqwest::Client,
    server: ServerHandle,
    contract: Arc<ContractChecker>,
    // Dropped last: the database outlives the server using it.
    _database: TestDatabase,
}

impl TestApp {
    /// A client that sends the token of `who`.
    pub fn client_as(&self, who: Who) -> reqwest::Client {
        client_with(Some(who))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting; the runtime ends the rest with the test.
        drop(self.server.stop(false));
        record_coverage(&self.contract.seen());
        let violations = self.contract.violations();
        if !violations.is_empty() && !std::thread::panicking() {
            panic!("responses that break openapi.yaml:\n{}", violations.join("\n"));
        }
    }
}

/// Appends the operations and statuses this server answered to a file per test
/// process, so `cargo xtask test` can report which operations the suite covered.
fn record_coverage(seen: &std::collections::BTreeSet<String>) {
    use std::io::Write;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-coverage");
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let file = dir.join(format!("{}.txt", std::process::id()));
    if let Ok(mut out) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        for line in seen {
            let _ = writeln!(out, "{line}");
        }
    }
}

/// The demo accounts and partner credentials, as test identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Admin,
    /// Coordinator of Twente.
    CoordinatorTwente,
    /// Coordinator of Midden- en Zuid-Gelderland.
    CoordinatorGelderland,
    OfficialVws,
    OfficialOcw,
    Analyst,
    /// Partner system of Twente with `indicator-values:write`, `indicator-values:read`, `actions:read`.
    PartnerTwente,
    /// Partner system of Twente with no scopes.
    PartnerNoScopes,
}

impl Who {
    pub const ALL: [Who; 8] = [
        Who::Admin,
        Who::CoordinatorTwente,
        Who::CoordinatorGelderland,
        Who::OfficialVws,
        Who::OfficialOcw,
        Who::Analyst,
        Who::PartnerTwente,
        Who::PartnerNoScopes,
    ];

    pub fn principal(self) -> Principal {
        let (id, role, regions, ministry, scopes): (&str, Role, &[&str], Option<Ministry>, &[Scope]) = match self {
            Who::Admin => ("user:admin", Role::Admin, &[], None, &[]),
            Who::CoordinatorTwente => ("user:coordinator-twente", Role::Coordinator, &["twente"], None, &[]),
            Who::CoordinatorGelderland => (
                "user:coordinator-gelderland",
                Role::Coordinator,
                &["midden-en-zuid-gelderland"],
                None,
                &[],
            ),
            Who::OfficialVws => ("user:official-vws", Role::Official, &[], Some(Ministry::Vws), &[]),
            Who::OfficialOcw => ("user:official-ocw", Role::Official, &[], Some(Ministry::Ocw), &[]),
            Who::Analyst => ("user:analyst", Role::Analyst, &[], None, &[]),
            Who::PartnerTwente => (
                "partner:demo-dashboard-twente",
                Role::Partner,
                &["twente"],
                None,
                &[
                    Scope::IndicatorValuesWrite,
                    Scope::IndicatorValuesRead,
                    Scope::ActionsRead,
                ],
            ),
            Who::PartnerNoScopes => ("partner:no-scopes", Role::Partner, &["twente"], None, &[]),
        };
        Principal {
            id: id.into(),
            name: format!("{self:?}"),
            role,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            ministry,
            scopes: scopes.to_vec(),
        }
    }

    /// `Bearer <token>` for this identity, signed with the test key.
    pub fn bearer(self) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        format!("Bearer {}", test_keys().issue(&self.principal(), now).expect("token"))
    }
}

fn client_with(who: Option<Who>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if let Some(who) = who {
        headers.insert(reqwest::header::AUTHORIZATION, who.bearer().parse().expect("header"));
    }
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("client")
}

/// The signing key of test servers, so tests can craft their own tokens.
pub const TEST_SECRET: &[u8] = b"zorgpact-test-signing-key-0123456789abcdef";

pub fn test_keys() -> TokenKeys {
    TokenKeys::from_secret(TEST_SECRET).expect("test key")
}

/// A server with the demo data loaded.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(Contents::DemoData).await
}

/// Every response of a test server is checked against the OpenAPI document; a
/// response that breaks it fails the test when the `TestApp` is dropped.
pub async fn spawn_app_with(contents: Contents) -> TestApp {
    let database = TestDatabase::new(contents);
    let db = database.connect();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("address").port();
    let contract = Arc::new(ContractChecker::new());
    let server = startup::serve_checked(
        listener,
        AppState {
            db,
            tokens: test_keys(),
        },
        PathBuf::from("/nonexistent-web-dir"),
        Some(1),
        contract.clone(),
    )
    .expect("server");
    let handle = server.handle();
    tokio::spawn(server);
    TestApp {
        base_url: format!("http://127.0.0.1:{port}"),
        client: client_with(Some(Who::Admin)),
        anonymous: client_with(None),
        server: handle,
        contract,
        _database: database,
    }
}

/// Asserts an RFC 9457 body with the given status and returns it.
pub async fn expect_problem(response: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(response.status().as_u16(), status, "status of {}", response.url());
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert!(
        content_type.starts_with("application/problem+json"),
        "content type {content_type}"
    );
    let body: serde_json::Value = response.json().await.expect("problem body");
    assert_eq!(body["status"], status);
    for field in ["type", "title", "detail"] {
        assert!(body[field].is_string(), "problem has {field}: {body}");
    }
    body
}

/// The JSON body of a response (Null when empty). The server-side contract check
/// has already compared it with the documented schema.
pub async fn json_body(response: reqwest::Response) -> serde_json::Value {
    let bytes = response.bytes().await.expect("body");
    if bytes.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("JSON body")
    }
}
