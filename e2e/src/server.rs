//! The real server binary on port 0 with a fresh SQLite database and the demo data.

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::paths;

const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
const READY_LINE: &str = "zorgpact listening on http://";

pub struct Server {
    base_url: String,
    _child: Child,
    _data: TempDir,
}

impl Server {
    pub async fn start() -> anyhow::Result<Self> {
        let binary = paths::server_binary()?;
        let web_dir = paths::web_dir()?;
        let data = tempfile::tempdir().context("creating the server's data folder")?;
        let log_path = data.path().join("server.log");
        let log = std::fs::File::create(&log_path).context("creating the server log")?;
        let mut child = Command::new(&binary)
            .arg("serve")
            .env_remove("DATABASE_URL")
            .env("ZORGPACT_DATA_DIR", data.path())
            .env("ZORGPACT_ADDR", "127.0.0.1:0")
            .env("ZORGPACT_WEB_DIR", &web_dir)
            .env("ZORGPACT_DEMO_DATA", "true")
            .env("ZORGPACT_ENV", "development")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = child.stdout.take().context("the server's stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(STARTUP_TIMEOUT, async {
            while let Some(line) = lines.next_line().await? {
                if let Some(rest) = line.split_once(READY_LINE).map(|(_, rest)| rest) {
                    let addr = rest.split_whitespace().next().unwrap_or_default().to_owned();
                    return Ok::<_, std::io::Error>(Some(addr));
                }
            }
            Ok(None)
        })
        .await;
        let addr = match ready {
            Ok(Ok(Some(addr))) => addr,
            outcome => {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(20).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                bail!(
                    "the server did not report `{READY_LINE}…` ({}); its log:\n{}",
                    match outcome {
                        Err(_) => format!("no answer in {}s", STARTUP_TIMEOUT.as_secs()),
                        Ok(Err(e)) => e.to_string(),
                        Ok(Ok(None)) => "it exited".to_owned(),
                        Ok(Ok(Some(_))) => unreachable!(),
                    },
                    tail.join("\n")
                );
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self {
            base_url: format!("http://{addr}"),
            _child: child,
            _data: data,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Logs in through the API (not the browser) and returns the access token, for
    /// changes the tests make behind the app's back.
    pub async fn token(&self, username: &str, password: &str) -> anyhow::Result<String> {
        let body = serde_json::json!({"grant_type": "password", "username": username, "password": password});
        let answer: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/token", self.base_url))
            .json(&body)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        answer["access_token"]
            .as_str()
            .map(str::to_owned)
            .context("no access_token in the token response")
    }

    /// Sends a request to `/api/v1{path}` as the holder of `token`, returning status,
    /// ETag and JSON body.
    pub async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        headers: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> anyhow::Result<(u16, Option<String>, serde_json::Value)> {
        let mut request = reqwest::Client::new()
            .request(method, format!("{}/api/v1{path}", self.base_url))
            .bearer_auth(token);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let etag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let text = response.text().await?;
        let json = if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text)?
        };
        Ok((status, etag, json))
    }
}
