//! The server's configuration, read from environment variables (documented in
//! README.md), with defaults that need no set-up at all.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use zorgpact_db::{DatabaseUrl, PoolSettings};
use zorgpact_domain::barrier::workflow::Deadlines;

use crate::http::security::HttpSecurity;
use crate::startup::ServerSettings;
use crate::webhooks::WebhookSettings;

#[derive(Debug, Clone)]
pub struct Config {
    /// `ZORGPACT_ADDR`, default `127.0.0.1:8080` (port 0 picks a free port).
    pub addr: SocketAddr,
    /// `DATABASE_URL`, default an SQLite file in the data directory.
    pub database: DatabaseUrl,
    /// `ZORGPACT_DATA_DIR`, default `./data`: the SQLite file and generated keys.
    pub data_dir: PathBuf,
    /// `ZORGPACT_WEB_DIR`: the built web app; default `web/dist`.
    pub web_dir: PathBuf,
    /// `ZORGPACT_DEMO_DATA` (`true`/`false`): load the demo data on start. Default
    /// true for the embedded SQLite database, false when `DATABASE_URL` is set.
    pub demo_data: bool,
    /// `ZORGPACT_DB_POOL_SIZE` (default 8) and `ZORGPACT_DB_TIMEOUT_MS` (default
    /// 500): how long a request waits for a database connection before it is
    /// answered 503 with `Retry-After`.
    pub pool: PoolSettings,
    /// `ZORGPACT_WORKERS` (HTTP worker threads, default the number of cores),
    /// `ZORGPACT_MAX_CONNECTIONS` (open connections per worker, default 25000),
    /// `ZORGPACT_CLIENT_REQUEST_TIMEOUT_MS` (time a client has to send a request's
    /// head, default 5000; slower clients get 408 and are disconnected),
    /// `ZORGPACT_BODY_TIMEOUT_MS` (time a client then has to send the body,
    /// default 60000; 408 past it) and
    /// `ZORGPACT_SHUTDOWN_TIMEOUT_SECS` (on SIGTERM or SIGINT, how long requests
    /// in flight may take to finish, default 30).
    pub server: ServerSettings,
    /// `ZORGPACT_JWT_SECRET`: the token signing key (at least 32 bytes). Without
    /// it a key is generated and kept in the data directory. Set it when several
    /// instances serve one database.
    pub jwt_secret: Option<String>,
    /// `ZORGPACT_JWT_SECRET_PREVIOUS`: during a key rotation, the key that signed
    /// until now (at least 32 bytes); tokens it signed are still accepted.
    pub jwt_secret_previous: Option<String>,
    /// `ZORGPACT_ENV=production` (default `development`).
    pub production: bool,
    /// `ZORGPACT_ALLOW_DEMO_PASSWORDS=true` lets production start with demo passwords.
    pub allow_demo_passwords: bool,
    /// `ZORGPACT_BARRIER_AUTO_CLOSE_DAYS` (default 14) and
    /// `ZORGPACT_BARRIER_REOPEN_DAYS` (default 30): how long an answer waits for the
    /// region's confirmation before it closes, and how long the region may reopen it.
    pub barrier_deadlines: Deadlines,
    /// `ZORGPACT_WEBHOOKS_ALLOW_LOOPBACK` (default false): accept `http` receivers
    /// on this machine, for tests; `ZORGPACT_WEBHOOKS_POLL_MS` (default 1000): how
    /// often the outbox is read; `ZORGPACT_WEBHOOKS_BACKOFF_MS` (default 5000): the
    /// first retry's delay, later ones grow from it.
    pub webhooks: WebhookSettings,
    /// `ZORGPACT_CORS_ORIGINS` (comma-separated origins such as
    /// `https://dashboard.example.nl`; default none: no other site's pages may
    /// call the API), `ZORGPACT_TRUSTED_PROXIES` (comma-separated addresses or
    /// networks such as `10.0.0.0/8`; default none: `X-Forwarded-For` is ignored)
    /// and `ZORGPACT_HSTS_MAX_AGE` (seconds; default none: no HSTS header).
    pub security: HttpSecurity,
}

#[derive(Debug, thiserror::Error)]
#[error("{variable}: {reason}")]
pub struct ConfigError {
    variable: &'static str,
    reason: String,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let error = |variable, reason: String| ConfigError { variable, reason };
        let addr = lookup("ZORGPACT_ADDR")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| error("ZORGPACT_ADDR", format!("expected host:port, {e}")))?;
        let data_dir = PathBuf::from(lookup("ZORGPACT_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let explicit_url = lookup("DATABASE_URL");
        let database = match &explicit_url {
            Some(url) => DatabaseUrl::parse(url).map_err(|e| error("DATABASE_URL", e.to_string()))?,
            None => DatabaseUrl::Sqlite(data_dir.join("zorgpact.db")),
        };
        let demo_data = match lookup("ZORGPACT_DEMO_DATA") {
            None => explicit_url.is_none(),
            Some(v) => parse_bool(&v).ok_or_else(|| error("ZORGPACT_DEMO_DATA", "expected true or false".into()))?,
        };
        let number = |variable: &'static str, range: std::ops::RangeInclusive<u64>| match lookup(variable) {
            None => Ok(None),
            Some(v) => v.parse().ok().filter(|n| range.contains(n)).map(Some).ok_or_else(|| {
                error(
                    variable,
                    format!("expected a number from {} to {}", range.start(), range.end()),
                )
            }),
        };
        let pool_size = number("ZORGPACT_DB_POOL_SIZE", 1..=256)?.map_or(8, |n| n as u32);
        let workers = number("ZORGPACT_WORKERS", 1..=1024)?.map(|n| n as usize);
        let web_dir = PathBuf::from(lookup("ZORGPACT_WEB_DIR").unwrap_or_else(|| "web/dist".into()));
        let production = match lookup("ZORGPACT_ENV").as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(_) => return Err(error("ZORGPACT_ENV", "expected development or production".into())),
        };
        // Switches that are off unless set.
        let flag = |variable: &'static str| match lookup(variable) {
            None => Ok(false),
            Some(v) => parse_bool(&v).ok_or_else(|| error(variable, "expected true or false".into())),
        };
        let allow_demo_passwords = flag("ZORGPACT_ALLOW_DEMO_PASSWORDS")?;
        let days = |variable: &'static str, default: u32| match lookup(variable) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| (1..=3650).contains(n))
                .ok_or_else(|| error(variable, "expected a number of days from 1 to 3650".into())),
        };
        let defaults = Deadlines::default();
        let barrier_deadlines = Deadlines {
            auto_close_days: days("ZORGPACT_BARRIER_AUTO_CLOSE_DAYS", defaults.auto_close_days)?,
            reopen_days: days("ZORGPACT_BARRIER_REOPEN_DAYS", defaults.reopen_days)?,
        };
        let millis = |variable: &'static str, default: Duration| match lookup(variable) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| (10..=3_600_000).contains(n))
                .map(Duration::from_millis)
                .ok_or_else(|| error(variable, "expected milliseconds from 10 to 3600000".into())),
        };
        let pool = PoolSettings {
            max_size: pool_size,
            checkout_timeout: millis("ZORGPACT_DB_TIMEOUT_MS", PoolSettings::DEFAULT_CHECKOUT_TIMEOUT)?,
        };
        let server_defaults = ServerSettings::default();
        let server = ServerSettings {
            workers,
            max_connections: number("ZORGPACT_MAX_CONNECTIONS", 1..=1_000_000)?
                .map_or(server_defaults.max_connections, |n| n as usize),
            client_request_timeout: millis(
                "ZORGPACT_CLIENT_REQUEST_TIMEOUT_MS",
                server_defaults.client_request_timeout,
            )?,
            body_timeout: millis("ZORGPACT_BODY_TIMEOUT_MS", server_defaults.body_timeout)?,
            shutdown_timeout: number("ZORGPACT_SHUTDOWN_TIMEOUT_SECS", 0..=3600)?
                .map_or(server_defaults.shutdown_timeout, Duration::from_secs),
        };
        let webhook_defaults = WebhookSettings::default();
        let webhooks = WebhookSettings {
            allow_loopback: flag("ZORGPACT_WEBHOOKS_ALLOW_LOOPBACK")?,
            poll_every: millis("ZORGPACT_WEBHOOKS_POLL_MS", webhook_defaults.poll_every)?,
            backoff_base: millis("ZORGPACT_WEBHOOKS_BACKOFF_MS", webhook_defaults.backoff_base)?,
            timeout: webhook_defaults.timeout,
        };
        let security = HttpSecurity {
            cors_origins: list(&lookup, "ZORGPACT_CORS_ORIGINS")
                .map(|origin| {
                    let origin = origin.trim_end_matches('/');
                    let bare = url::Url::parse(origin).is_ok_and(|u| {
                        matches!(u.scheme(), "http" | "https") && u.path() == "/" && u.query().is_none()
                    });
                    bare.then(|| origin.to_owned()).ok_or_else(|| {
                        error(
                            "ZORGPACT_CORS_ORIGINS",
                            format!("{origin}: expected an origin like https://example.nl"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
            trusted_proxies: list(&lookup, "ZORGPACT_TRUSTED_PROXIES")
                .map(|proxy| {
                    proxy
                        .parse::<ipnet::IpNet>()
                        .or_else(|_| proxy.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                        .map_err(|_| {
                            error(
                                "ZORGPACT_TRUSTED_PROXIES",
                                format!("{proxy}: expected an address or a network like 10.0.0.0/8"),
                            )
                        })
                })
                .collect::<Result<_, _>>()?,
            hsts_max_age: match lookup("ZORGPACT_HSTS_MAX_AGE") {
                None => None,
                Some(v) => Some(v.parse().ok().filter(|n| (1..=63_072_000).contains(n)).ok_or_else(|| {
                    error(
                        "ZORGPACT_HSTS_MAX_AGE",
                        "expected seconds from 1 to 63072000 (two years)".into(),
                    )
                })?),
            },
        };
        let key = |variable: &'static str| match lookup(variable) {
            Some(secret) if secret.len() < 32 => Err(error(variable, "must be at least 32 bytes".into())),
            secret => Ok(secret),
        };
        let jwt_secret = key("ZORGPACT_JWT_SECRET")?;
        let jwt_secret_previous = key("ZORGPACT_JWT_SECRET_PREVIOUS")?;
        Ok(Self {
            addr,
            database,
            data_dir,
            web_dir,
            demo_data,
            pool,
            server,
            jwt_secret,
            jwt_secret_previous,
            production,
            allow_demo_passwords,
            barrier_deadlines,
            webhooks,
            security,
        })
    }
}

/// The non-empty items of a comma-separated variable.
fn list(lookup: &impl Fn(&str) -> Option<String>, variable: &str) -> impl Iterator<Item = String> {
    lookup(variable)
        .unwrap_or_default()
        .split(',')
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn barrier_deadlines_are_days_within_reason() {
        let c = config(&[("ZORGPACT_BARRIER_AUTO_CLOSE_DAYS", "7")]).expect("valid");
        assert_eq!(c.barrier_deadlines.auto_close_days, 7);
        assert_eq!(c.barrier_deadlines.reopen_days, 30);
        let refused = config(&[("ZORGPACT_BARRIER_REOPEN_DAYS", "0")])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            refused.as_deref(),
            Some("ZORGPACT_BARRIER_REOPEN_DAYS: expected a number of days from 1 to 3650")
        );
    }

    #[test]
    fn webhook_settings_take_switches_and_milliseconds() {
        let c = config(&[
            ("ZORGPACT_WEBHOOKS_ALLOW_LOOPBACK", "true"),
            ("ZORGPACT_WEBHOOKS_POLL_MS", "200"),
            ("ZORGPACT_WEBHOOKS_BACKOFF_MS", "100"),
        ])
        .expect("valid");
        assert!(c.webhooks.allow_loopback);
        assert_eq!(c.webhooks.poll_every, Duration::from_millis(200));
        assert_eq!(c.webhooks.backoff_base, Duration::from_millis(100));
    }

    #[test]
    fn security_settings_take_origins_networks_and_seconds() {
        let c = config(&[
            (
                "ZORGPACT_CORS_ORIGINS",
                "https://dashboard.example.nl/, http://localhost:3000",
            ),
            ("ZORGPACT_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1,::1"),
            ("ZORGPACT_HSTS_MAX_AGE", "31536000"),
        ])
        .expect("valid");
        assert_eq!(
            c.security.cors_origins,
            ["https://dashboard.example.nl", "http://localhost:3000"]
        );
        assert_eq!(c.security.trusted_proxies.len(), 3);
        assert_eq!(c.security.hsts_max_age, Some(31_536_000));
        for (variable, value) in [
            ("ZORGPACT_CORS_ORIGINS", "dashboard.example.nl"),
            ("ZORGPACT_CORS_ORIGINS", "https://example.nl/path"),
            ("ZORGPACT_CORS_ORIGINS", "ftp://example.nl"),
            ("ZORGPACT_TRUSTED_PROXIES", "10.0.0.0/33"),
            ("ZORGPACT_TRUSTED_PROXIES", "proxy.local"),
            ("ZORGPACT_HSTS_MAX_AGE", "0"),
        ] {
            let error = config(&[(variable, value)]).expect_err(value);
            assert!(error.to_string().starts_with(variable), "{error}");
        }
        let defaults = config(&[]).expect("defaults").security;
        assert!(defaults.cors_origins.is_empty() && defaults.trusted_proxies.is_empty());
        assert_eq!(defaults.hsts_max_age, None);
    }

    #[test]
    fn server_limits_take_counts_and_durations() {
        let c = config(&[
            ("ZORGPACT_DB_TIMEOUT_MS", "250"),
            ("ZORGPACT_MAX_CONNECTIONS", "100"),
            ("ZORGPACT_CLIENT_REQUEST_TIMEOUT_MS", "2000"),
            ("ZORGPACT_BODY_TIMEOUT_MS", "30000"),
            ("ZORGPACT_SHUTDOWN_TIMEOUT_SECS", "0"),
        ])
        .expect("valid");
        assert_eq!(c.pool.checkout_timeout, Duration::from_millis(250));
        assert_eq!(c.server.max_connections, 100);
        assert_eq!(c.server.client_request_timeout, Duration::from_secs(2));
        assert_eq!(c.server.body_timeout, Duration::from_secs(30));
        assert_eq!(c.server.shutdown_timeout, Duration::ZERO);
        let defaults = config(&[]).expect("defaults");
        assert_eq!(defaults.pool.max_size, 8);
        assert_eq!(defaults.pool.checkout_timeout, Duration::from_millis(500));
        assert_eq!(defaults.server.shutdown_timeout, Duration::from_secs(30));
    }

    #[test]
    fn defaults_need_no_setup() {
        let c = config(&[]).expect("defaults");
        assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(c.database, DatabaseUrl::Sqlite(PathBuf::from("./data/zorgpact.db")));
        assert!(c.demo_data, "the embedded default starts with demo data");
        assert!(!c.webhooks.allow_loopback, "webhooks go to https receivers only");
    }

    #[test]
    fn postgres_deployments_get_no_demo_data_unless_asked() {
        let c = config(&[("DATABASE_URL", "postgres://z@db/zorgpact")]).expect("pg");
        assert!(!c.demo_data);
        let c = config(&[
            ("DATABASE_URL", "postgres://z@db/zorgpact"),
            ("ZORGPACT_DEMO_DATA", "true"),
        ])
        .expect("pg");
        assert!(c.demo_data);
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (k, v) in [
            ("ZORGPACT_ADDR", "nope"),
            ("DATABASE_URL", "mysql://x"),
            ("ZORGPACT_DEMO_DATA", "maybe"),
            ("ZORGPACT_DB_POOL_SIZE", "0"),
            ("ZORGPACT_WEBHOOKS_ALLOW_LOOPBACK", "maybe"),
            ("ZORGPACT_WEBHOOKS_POLL_MS", "0"),
            ("ZORGPACT_WEBHOOKS_BACKOFF_MS", "soon"),
            ("ZORGPACT_DB_TIMEOUT_MS", "0"),
            ("ZORGPACT_MAX_CONNECTIONS", "0"),
            ("ZORGPACT_CLIENT_REQUEST_TIMEOUT_MS", "fast"),
            ("ZORGPACT_SHUTDOWN_TIMEOUT_SECS", "3601"),
            ("ZORGPACT_JWT_SECRET", "too-short"),
            ("ZORGPACT_JWT_SECRET_PREVIOUS", "too-short"),
        ] {
            let error = config(&[(k, v)]).expect_err("invalid");
            assert!(error.to_string().starts_with(k), "{error}");
        }
    }
}
