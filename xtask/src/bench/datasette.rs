//! The analyst's alternative: Datasette (PyPI) serving a copy of the same data as
//! one SQLite file (`zorgpact backup`), answering the equivalent SQL.

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::python;

const REQUIREMENTS: &[&str] = &["datasette==0.65.5"];

/// A series of one indicator for the regions, as Zorgpact's series endpoint reads it.
pub const SERIES_SQL: &str = "select region_code, period, value, status, source from indicator_values \
    where indicator_code = :indicator and period_start >= :first and period_start <= :last \
    order by region_code, period_start";
/// The national roll-up of a summed indicator: the sum per period and how many
/// regions reported.
pub const NATIONAL_SQL: &str = "select period, sum(value) as value, count(*) as reported from indicator_values \
    where indicator_code = :indicator and period_start >= :first and period_start <= :last \
    group by period order by period";

/// A started Datasette; stopped when dropped.
pub struct Datasette {
    child: Child,
    port: u16,
}

impl Datasette {
    /// Serves `database` read-only (`-i`: immutable, as a copy is), with room for
    /// the answers' sizes.
    pub fn start(target_dir: &Path, database: &Path) -> Result<Self> {
        let venv = python::venv(target_dir, "datasette", REQUIREMENTS)?;
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new(venv.join("bin/datasette"))
            .arg("serve")
            .arg("-i")
            .arg(database)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--setting", "max_returned_rows", "1000000"])
            .args(["--setting", "sql_time_limit_ms", "60000"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context("start datasette")?;
        let mut datasette = Self { child, port };
        datasette.wait_until_up()?;
        Ok(datasette)
    }

    fn wait_until_up(&mut self) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                let mut stderr = String::new();
                if let Some(mut pipe) = self.child.stderr.take() {
                    pipe.read_to_string(&mut stderr)?;
                }
                bail!("datasette exited ({status}): {stderr}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        bail!("datasette did not answer within 60 s")
    }

    /// The URL of `sql` with its parameters, as JSON rows.
    pub fn url(&self, database: &str, sql: &str, params: &[(&str, &str)]) -> String {
        let mut url = format!(
            "http://127.0.0.1:{}/{database}.json?_shape=array&sql={}",
            self.port,
            encode(sql)
        );
        for (name, value) in params {
            url.push_str(&format!("&{name}={}", encode(value)));
        }
        url
    }
}

impl Drop for Datasette {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encoding of a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
