//! Computed figures kept in memory under the figures' generation (see
//! [`figures_generation`]): a repeat of a request answers from here, and a
//! conditional repeat (`If-None-Match`) is a 304 without computing anything.
//!
//! An answer is kept under the generation it was computed at, read in the same
//! snapshot as its data. A write of a value, target, indicator or region moves the
//! generation when it commits, in its own transaction; the next request reads the
//! new one, misses, and computes. So figures are never stale, on any instance, and
//! there is no batch job or invalidation step to forget. Answers of an older
//! generation are dropped as soon as a newer one is seen.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use actix_web::HttpRequest;
use actix_web::web::Bytes;
use chrono::{NaiveDate, NaiveDateTime};
use zorgpact_db::analytics::figures_generation;
use zorgpact_db::{DbConnection, DbError};

use super::cache::entity_tag;
use super::generation_reads::GenerationReads;
use super::today;
use crate::error::ApiError;

/// Bodies kept at most, in bytes: the analytics table's largest answers are a few
/// MB, a series or roll-up some KB. Past it, new answers are served but not kept
/// until the generation moves.
const KEPT_BYTES_MAX: usize = 64 * 1024 * 1024;

/// One computed answer, as sent.
#[derive(Debug)]
pub struct Answer {
    pub body: Bytes,
    /// Strong tag: a hash of the body.
    pub tag: String,
    pub last_modified: NaiveDateTime,
    pub content_type: &'static str,
}

impl Answer {
    pub fn new(body: Vec<u8>, last_modified: NaiveDateTime, content_type: &'static str) -> Self {
        Self {
            tag: entity_tag(&body),
            // Kept while current: without the room the body grew into, up to
            // twice its length.
            body: Bytes::from(body.into_boxed_slice()),
            last_modified,
            content_type,
        }
    }
}

/// What identifies an answer besides the generation and the day (relative periods
/// resolve against it): the path and query as sent, and the format chosen. Answers
/// do not depend on who asks (figures are public, or read alike by every signed-in
/// caller).
pub fn key_of(req: &HttpRequest, content_type: &str) -> String {
    format!("{}?{}|{content_type}", req.path(), req.query_string())
}

/// Stripes of the computations in flight (see [`FigureMemo::computing`]).
const COMPUTING_STRIPES: usize = 16;

#[derive(Debug, Default)]
pub struct FigureMemo {
    kept: Mutex<Kept>,
    computing: [tokio::sync::Mutex<()>; COMPUTING_STRIPES],
    /// The generation stored now, read once for the requests that ask at once.
    pub generations: GenerationReads,
}

#[derive(Debug, Default)]
struct Kept {
    generation: i64,
    day: Option<NaiveDate>,
    answers: HashMap<String, Arc<Answer>>,
    bytes: usize,
}

impl Kept {
    /// Forgets everything when a newer generation (or day) is seen; whether
    /// answers of `generation` may be kept.
    fn advance(&mut self, generation: i64, day: NaiveDate) -> bool {
        if generation > self.generation || self.day != Some(day) {
            *self = Kept {
                generation,
                day: Some(day),
                ..Kept::default()
            };
        }
        generation == self.generation
    }
}

impl FigureMemo {
    /// Held while the answer to `key` is computed: requests that miss the same
    /// answer at once wait here, holding no database connection, and then find it
    /// kept, instead of computing it side by side (at scale M, 32 clients asking
    /// for one large table took every connection and left the rest to time out).
    /// Keys share one of a few stripes: answers of different keys may wait for
    /// each other, which on a few cores costs little.
    pub fn computing(&self, key: &str) -> &tokio::sync::Mutex<()> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut hasher);
        // The remainder is below COMPUTING_STRIPES: the cast cannot truncate.
        &self.computing[(hasher.finish() % COMPUTING_STRIPES as u64) as usize]
    }

    /// The answer to `key` if one is kept for the generation stored now. Needs no
    /// snapshot: a kept answer was computed from one that saw this generation.
    pub fn kept(&self, conn: &mut DbConnection, key: &str) -> Result<Option<Arc<Answer>>, DbError> {
        Ok(self.kept_at(figures_generation(conn)?, key))
    }

    /// The answer to `key` if one is kept for `generation`, read as the
    /// generation stored now.
    pub fn kept_at(&self, generation: i64, key: &str) -> Option<Arc<Answer>> {
        let mut kept = self.lock();
        if kept.advance(generation, today()) {
            kept.answers.get(key).cloned()
        } else {
            None
        }
    }

    /// The answer to `key`: kept, or computed by `compute` and kept. Runs inside
    /// the caller's read snapshot, so the generation and the data agree.
    pub fn answer(
        &self,
        conn: &mut DbConnection,
        key: &str,
        compute: impl FnOnce(&mut DbConnection) -> Result<Answer, ApiError>,
    ) -> Result<Arc<Answer>, ApiError> {
        let generation = figures_generation(conn)?;
        let day = today();
        {
            let mut kept = self.lock();
            if kept.advance(generation, day)
                && let Some(answer) = kept.answers.get(key)
            {
                return Ok(answer.clone());
            }
        }
        let answer = Arc::new(compute(conn)?);
        let mut kept = self.lock();
        if kept.advance(generation, day) && kept.bytes + answer.body.len() <= KEPT_BYTES_MAX {
            kept.bytes += answer.body.len();
            if let Some(previous) = kept.answers.insert(key.to_owned(), answer.clone()) {
                kept.bytes -= previous.body.len();
            }
        }
        Ok(answer)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        // A panic while holding the lock leaves nothing half-done worth keeping.
        self.kept.lock().unwrap_or_else(|poisoned| {
            let mut kept = poisoned.into_inner();
            *kept = Kept::default();
            kept
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 6).expect("date")
    }

    #[test]
    fn a_newer_generation_or_day_forgets_what_was_kept() {
        let mut kept = Kept::default();
        assert!(kept.advance(3, day()));
        kept.answers.insert(
            "a".into(),
            Arc::new(Answer::new(b"{}".to_vec(), NaiveDateTime::default(), "x")),
        );
        kept.bytes = 2;
        assert!(kept.advance(3, day()));
        assert_eq!(kept.answers.len(), 1);
        // A slower request that read an older generation may not keep its answer.
        assert!(!kept.advance(2, day()));
        assert_eq!(kept.answers.len(), 1);
        assert!(kept.advance(4, day()));
        assert!(kept.answers.is_empty());
        assert_eq!(kept.bytes, 0);
        kept.answers.insert(
            "a".into(),
            Arc::new(Answer::new(b"{}".to_vec(), NaiveDateTime::default(), "x")),
        );
        assert!(kept.advance(4, day().succ_opt().expect("next day")));
        assert!(kept.answers.is_empty());
    }
}
