//! Brute-force protection: failed logins are counted per account and per address
//! in the database (shared by all instances); past the limit a login answers 429
//! with `Retry-After` until the oldest failure leaves the window.

use chrono::{Duration, NaiveDateTime, Utc};
use zorgpact_db::{DbConnection, DbError, sessions};

pub const WINDOW: Duration = Duration::minutes(15);
pub const MAX_PER_ACCOUNT: i64 = 5;
pub const MAX_PER_ADDRESS: i64 = 20;

pub struct LoginKeys {
    pub account: String,
    pub address: String,
}

impl LoginKeys {
    pub fn new(account: &str, address: &str) -> Self {
        Self {
            account: format!("account:{}", account.trim().to_lowercase()),
            address: format!("address:{address}"),
        }
    }

    pub fn all(&self) -> Vec<String> {
        vec![self.account.clone(), self.address.clone()]
    }
}

/// Seconds to wait when either key is over its limit.
pub fn blocked_for(conn: &mut DbConnection, keys: &LoginKeys) -> Result<Option<u64>, DbError> {
    let now = Utc::now().naive_utc();
    let since = now - WINDOW;
    let mut wait: Option<u64> = None;
    for (key, limit) in [(&keys.account, MAX_PER_ACCOUNT), (&keys.address, MAX_PER_ADDRESS)] {
        let (count, oldest) = sessions::recent_failures(conn, key, since)?;
        if count >= limit {
            let seconds = seconds_until_free(oldest.unwrap_or(now), now);
            wait = Some(wait.map_or(seconds, |w| w.max(seconds)));
        }
    }
    Ok(wait)
}

fn seconds_until_free(oldest: NaiveDateTime, now: NaiveDateTime) -> u64 {
    u64::try_from((oldest + WINDOW - now).num_seconds()).unwrap_or(0).max(1)
}
