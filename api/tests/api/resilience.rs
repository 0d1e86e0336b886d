//! Behaviour under concurrency, crashes and several instances, against the real
//! `zorgpact` binary: many clients at once, SIGKILL in the middle of an import,
//! and two processes on one PostgreSQL database. Each test prints its figures.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use zorgpact_contract::action::ActionResponse;
use zorgpact_contract::auth::TokenResponse;
use zorgpact_contract::imports::ImportReport;
use zorgpact_contract::indicator::IndicatorValueResponse;
use zorgpact_contract::revision::RevisionListResponse;
use zorgpact_db::Backend;
use zorgpact_db::testing::{Contents, TestDatabase, backend_under_test};

use crate::helpers::{action_fields, expect_problem, header, json_body, password_grant};
use crate::server_binary::{Server, start};

/// Shared by every instance, so a token of one is valid at the other.
const JWT_SECRET: &str = "zorgpact-resilience-test-signing-key-0123456789";
const IMPORT: &str = "/api/v1/imports/indicator-values";
const ADMIN: (&str, &str) = ("admin@zorgpact.demo", "demo-admin-2026");

/// One `zorgpact` process on `database`, and a client signed in as the demo admin.
struct Instance {
    server: Server,
    url: String,
    admin: reqwest::Client,
    /// The admin's access token, to send to another instance.
    token: String,
    _data_dir: tempfile::TempDir,
}

impl Instance {
    async fn start(database: &TestDatabase) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (server, url) = start(|c| {
            c.env("DATABASE_URL", database.url_string())
                .env("ZORGPACT_DEMO_DATA", "false")
                .env("ZORGPACT_DATA_DIR", data_dir.path())
                .env("ZORGPACT_JWT_SECRET", JWT_SECRET)
                .env("ZORGPACT_WORKERS", "2");
        });
        let anonymous = reqwest::Client::new();
        let response = log_in(&anonymous, &url, ADMIN.0, ADMIN.1).await;
        assert_eq!(response.status(), 200, "the demo admin signs in");
        let token: TokenResponse = response.json().await.expect("tokens");
        Self {
            server,
            url,
            admin: bearer_client(&token.access_token),
            token: token.access_token,
            _data_dir: data_dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.admin.get(self.url(path)).send().await.expect("request")
    }

    async fn get_json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        json_body(response).await
    }

    /// Sends a CSV import, with an `Idempotency-Key` when given.
    fn import(&self, csv: String, key: Option<&str>) -> reqwest::RequestBuilder {
        let request = self
            .admin
            .post(self.url(IMPORT))
            .header("content-type", "text/csv")
            .body(csv);
        match key {
            Some(key) => request.header("idempotency-key", key),
            None => request,
        }
    }

    async fn region_codes(&self) -> Vec<String> {
        let regions = self.get_json("/api/v1/regions?limit=200").await;
        regions["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|r| r["code"].as_str().expect("code").to_owned())
            .collect()
    }
}

async fn log_in(client: &reqwest::Client, url: &str, username: &str, password: &str) -> reqwest::Response {
    client
        .post(format!("{url}/api/v1/auth/token"))
        .json(&password_grant(username, password))
        .send()
        .await
        .expect("login")
}

fn bearer_client(token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let value = format!("Bearer {token}").parse().expect("header");
    headers.insert(reqwest::header::AUTHORIZATION, value);
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("client")
}

/// A whole number from the environment, or `default`.
fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| {
        v.parse().unwrap_or_else(|_| panic!("{name}={v}: a number"))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_updates_with_one_etag_let_exactly_one_win() {
    const CLIENTS: usize = 50;
    let database = TestDatabase::new(Contents::DemoData);
    let app = Instance::start(&database).await;
    let actions = app.get_json("/api/v1/actions?limit=1").await;
    let id = actions["items"][0]["id"].as_str().expect("an action").to_owned();
    let path = format!("/api/v1/actions/{id}");
    let audit = format!("/api/v1/audit?resource_type=action&resource_id={id}&limit=200");
    let current = app.get(&path).await;
    let etag = header(&current, "etag");
    let fields = action_fields(&json_body(current).await);
    let history_before = app.get_json(&audit).await["items"].as_array().expect("items").len();

    let requests: Vec<_> = (0..CLIENTS)
        .map(|n| {
            let mut body = fields.clone();
            body.title = format!("Zij-instroom, versie van client {n}");
            let request = app.admin.put(app.url(&path)).header("If-Match", &etag).json(&body);
            tokio::spawn(async move { (n, request.send().await.expect("PUT")) })
        })
        .collect();
    let mut winners = Vec::new();
    let mut refused = 0;
    for request in requests {
        let (n, response) = request.await.expect("task");
        match response.status().as_u16() {
            200 => winners.push(n),
            _ => {
                expect_problem(response, 412).await;
                refused += 1;
            }
        }
    }
    assert_eq!(winners.len(), 1, "exactly one update wins: {winners:?}");

    let after = app.get(&path).await;
    let version = |etag: &str| {
        etag.trim_matches('"')
            .trim_start_matches('v')
            .parse::<i64>()
            .expect("a version")
    };
    assert_eq!(version(&header(&after, "etag")), version(&etag) + 1, "one new version");
    let after: ActionResponse = after.json().await.expect("the action");
    assert_eq!(after.title, format!("Zij-instroom, versie van client {}", winners[0]));
    let history_after = app.get_json(&audit).await["items"].as_array().expect("items").len();
    assert_eq!(history_after, history_before + 1, "one audit entry for the one update");
    println!(
        "concurrent updates: {} won, {refused} refused (412), history +{}",
        winners.len(),
        history_after - history_before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_imports_at_once_store_whole_files_only() {
    const CLIENTS: usize = 8;
    const KEYS: usize = 120;
    /// Each client imports this many consecutive keys, starting `KEYS / CLIENTS`
    /// after the one before: every key is in `WINDOW / (KEYS / CLIENTS)` files.
    const WINDOW: usize = 60;
    let database = TestDatabase::new(Contents::DemoData);
    let app = Instance::start(&database).await;
    let regions = app.region_codes().await;
    let key = |i: usize| format!("returners/{}/{}", regions[i % regions.len()], 1900 + i / regions.len());
    let keys_of = |client: usize| (0..WINDOW).map(move |k| (client * (KEYS / CLIENTS) + k) % KEYS);
    let figure = |client: usize, i: usize| (client * 1000 + i) as f64;

    let requests: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let mut csv = String::from("indicator,region,period,value,source\n");
            for i in keys_of(client) {
                csv.push_str(&format!(
                    "{},{},client {client}\n",
                    key(i).replace('/', ","),
                    figure(client, i)
                ));
            }
            let request = app.import(csv, None);
            tokio::spawn(async move { (client, request.send().await.expect("import")) })
        })
        .collect();
    let mut stored = Vec::new();
    let mut refused: BTreeMap<u16, usize> = BTreeMap::new();
    for request in requests {
        let (client, response) = request.await.expect("task");
        match response.status().as_u16() {
            200 => stored.push(client),
            status @ (409 | 412 | 503) => {
                let problem = expect_problem(response, status).await;
                let detail = problem["detail"].as_str().unwrap_or_default();
                assert!(
                    !detail.contains("constraint"),
                    "a refusal in the database's words: {detail}"
                );
                *refused.entry(status).or_default() += 1;
            }
            status => panic!("import of client {client}: {status} {}", json_body(response).await),
        }
    }

    for i in 0..KEYS {
        let writers: Vec<usize> = stored.iter().copied().filter(|&c| keys_of(c).any(|k| k == i)).collect();
        let response = app.get(&format!("/api/v1/indicator-values/{}", key(i))).await;
        if writers.is_empty() {
            assert_eq!(response.status(), 404, "{} was in no stored file", key(i));
            continue;
        }
        let value: IndicatorValueResponse = response.json().await.expect("a value");
        assert!(
            writers.iter().any(|&c| value.value == figure(c, i)),
            "{}: {} is none of the stored files' figures",
            key(i),
            value.value
        );
        assert_eq!(
            value.version as usize,
            writers.len(),
            "{}: one version per file",
            key(i)
        );
        let history: RevisionListResponse = app
            .get(&format!("/api/v1/indicator-values/{}/history", key(i)))
            .await
            .json()
            .await
            .expect("history");
        assert_eq!(
            history.items.len(),
            writers.len() - 1,
            "{}: one revision per change",
            key(i)
        );
    }
    println!(
        "concurrent imports: {CLIENTS} files of {WINDOW} rows on {KEYS} keys (each in {} files): {} stored, refused {refused:?}; every value one of its files', versions and revisions agree",
        WINDOW / (KEYS / CLIENTS),
        stored.len()
    );
}

/// Year indicators that take any whole figure from 1 to 90.
const YEAR_INDICATORS: [&str; 17] = [
    "employees",
    "hard_to_fill_vacancies",
    "employee_satisfaction",
    "image_of_care",
    "education_inflow",
    "education_to_work_inflow",
    "side_entrants",
    "returners",
    "numerus_fixus_programmes",
    "completion_rate",
    "internship_places",
    "bbl_programmes",
    "employees_trained_2y",
    "work_pressure",
    "sector_outflow",
    "contract_size",
    "admin_burden_reduction",
];

/// A CSV file of `rows` values, the same keys for every `round` but other figures
/// and `source`: so a round's rows are told apart by their source.
fn crash_file(regions: &[String], rows: usize, round: u64, source: &str) -> String {
    let mut csv = String::from("indicator,region,period,value,source\n");
    let keys = YEAR_INDICATORS
        .iter()
        .flat_map(|i| regions.iter().map(move |r| (i, r)))
        .flat_map(|(i, r)| (1900..=2100).map(move |year| (i, r, year)));
    let mut written = 0;
    for (indicator, region, year) in keys.take(rows) {
        let figure = (year + round) % 90 + 1;
        csv.push_str(&format!("{indicator},{region},{year},{figure},{source}\n"));
        written += 1;
    }
    assert_eq!(
        written,
        rows,
        "at most {} rows",
        YEAR_INDICATORS.len() * regions.len() * 201
    );
    csv
}

/// xorshift64: random enough to spread the kills, and repeatable from its seed.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// `ZORGPACT_CRASH_ROUNDS` rounds (default 3) of: start the binary, send an import
/// of `ZORGPACT_CRASH_ROWS` rows (default 5000) with an `Idempotency-Key`, SIGKILL
/// the process at a random moment up to 1.5 times the import's measured duration,
/// restart,
/// and check that the import is all there or absent, that SQLite's file is sound,
/// and that retrying with the key replays the import or runs it anew.
/// `ZORGPACT_CRASH_SEED` repeats a run's kill moments.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_with_sigkill_is_all_there_or_absent() {
    let rounds = env_number("ZORGPACT_CRASH_ROUNDS", 3);
    let rows = env_number("ZORGPACT_CRASH_ROWS", 5000) as usize;
    let default_seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let seed = env_number("ZORGPACT_CRASH_SEED", default_seed);
    let mut random = seed;
    let database = TestDatabase::new(Contents::DemoData);
    let stored_rows = |source: &str| {
        let sql = format!("SELECT COUNT(*) AS n FROM indicator_values WHERE source = '{source}'");
        database.count(&sql) as usize
    };

    // An uninterrupted import of the same keys measures how long one takes.
    let app = Instance::start(&database).await;
    let regions = app.region_codes().await;
    let started = Instant::now();
    let warm_up = app.import(crash_file(&regions, rows, 0, "warm-up"), None).send().await;
    assert_eq!(warm_up.expect("import").status(), 200, "the uninterrupted import");
    let mut duration = started.elapsed();
    drop(app);
    println!(
        "crash safety ({}): {rows} rows, {rounds} rounds, seed {seed}; an import takes {} ms",
        backend_under_test().as_str(),
        duration.as_millis()
    );

    let (mut full, mut absent) = (0, 0);
    for round in 1..=rounds {
        let source = format!("crash round {round}");
        let csv = crash_file(&regions, rows, round, &source);
        let key = format!("crash-{seed}-{round}");
        let mut app = Instance::start(&database).await;
        // Up to half as long again as an import: some kills land after the commit.
        let delay = Duration::from_millis(next_random(&mut random) % (duration.as_millis() as u64 * 3 / 2 + 1));
        let import = tokio::spawn(app.import(csv.clone(), Some(&key)).send());
        tokio::time::sleep(delay).await;
        app.server.kill();
        let answered = import.await.expect("task").ok().map(|r| r.status().as_u16());

        if backend_under_test() == Backend::Sqlite {
            let mut conn = database.connect().conn().expect("connection");
            assert_eq!(zorgpact_db::backup::integrity_check(&mut conn).expect("check"), "ok");
        }
        let found = stored_rows(&source);
        assert!(
            found == 0 || found == rows,
            "round {round}: {found} of {rows} rows stored"
        );
        if answered == Some(200) {
            assert_eq!(found, rows, "round {round}: answered 200 but not stored");
        }

        let app = Instance::start(&database).await;
        let started = Instant::now();
        let retry = app.import(csv, Some(&key)).send().await.expect("retry");
        let elapsed = started.elapsed();
        let replayed = retry.headers().get("idempotent-replayed").is_some();
        let status = retry.status();
        let report: ImportReport = serde_json::from_value(json_body(retry).await)
            .unwrap_or_else(|e| panic!("round {round}: retry answered {status}, not a report: {e}"));
        assert_eq!(status, 200, "round {round}: the retry");
        assert_eq!(replayed, found == rows, "round {round}: replayed exactly when stored");
        assert_eq!(report.values.changed + report.values.created, rows as u64);
        assert_eq!(stored_rows(&source), rows, "round {round}: stored after the retry");
        if !replayed {
            duration = duration.max(elapsed);
        }
        let outcome = if found == rows { "full" } else { "absent" };
        if found == rows {
            full += 1;
        } else {
            absent += 1;
        }
        println!(
            "crash round {round}: killed after {} ms ({}), outcome {outcome}; retry with its key {} in {} ms",
            delay.as_millis(),
            answered.map_or_else(|| "no answer".to_owned(), |s| format!("answered {s}")),
            if replayed { "replayed" } else { "imported anew" },
            elapsed.as_millis()
        );
    }
    println!("crash safety: {full} full, {absent} absent, 0 partial of {rounds} rounds");
}

/// Two processes on one PostgreSQL database behave as one service: stored
/// responses, the login limit, tokens and writes are shared.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_act_as_one() {
    if backend_under_test() != Backend::Postgres {
        println!("several instances: skipped, SQLite is one process's file (run with ZORGPACT_TEST_BACKEND=postgres)");
        return;
    }
    let database = TestDatabase::new(Contents::DemoData);
    let (a, b) = (Instance::start(&database).await, Instance::start(&database).await);

    // (a) A retry on the other instance gets the stored response.
    let csv = "indicator,region,period,value\nreturners,twente,1950,42\n";
    let send = |instance: &Instance| instance.import(csv.into(), Some("two-instances-1")).send();
    let first = send(&a).await.expect("import");
    assert_eq!(first.status(), 200);
    assert!(!first.headers().contains_key("idempotent-replayed"));
    let first = first.text().await.expect("body");
    let retry = send(&b).await.expect("retry");
    assert_eq!(retry.status(), 200);
    assert_eq!(header(&retry, "idempotent-replayed"), "true");
    assert_eq!(retry.text().await.expect("body"), first, "the same report");

    // (c) A token of one is accepted by the other.
    let me = bearer_client(&a.token).get(b.url("/api/v1/me")).send().await;
    assert_eq!(me.expect("me").status(), 200, "B accepts A's token");

    // (d) A write on one is seen by the next read on the other.
    let actions = a.get_json("/api/v1/actions?limit=1").await;
    let path = format!(
        "/api/v1/actions/{}",
        actions["items"][0]["id"].as_str().expect("an action")
    );
    let current = a.get(&path).await;
    let etag = header(&current, "etag");
    let mut fields = action_fields(&json_body(current).await);
    fields.title = "Gezien door beide instanties".into();
    let put = a
        .admin
        .put(a.url(&path))
        .header("If-Match", &etag)
        .json(&fields)
        .send()
        .await;
    assert_eq!(put.expect("PUT").status(), 200);
    let seen: ActionResponse = b.get(&path).await.json().await.expect("the action");
    assert_eq!(seen.title, fields.title);

    // (b) Failed logins count across both: the limit is reached by alternating.
    let anonymous = reqwest::Client::new();
    let account = "official.vws@zorgpact.demo";
    let mut statuses = Vec::new();
    for n in 0..6 {
        let url = if n % 2 == 0 { &a.url } else { &b.url };
        let response = log_in(&anonymous, url, account, "wrong password").await;
        statuses.push(response.status().as_u16());
        if n == 5 {
            assert!(response.headers().contains_key("retry-after"));
            expect_problem(response, 429).await;
        }
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    println!(
        "several instances: replay across instances ok, login limit shared ({statuses:?} alternating A/B), token of A accepted by B, write on A read on B"
    );
}
