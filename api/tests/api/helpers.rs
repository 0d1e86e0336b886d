//! Test harness: a real server on a free port with its own fresh database (SQLite
//! file or PostgreSQL database, per `ZORGPACT_TEST_BACKEND`).

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;

use std::sync::Arc;

use actix_web::dev::ServerHandle;
use reqwest::Method;
use serde::Serialize;
use serde_json::Value;
use zorgpact_api::auth::TokenKeys;
use zorgpact_api::contract_check::ContractChecker;
use zorgpact_api::http::security::HttpSecurity;
use zorgpact_api::startup::ServerSettings;
use zorgpact_api::webhooks::WebhookSettings;
use zorgpact_api::{AppState, startup};
use zorgpact_contract::action::{
    ActionFieldsRequest, ActionIndicatorRequest, ActionResponse, CreateActionRequest, CreateProgressUpdateRequest,
};
use zorgpact_contract::auth::TokenRequest;
use zorgpact_contract::barrier::{
    BarrierFieldsRequest, BarrierResponse, CommentRequest, CreateBarrierRequest, ServiceTargetRequest,
    TransitionRequest,
};
use zorgpact_contract::codes::{
    ActionLine, ActionStatus, BarrierCategory, BarrierStatus, Direction, IndicatorGroup, Ministry, PeriodType, Rollup,
    Sector, Theme, Unit, ValueStatus,
};
use zorgpact_contract::codes::{InnovationPhase, ReviewRound, ScoreLevel, ScoredAspect};
use zorgpact_contract::indicator::{
    BulkIndicatorTargetsRequest, BulkIndicatorValuesRequest, CreateIndicatorRequest, IndicatorFieldsRequest,
    IndicatorResponse, IndicatorTargetItem, IndicatorTargetRequest, IndicatorValueItem, IndicatorValueRequest,
};
use zorgpact_contract::region::{CreatePartnerRequest, CreateRegionRequest, RegionFieldsRequest, RegionResponse};
use zorgpact_contract::review::{CreateReviewRequest, ReviewParts, ReviewResponse, ReviewScore, ReviewScoresRequest};
use zorgpact_db::Database;
use zorgpact_db::testing::{Contents, TestDatabase};
use zorgpact_domain::auth::{Principal, Scope};
use zorgpact_domain::barrier::workflow::Deadlines;
use zorgpact_domain::user::Role;

pub struct TestApp {
    pub base_url: String,
    /// Sends an admin's token with every request: functional tests act as the
    /// programme team; the authorization tests use [`TestApp::client_as`].
    pub client: reqwest::Client,
    /// Sends no credentials.
    pub anonymous: reqwest::Client,
    server: ServerHandle,
    /// The webhook delivery loop, stopped with the server.
    webhook_worker: tokio::task::JoinHandle<()>,
    contract: Arc<ContractChecker>,
    // Dropped last: the database outlives the server using it. `None` only once
    // handed on to a restarted server.
    database: Option<TestDatabase>,
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

    /// The codes of every region, in code order.
    pub async fn region_codes(&self) -> Vec<String> {
        self.get("/api/v1/regions?limit=200")
            .await
            .json::<zorgpact_contract::RegionListResponse>()
            .await
            .expect("regions")
            .items
            .into_iter()
            .map(|r| r.code)
            .collect()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting; the runtime ends the rest with the test.
        drop(self.server.stop(false));
        self.webhook_worker.abort();
        record_coverage(&self.contract.seen());
        let violations = self.contract.violations();
        if !violations.is_empty() && !std::thread::panicking() {
            panic!("responses that break openapi.yaml:\n{}", violations.join("\n"));
        }
    }
}

/// Appends the operations and statuses this server answered to a file per test
/// process, so `cargo xtask test` can report which operations the suite covered.
/// Under `cargo test` the whole suite is one process whose tests run on several
/// threads, so each server appends its lines in a single write: lines of two
/// servers never interleave.
fn record_coverage(seen: &std::collections::BTreeSet<String>) {
    use std::io::Write;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract-coverage");
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let file = dir.join(format!("{}.txt", std::process::id()));
    let lines: String = seen.iter().map(|line| format!("{line}\n")).collect();
    if let Ok(mut out) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
        let _ = out.write_all(lines.as_bytes());
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
    spawn(contents, Deadlines::default()).await
}

/// A server with the demo data whose barrier workflow counts other periods.
pub async fn spawn_app_with_deadlines(deadlines: Deadlines) -> TestApp {
    spawn(Contents::DemoData, deadlines).await
}

async fn spawn(contents: Contents, barrier_deadlines: Deadlines) -> TestApp {
    start(
        TestDatabase::new(contents),
        barrier_deadlines,
        test_webhooks(),
        NO_WEB_APP.into(),
        HttpSecurity::default(),
    )
    .await
}

/// API tests run without a built web app.
const NO_WEB_APP: &str = "/nonexistent-web-dir";

/// A server with the demo data and these CORS, proxy and HSTS settings.
pub async fn spawn_app_with_security(security: HttpSecurity) -> TestApp {
    let database = TestDatabase::new(Contents::DemoData);
    start(
        database,
        Deadlines::default(),
        test_webhooks(),
        NO_WEB_APP.into(),
        security,
    )
    .await
}

/// A server with the demo data that serves the web app built into `web_dir`.
pub async fn spawn_app_serving(web_dir: &std::path::Path) -> TestApp {
    let database = TestDatabase::new(Contents::DemoData);
    start(
        database,
        Deadlines::default(),
        test_webhooks(),
        web_dir.to_owned(),
        HttpSecurity::default(),
    )
    .await
}

/// Webhooks as tests need them: receivers on loopback, quick polls and retries.
pub fn test_webhooks() -> WebhookSettings {
    WebhookSettings {
        allow_loopback: true,
        poll_every: std::time::Duration::from_millis(100),
        backoff_base: std::time::Duration::from_millis(100),
        timeout: std::time::Duration::from_secs(2),
    }
}

/// A server on `database`, e.g. an SQLite one whichever backend is under test.
pub async fn spawn_app_on(database: TestDatabase) -> TestApp {
    start(
        database,
        Deadlines::default(),
        test_webhooks(),
        NO_WEB_APP.into(),
        HttpSecurity::default(),
    )
    .await
}

/// A server with the demo data and these webhook settings.
pub async fn spawn_app_with_webhooks(webhooks: WebhookSettings) -> TestApp {
    start(
        TestDatabase::new(Contents::DemoData),
        Deadlines::default(),
        webhooks,
        NO_WEB_APP.into(),
        HttpSecurity::default(),
    )
    .await
}

impl TestApp {
    /// The database this server uses.
    pub fn database(&self) -> &TestDatabase {
        self.database.as_ref().expect("a database")
    }

    /// Stops this server and starts another on the same database, as a restart
    /// (or a second instance) would.
    pub async fn restart(self, webhooks: WebhookSettings) -> TestApp {
        self.restart_with_keys(webhooks, test_keys()).await
    }

    /// A restart with other signing keys, as a key rotation does.
    pub async fn restart_with_keys(mut self, webhooks: WebhookSettings, keys: TokenKeys) -> TestApp {
        let database = self.database.take().expect("a database");
        drop(self);
        start_with_keys(
            database,
            Deadlines::default(),
            webhooks,
            NO_WEB_APP.into(),
            HttpSecurity::default(),
            keys,
        )
        .await
    }
}

async fn start(
    database: TestDatabase,
    barrier_deadlines: Deadlines,
    webhooks: WebhookSettings,
    web_dir: PathBuf,
    security: HttpSecurity,
) -> TestApp {
    start_with_keys(database, barrier_deadlines, webhooks, web_dir, security, test_keys()).await
}

async fn start_with_keys(
    database: TestDatabase,
    barrier_deadlines: Deadlines,
    webhooks: WebhookSettings,
    web_dir: PathBuf,
    security: HttpSecurity,
    tokens: TokenKeys,
) -> TestApp {
    let db = database.connect();
    let mut app = launch(db, barrier_deadlines, webhooks, web_dir, security, tokens);
    app.database = Some(database);
    app
}

impl TestApp {
    /// Another server on this one's database, as a second instance behind a load
    /// balancer would be: its own pool and memory, the same data.
    pub fn second_instance(&self) -> TestApp {
        launch(
            self.database().connect(),
            Deadlines::default(),
            test_webhooks(),
            NO_WEB_APP.into(),
            HttpSecurity::default(),
            test_keys(),
        )
    }
}

/// A server on `db`; the caller decides who owns the database.
fn launch(
    db: Database,
    barrier_deadlines: Deadlines,
    webhooks: WebhookSettings,
    web_dir: PathBuf,
    security: HttpSecurity,
    tokens: TokenKeys,
) -> TestApp {
    let webhook_worker = zorgpact_api::webhooks::start_delivery(db.clone(), webhooks);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("address").port();
    let contract = Arc::new(ContractChecker::new());
    let server = startup::serve_checked(
        listener,
        AppState {
            db,
            tokens,
            barrier_deadlines,
            webhooks,
            security,
            figures: Default::default(),
        },
        web_dir,
        ServerSettings {
            workers: Some(1),
            ..ServerSettings::default()
        },
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
        webhook_worker,
        contract,
        database: None,
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
    if status == 401 || status == 403 {
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(is_sentence(detail), "a {status} detail a person can read: {detail:?}");
    }
    body
}

/// A sentence for people: capitalised, ends in a full stop, and no Rust debug
/// output such as `WriteActions { region: "twente" }`, `Some(..)` or `(InvalidToken)`.
pub fn is_sentence(text: &str) -> bool {
    let debug_output = text.contains(['{', '}'])
        || text.contains("Some(")
        || text.contains("None")
        || text.as_bytes().windows(3).any(|w| {
            // `(` followed by a CamelCase word: an enum variant.
            w[0] == b'(' && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase()
        });
    text.chars().next().is_some_and(char::is_uppercase) && text.ends_with('.') && !debug_output
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

// Requests as the admin (`app.client`), with bodies of the contract's types. A
// test that means to send a malformed body passes a `serde_json::Value`.

impl TestApp {
    pub async fn post_json<B: Serialize + ?Sized>(&self, path: &str, body: &B) -> reqwest::Response {
        self.post_json_as(&self.client, path, body).await
    }

    /// A `POST` sent by `client`, e.g. [`TestApp::anonymous`].
    pub async fn post_json_as<B: Serialize + ?Sized>(
        &self,
        client: &reqwest::Client,
        path: &str,
        body: &B,
    ) -> reqwest::Response {
        client.post(self.url(path)).json(body).send().await.expect("request")
    }

    /// A `POST` with an `Idempotency-Key`.
    pub async fn post_json_with_key<B: Serialize + ?Sized>(
        &self,
        path: &str,
        key: &str,
        body: &B,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// A `PUT`, with `If-Match: <tag>` when given.
    pub async fn put_json<B: Serialize + ?Sized>(
        &self,
        path: &str,
        if_match: Option<&str>,
        body: &B,
    ) -> reqwest::Response {
        self.send_json(Method::PUT, path, if_match, body).await
    }

    async fn send_json<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        if_match: Option<&str>,
        body: &B,
    ) -> reqwest::Response {
        let mut request = self.client.request(method, self.url(path)).json(body);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request.send().await.expect("request")
    }

    /// A `DELETE`, with `If-Match: <tag>` when given.
    pub async fn delete(&self, path: &str, if_match: Option<&str>) -> reqwest::Response {
        let mut request = self.client.delete(self.url(path));
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request.send().await.expect("request")
    }

    pub async fn create_action(&self, body: &CreateActionRequest) -> reqwest::Response {
        self.post_json("/api/v1/actions", body).await
    }

    /// The audit entries of one resource, oldest first, as the admin reads them.
    pub async fn audit_trail(&self, resource_type: &str, resource_id: &str) -> Vec<Value> {
        let response = self
            .client
            .get(self.url("/api/v1/audit"))
            .query(&[("resource_type", resource_type), ("resource_id", resource_id)])
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "audit of {resource_type} {resource_id}");
        json_body(response).await["items"].as_array().expect("items").clone()
    }

    /// A client that sends the token of `who`, or none for an anonymous caller.
    pub fn client_for(&self, who: Option<Who>) -> reqwest::Client {
        match who {
            Some(who) => self.client_as(who),
            None => self.anonymous.clone(),
        }
    }
}

/// A copy of `body` changed by `change`, as JSON: a table of bad bodies can hold
/// these next to those of [`with_fields`].
pub fn changed<T: Clone + Serialize>(body: &T, change: impl FnOnce(&mut T)) -> Value {
    let mut body = body.clone();
    change(&mut body);
    serde_json::to_value(body).expect("a JSON body")
}

/// `body` as JSON with `fields` set over it (added where new): for the bodies a
/// test sends on purpose that its type cannot hold, such as a wrong type, an
/// unknown code or an unknown field.
pub fn with_fields(body: &impl Serialize, fields: Value) -> Value {
    let mut json = serde_json::to_value(body).expect("a JSON body");
    for (key, value) in fields.as_object().expect("fields as an object") {
        json[key] = value.clone();
    }
    json
}

/// The JSON pointers of a problem's field errors, in order; each error has one.
pub fn pointers(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["pointer"].as_str().expect("pointer").to_owned())
        .collect()
}

/// A problem's field errors as a client translates them, one line each, in
/// order: `pointer code`, or `pointer code limit` when the rule names a number
/// (`/title too_long 200`).
pub fn coded(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let (pointer, code) = (
                e["pointer"].as_str().expect("pointer"),
                e["code"].as_str().expect("code"),
            );
            match e.get("limit") {
                Some(limit) => format!("{pointer} {code} {}", limit.as_i64().expect("an integer limit")),
                None => format!("{pointer} {code}"),
            }
        })
        .collect()
}

/// A response header that must be there, e.g. `etag` or `location`.
pub fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} header"))
        .to_str()
        .expect("ascii")
        .to_owned()
}

// The access matrix: one request sent as every identity, with the status each must get.

/// Anonymous first, then every test identity: the callers of an access matrix.
pub fn identities() -> Vec<Option<Who>> {
    std::iter::once(None).chain(Who::ALL.into_iter().map(Some)).collect()
}

/// 401 without a token, `ok` for the identities in `allowed`, else 403.
pub fn allowed_or(who: Option<Who>, allowed: &[Who], ok: u16) -> u16 {
    match who {
        None => 401,
        Some(who) if allowed.contains(&who) => ok,
        Some(_) => 403,
    }
}

/// One row of an access matrix: a request and the status each caller gets. Every
/// change (`POST`, `PUT`, `DELETE`) carries `If-Match: *`, since the matrix is about
/// permission, not about concurrent edits.
pub struct Access<'a> {
    method: Method,
    path: Box<dyn Fn(usize) -> String + 'a>,
    body: Option<Box<dyn Fn(usize) -> Value + 'a>>,
    expected: Box<dyn Fn(Option<Who>) -> u16 + 'a>,
}

impl<'a> Access<'a> {
    pub fn new(method: Method, path: &str, expected: impl Fn(Option<Who>) -> u16 + 'a) -> Self {
        let path = path.to_owned();
        Self {
            method,
            path: Box::new(move |_| path.clone()),
            body: None,
            expected: Box::new(expected),
        }
    }

    pub fn get(path: &str, expected: impl Fn(Option<Who>) -> u16 + 'a) -> Self {
        Self::new(Method::GET, path, expected)
    }

    /// The same body for every caller.
    pub fn body(self, body: &impl Serialize) -> Self {
        let body = serde_json::to_value(body).expect("a JSON body");
        self.body_per_caller(move |_| body.clone())
    }

    /// A body per caller, by its place in [`identities`]: so that each create is new.
    pub fn body_per_caller<B: Serialize>(mut self, body: impl Fn(usize) -> B + 'a) -> Self {
        self.body = Some(Box::new(move |n| serde_json::to_value(body(n)).expect("a JSON body")));
        self
    }

    /// A path per caller, by its place in [`identities`]: e.g. a fresh resource to delete.
    pub fn path_per_caller(mut self, path: impl Fn(usize) -> String + 'a) -> Self {
        self.path = Box::new(path);
        self
    }
}

/// What one caller got in an access matrix.
pub struct Outcome {
    pub who: Option<Who>,
    pub status: u16,
    /// The JSON body (a problem when refused; Null when empty).
    pub body: Value,
}

/// Sends each row as every caller of [`identities`] and asserts the status each
/// gets; every refusal must be a problem document. Returns the outcomes in order
/// (their number is the number of cases), for checks of the bodies.
pub async fn check_access(app: &TestApp, rows: &[Access<'_>]) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for row in rows {
        for (n, who) in identities().into_iter().enumerate() {
            let path = (row.path)(n);
            let method = &row.method;
            let mut request = app.client_for(who).request(method.clone(), app.url(&path));
            if *method != Method::GET {
                request = request.header("If-Match", "*");
            }
            if let Some(body) = &row.body {
                request = request.json(&body(n));
            }
            let response = request.send().await.expect("request");
            let status = response.status().as_u16();
            let expected = (row.expected)(who);
            let body = if status >= 400 && status == expected {
                expect_problem(response, status).await
            } else {
                json_body(response).await
            };
            assert_eq!(status, expected, "{method} {path} as {who:?}: {body}");
            outcomes.push(Outcome { who, status, body });
        }
    }
    outcomes
}

// Bodies the tests send often, built from the contract's types in one place.

/// A new action of `region` linked to `side_entrants`, planned for two school years.
pub fn new_action(region: &str, title: &str, partner_ids: &[String]) -> CreateActionRequest {
    CreateActionRequest {
        region_code: region.into(),
        title: title.into(),
        description: "Zij-instromers combineren werk in de ouderenzorg met een BBL-opleiding.".into(),
        action_line: ActionLine::Choose,
        themes: vec![Theme::LerenInDePraktijk],
        status: ActionStatus::Planned,
        progress: 0,
        owner: "ROC van Twente".into(),
        partner_ids: partner_ids.to_vec(),
        indicators: vec![ActionIndicatorRequest {
            code: "side_entrants".into(),
            expected_effect: Some("+30 per jaar".into()),
        }],
        start_date: Some("2025-09-01".into()),
        end_date: Some("2027-08-31".into()),
    }
}

/// The editable fields of `action` (a response body), ready for a `PUT`.
pub fn action_fields(action: &Value) -> ActionFieldsRequest {
    let action: ActionResponse = serde_json::from_value(action.clone()).expect("an action");
    ActionFieldsRequest {
        title: action.title,
        description: action.description,
        action_line: action.action_line,
        themes: action.themes,
        status: action.status,
        progress: action.progress.into(),
        owner: action.owner,
        partner_ids: action.partners.into_iter().map(|p| p.id).collect(),
        indicators: action
            .indicators
            .into_iter()
            .map(|i| ActionIndicatorRequest {
                code: i.code,
                expected_effect: i.expected_effect,
            })
            .collect(),
        start_date: action.start_date,
        end_date: action.end_date,
    }
}

/// A progress entry that marks the action in progress.
pub fn progress_update(date: &str, percent: i64) -> CreateProgressUpdateRequest {
    CreateProgressUpdateRequest {
        date: date.into(),
        progress: percent,
        status: ActionStatus::InProgress,
        note: "Cohort loopt".into(),
        author: None,
    }
}

/// A new quarterly percentage in the catalogue, averaged over regions.
pub fn new_indicator(code: &str) -> CreateIndicatorRequest {
    CreateIndicatorRequest {
        code: code.into(),
        name: "Kort verzuim".into(),
        description: "Verzuim korter dan een week.".into(),
        group: IndicatorGroup::Work,
        unit: Unit::Percent,
        direction: Direction::LowerIsBetter,
        period_type: Some(PeriodType::Quarter),
        rollup: Rollup::Mean,
        weight_indicator: None,
        formula: None,
    }
}

/// The editable fields of `indicator` (a response body), ready for a `PUT`.
pub fn indicator_fields(indicator: &Value) -> IndicatorFieldsRequest {
    let current: IndicatorResponse = serde_json::from_value(indicator.clone()).expect("an indicator");
    IndicatorFieldsRequest {
        name: current.name,
        description: current.description,
        group: current.group,
        unit: current.unit,
        direction: current.direction,
        period_type: current.period_type,
        rollup: current.rollup,
        weight_indicator: current.weight_indicator,
        formula: current.formula,
    }
}

/// One point of an upload: `(indicator, region, period, value)`.
pub type Point<'a> = (&'a str, &'a str, &'a str, f64);

/// One value of a bulk upload, with nothing but the figure.
pub fn value_item(indicator: &str, region: &str, period: &str, value: f64) -> IndicatorValueItem {
    IndicatorValueItem {
        indicator: indicator.into(),
        region: region.into(),
        period: period.into(),
        value,
        status: None,
        source: None,
    }
}

/// One target of a bulk upload, with nothing but the figure.
pub fn target_item(indicator: &str, region: &str, period: &str, value: f64) -> IndicatorTargetItem {
    IndicatorTargetItem {
        indicator: indicator.into(),
        region: region.into(),
        period: period.into(),
        value,
        note: None,
    }
}

/// A bulk upload of values.
pub fn values_upload(items: &[Point]) -> BulkIndicatorValuesRequest {
    BulkIndicatorValuesRequest {
        items: items
            .iter()
            .map(|&(indicator, region, period, value)| value_item(indicator, region, period, value))
            .collect(),
    }
}

/// A bulk upload of targets.
pub fn targets_upload(items: &[Point]) -> BulkIndicatorTargetsRequest {
    BulkIndicatorTargetsRequest {
        items: items
            .iter()
            .map(|&(indicator, region, period, value)| target_item(indicator, region, period, value))
            .collect(),
    }
}

/// A value with nothing but the figure (a new one is provisional).
pub fn value_of(value: f64) -> IndicatorValueRequest {
    IndicatorValueRequest {
        value,
        status: None,
        source: None,
    }
}

/// A final value from `source`.
pub fn final_value(value: f64, source: &str) -> IndicatorValueRequest {
    IndicatorValueRequest {
        value,
        status: Some(ValueStatus::Final),
        source: Some(source.into()),
    }
}

/// A target with nothing but the figure.
pub fn target_of(value: f64) -> IndicatorTargetRequest {
    IndicatorTargetRequest { value, note: None }
}

/// A new region with nothing but its names.
pub fn new_region(code: &str, name: &str, pact_name: &str) -> CreateRegionRequest {
    CreateRegionRequest {
        code: code.into(),
        name: name.into(),
        pact_name: pact_name.into(),
        signed_on: None,
        ambition: String::new(),
        agenda_role: None,
        regioplus_code: None,
        cbs_code: None,
    }
}

/// The editable fields of `region` (a response body), ready for a `PUT`.
pub fn region_fields(region: &Value) -> RegionFieldsRequest {
    let current: RegionResponse = serde_json::from_value(region.clone()).expect("a region");
    RegionFieldsRequest {
        name: current.name,
        pact_name: current.pact_name,
        signed_on: current.signed_on,
        ambition: current.ambition,
        agenda_role: current.agenda_role,
        regioplus_code: current.regioplus_code,
        cbs_code: current.cbs_code,
    }
}

/// A new partner of a region.
pub fn new_partner(organisation: &str, sector: &str) -> CreatePartnerRequest {
    CreatePartnerRequest {
        organisation: organisation.into(),
        sector: Sector::parse(sector).expect("a partner sector"),
    }
}

/// A barrier ticket about education rules, for `ministry` if the region knows it.
pub fn new_barrier(region: &str, ministry: Option<&str>, title: &str) -> CreateBarrierRequest {
    CreateBarrierRequest {
        region_code: region.into(),
        title: title.into(),
        description: "De regeling past niet bij hoe de regio leerlingen opleidt.".into(),
        category: BarrierCategory::Education,
        ministry: ministry.map(|m| Ministry::parse(m).expect("a ministry")),
        filed_on: None,
    }
}

/// The editable fields of `ticket`, unchanged, ready for a `PUT`.
pub fn barrier_fields(ticket: &BarrierResponse) -> BarrierFieldsRequest {
    BarrierFieldsRequest {
        title: ticket.title.clone(),
        description: ticket.description.clone(),
        category: ticket.category,
        status: None,
    }
}

/// A workflow step to `to` carrying nothing else; set the fields the step needs.
pub fn step_to(to: &str) -> TransitionRequest {
    TransitionRequest {
        to: BarrierStatus::parse(to).expect("a barrier status"),
        note: None,
        ministry: None,
        official: None,
        answer: None,
        resolution: None,
        location: None,
        public: None,
        reason: None,
    }
}

/// A comment on a ticket, or an internal note.
pub fn comment(body: &str, internal: bool) -> CommentRequest {
    CommentRequest {
        body: body.into(),
        internal,
    }
}

/// A ministry's service targets, in working days.
pub fn service_targets(first_response_days: i64, answer_days: i64) -> ServiceTargetRequest {
    ServiceTargetRequest {
        first_response_days,
        answer_days,
    }
}

impl TestApp {
    /// The id of the demo official of `ministry` (`VWS`, `OCW`, `SZW`).
    pub async fn official_id(&self, ministry: &str) -> String {
        let email = format!("official.{}@zorgpact.demo", ministry.to_lowercase());
        let users: Value = json_body(self.get("/api/v1/users?limit=200").await).await;
        users["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|u| u["email"] == email.as_str())
            .and_then(|u| u["id"].as_str())
            .unwrap_or_else(|| panic!("no demo official {email}"))
            .to_owned()
    }

    /// `who` takes a workflow step on ticket `id`.
    pub async fn take_step(&self, who: Who, id: &str, step: &TransitionRequest) -> reqwest::Response {
        self.client_as(who)
            .post(self.url(&format!("/api/v1/barrier-tickets/{id}/transitions")))
            .json(step)
            .send()
            .await
            .expect("request")
    }
}

// Logging in: tokens are asked for without a token.

/// A user's login: `grant_type=password` with e-mail address and password.
pub fn password_grant(username: &str, password: &str) -> TokenRequest {
    TokenRequest {
        grant_type: "password".into(),
        username: Some(username.into()),
        password: Some(password.into()),
        client_id: None,
        client_secret: None,
    }
}

/// A partner system's login: `grant_type=client_credentials`.
pub fn client_credentials_grant(client_id: &str, client_secret: &str) -> TokenRequest {
    TokenRequest {
        grant_type: "client_credentials".into(),
        username: None,
        password: None,
        client_id: Some(client_id.into()),
        client_secret: Some(client_secret.into()),
    }
}

impl TestApp {
    /// `POST /api/v1/auth/token` as an anonymous caller.
    pub async fn request_token(&self, body: &TokenRequest) -> reqwest::Response {
        self.post_json_as(&self.anonymous, "/api/v1/auth/token", body).await
    }

    /// A user's login with e-mail address and password.
    pub async fn log_in(&self, username: &str, password: &str) -> reqwest::Response {
        self.request_token(&password_grant(username, password)).await
    }

    /// `POST path` (`/api/v1/auth/refresh` or `/api/v1/auth/logout`) as the web app
    /// sends it: the refresh cookie, if any, and the CSRF header.
    pub async fn post_refresh_cookie(&self, path: &str, refresh_token: Option<&str>) -> reqwest::Response {
        let mut request = self.anonymous.post(self.url(path)).header("X-Zorgpact-CSRF", "1");
        if let Some(token) = refresh_token {
            request = request.header("Cookie", format!("zorgpact_refresh={token}"));
        }
        request.send().await.expect("request")
    }
}

/// `GET /api/v1/me` with `bearer` (`Bearer <token>`) as the only credential.
pub async fn me_with(app: &TestApp, bearer: &str) -> reqwest::Response {
    app.anonymous
        .get(app.url("/api/v1/me"))
        .header("Authorization", bearer)
        .send()
        .await
        .expect("request")
}

/// The `Set-Cookie` headers of `response`.
pub fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().expect("ascii").to_owned())
        .collect()
}

/// The refresh token a response set as its cookie (the same in each of its paths).
pub fn refresh_cookie(response: &reqwest::Response) -> String {
    let values: Vec<String> = set_cookies(response)
        .iter()
        .filter_map(|cookie| cookie.strip_prefix("zorgpact_refresh="))
        .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
        .collect();
    assert!(!values.is_empty(), "no refresh cookie in {:?}", set_cookies(response));
    assert!(
        values.iter().all(|v| *v == values[0]),
        "different tokens per path: {values:?}"
    );
    values[0].clone()
}

/// A factsheet of `ministry` answering `question`, naming no rules or tickets.
pub fn new_factsheet(ministry: Ministry, question: &str) -> zorgpact_contract::factsheet::FactsheetFieldsRequest {
    zorgpact_contract::factsheet::FactsheetFieldsRequest {
        question: question.into(),
        answer: "Ja, binnen de bestaande regels is dat mogelijk.".into(),
        ministry,
        themes: vec![Theme::LerenInDePraktijk],
        regulation_ids: Vec::new(),
        ticket_ids: Vec::new(),
    }
}

impl TestApp {
    /// `GET path` as `who` (anonymous for `None`), with the JSON body.
    pub async fn get_as(&self, who: Option<Who>, path: &str) -> (u16, Value) {
        let response = self.client_for(who).get(self.url(path)).send().await.expect("request");
        let status = response.status().as_u16();
        (status, json_body(response).await)
    }

    /// `GET path` without a token, which must be refused with `status`.
    pub async fn anonymous_get_problem(&self, path: &str, status: u16) -> Value {
        let response = self.anonymous.get(self.url(path)).send().await.expect("request");
        expect_problem(response, status).await
    }
}

// Progress reviews.

/// A new review of `round` on `date` with these intentions and a why-part.
pub fn new_review(round: ReviewRound, date: &str, intentions: &[&str]) -> CreateReviewRequest {
    CreateReviewRequest {
        round,
        review_date: date.into(),
        parts: ReviewParts {
            why_question: "Voldoende professionals opleiden voor veranderende rollen in de wijk.".into(),
            why_transition: "Zorg dichter naar de burger.".into(),
            process_phase: Some(InnovationPhase::Directing),
            intentions: intentions.iter().map(|i| (*i).to_owned()).collect(),
            ..ReviewParts::default()
        },
    }
}

/// The full set of scores, one level for each aspect.
pub fn review_scores(vision: ScoreLevel, plan: ScoreLevel, governance: ScoreLevel) -> ReviewScoresRequest {
    let score = |aspect, level| ReviewScore {
        aspect,
        level,
        motivation: "Besproken in de focusgroep.".into(),
    };
    ReviewScoresRequest {
        scores: vec![
            score(ScoredAspect::RegionalVision, vision),
            score(ScoredAspect::ActionPlan, plan),
            score(ScoredAspect::Governance, governance),
        ],
    }
}

impl TestApp {
    /// Drafts a review of `region` as the admin.
    pub async fn create_review(&self, region: &str, body: &CreateReviewRequest) -> ReviewResponse {
        let response = self.post_json(&format!("/api/v1/regions/{region}/reviews"), body).await;
        assert_eq!(response.status(), 201, "create review");
        response.json().await.expect("a review")
    }

    /// Takes a step (`share`, `finalise`) as the admin.
    pub async fn review_step(&self, id: &str, step: &str) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/v1/reviews/{id}/{step}")))
            .send()
            .await
            .expect("request")
    }

    /// A review drafted, scored, shared and (if `finalise`) made final, as the admin.
    pub async fn settled_review(
        &self,
        region: &str,
        body: &CreateReviewRequest,
        scores: &ReviewScoresRequest,
        finalise: bool,
    ) -> ReviewResponse {
        let review = self.create_review(region, body).await;
        let path = format!("/api/v1/reviews/{}/scores", review.id);
        assert_eq!(self.put_json(&path, Some("*"), scores).await.status(), 200, "scores");
        let mut response = self.review_step(&review.id, "share").await;
        if finalise {
            assert_eq!(response.status(), 200, "share");
            response = self.review_step(&review.id, "finalise").await;
        }
        assert_eq!(response.status(), 200, "step");
        response.json().await.expect("a review")
    }

    /// A `PATCH`, with `If-Match: <tag>` when given.
    pub async fn patch_json<B: Serialize + ?Sized>(
        &self,
        path: &str,
        if_match: Option<&str>,
        body: &B,
    ) -> reqwest::Response {
        self.send_json(Method::PATCH, path, if_match, body).await
    }
}
