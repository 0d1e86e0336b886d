//! Test harness: a real server on a free port with its own fresh database (SQLite
//! file or PostgreSQL database, per `ZORGPACT_TEST_BACKEND`).

#![allow(dead_code)]

pub mod contract;

use std::net::TcpListener;
use std::path::PathBuf;

use actix_web::dev::ServerHandle;
use zorgpact_api::startup;
use zorgpact_db::testing::{Contents, TestDatabase};

pub struct TestApp {
    pub base_url: String,
    pub client: reqwest::Client,
    server: ServerHandle,
    // Dropped last: the database outlives the server using it.
    _database: TestDatabase,
}

impl TestApp {
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
    }
}

/// A server with the demo data loaded.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(Contents::DemoData).await
}

pub async fn spawn_app_with(contents: Contents) -> TestApp {
    let database = TestDatabase::new(contents);
    let db = database.connect();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("address").port();
    let server = startup::serve(listener, db, PathBuf::from("/nonexistent-web-dir"), Some(1)).expect("server");
    let handle = server.handle();
    tokio::spawn(server);
    TestApp {
        base_url: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::new(),
        server: handle,
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
