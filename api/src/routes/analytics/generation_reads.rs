//! Reading the figures' generation once for many requests.
//!
//! Every figure answered needs the generation stored now (see
//! [`memo`](super::memo)): an answer kept in memory is current only if no write
//! moved it. Read per request, that is a statement per answer; on PostgreSQL a
//! round trip, which cost more than the rest of answering from memory (at scale M
//! the national roll-up answered a third of SQLite's requests per second).
//!
//! Requests that arrive while a read is in flight join the next read instead:
//! one read at a time, each answering every request that joined before it was
//! sent. A read sent after a request arrived sees every write committed before
//! it arrived, so each request still sees the writes before it, on any
//! instance. Under load, reads go at one per round trip whatever the number of
//! requests; a request waits at most for the read in flight and its own.

use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::error::ApiError;

/// One read and the requests that joined it.
#[derive(Debug, Default)]
struct Round {
    /// Set by the round's first request, which sends the read, for all of them.
    generation: tokio::sync::OnceCell<Result<i64, Arc<ApiError>>>,
}

#[derive(Debug)]
pub struct GenerationReads {
    /// The round that arriving requests join: its read is not sent yet.
    open: Mutex<Arc<Round>>,
    /// Held while a read is in flight: one at a time.
    sending: tokio::sync::Mutex<()>,
}

impl Default for GenerationReads {
    fn default() -> Self {
        Self {
            open: Mutex::new(Arc::default()),
            sending: tokio::sync::Mutex::new(()),
        }
    }
}

impl GenerationReads {
    /// The generation stored now, as of some moment after this call began:
    /// `read` reads it from the database, and runs for this request or for one
    /// that joined the same round.
    pub async fn current<F, Fut>(&self, read: F) -> Result<i64, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<i64, ApiError>>,
    {
        let round = self.lock().clone();
        let outcome = round
            .generation
            .get_or_init(|| async {
                let _turn = self.sending.lock().await;
                // Requests arriving from now on join the next round: this read
                // may be on its way before they arrive.
                *self.lock() = Arc::default();
                read().await.map_err(Arc::new)
            })
            .await;
        match outcome {
            Ok(generation) => Ok(*generation),
            Err(error) => Err(shared_error(error)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Arc<Round>> {
        // The guarded value is replaced whole: a poisoned one is still sound.
        self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The error of a read, for each request that joined it.
fn shared_error(error: &ApiError) -> ApiError {
    match error {
        ApiError::Unavailable(cause) => ApiError::Unavailable(cause.clone()),
        other => ApiError::Internal(format!("reading the figures' generation: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    /// A stored generation that writes move, and a read that takes a while.
    #[derive(Default)]
    struct Store {
        generation: AtomicI64,
        reads: AtomicUsize,
    }

    impl Store {
        async fn read(&self) -> Result<i64, ApiError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            // The statement's snapshot is taken when the server gets it.
            let seen = self.generation.load(Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(seen)
        }
    }

    #[actix_web::test]
    async fn requests_at_once_share_reads() {
        let (reads, store) = (Arc::new(GenerationReads::default()), Arc::new(Store::default()));
        let requests: Vec<_> = (0..32)
            .map(|_| {
                let (reads, store) = (reads.clone(), store.clone());
                actix_web::rt::spawn(async move { reads.current(|| store.read()).await })
            })
            .collect();
        for request in requests {
            assert_eq!(request.await.expect("joined").expect("read"), 0);
        }
        let sent = store.reads.load(Ordering::SeqCst);
        assert!(sent <= 2, "32 requests at once sent {sent} reads");
    }

    #[actix_web::test]
    async fn a_request_sees_a_write_made_before_it_arrived_while_a_read_was_in_flight() {
        let (reads, store) = (Arc::new(GenerationReads::default()), Arc::new(Store::default()));
        let early = {
            let (reads, store) = (reads.clone(), store.clone());
            actix_web::rt::spawn(async move { reads.current(|| store.read()).await })
        };
        // The early request's read is in flight, having seen generation 0.
        tokio::time::sleep(Duration::from_millis(5)).await;
        store.generation.store(1, Ordering::SeqCst);
        let late = reads.current(|| store.read()).await.expect("read");
        assert_eq!(early.await.expect("joined").expect("read"), 0);
        assert_eq!(late, 1, "the later request waited for a read sent after it arrived");
    }

    #[actix_web::test]
    async fn a_failed_read_fails_its_round_only() {
        let reads = GenerationReads::default();
        let failed = reads
            .current(|| async { Err(ApiError::Unavailable("database away".into())) })
            .await;
        assert!(matches!(failed, Err(ApiError::Unavailable(_))), "{failed:?}");
        assert_eq!(reads.current(|| async { Ok(7) }).await.expect("read"), 7);
    }
}
