//! A response body written page by page: each page is read and rendered on the
//! blocking thread pool (`web::block`) while the previous one goes out, so an
//! export of any size holds at most two pages in memory and its first bytes leave
//! at once. actix polls the body only when its write buffer has room, so a slow
//! client slows the reading down instead of letting pages pile up.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::{self, Bytes};
use zorgpact_db::{Database, DbConnection, DbError};

use crate::error::ApiError;

/// What one step yields: the bytes of a page, and the state the next step starts
/// from (`None`: that was the last page).
pub type Step<S> = (Bytes, Option<S>);

/// Reads and renders one page.
pub type StepFn<S> = fn(&mut DbConnection, S) -> Result<Step<S>, DbError>;

type Pending<S> = Pin<Box<dyn Future<Output = Result<Step<S>, ApiError>>>>;

pub struct PagedBody<S> {
    db: Database,
    step: StepFn<S>,
    /// Bytes already produced, sent before the pending page.
    ready: Option<Bytes>,
    /// The next page, being read (started as soon as the previous one was ready).
    pending: Option<Pending<S>>,
}

impl<S: Send + 'static> PagedBody<S> {
    /// A body that starts with `first` and continues, while `next` is some state,
    /// with the pages `step` produces.
    pub fn new(db: Database, step: StepFn<S>, first: Bytes, next: Option<S>) -> Self {
        let mut body = Self {
            db,
            step,
            ready: Some(first),
            pending: None,
        };
        if let Some(state) = next {
            body.start(state);
        }
        body
    }

    /// Starts reading the next page; `web::block` runs it at once, not when polled.
    fn start(&mut self, state: S) {
        let (db, step) = (self.db.clone(), self.step);
        let job = web::block(move || {
            let mut conn = db.conn()?;
            step(&mut conn, state)
        });
        self.pending = Some(Box::pin(async move {
            job.await
                .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
                .map_err(ApiError::from)
        }));
    }
}

impl<S: Send + 'static> MessageBody for PagedBody<S> {
    type Error = ApiError;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, ApiError>>> {
        let this = self.get_mut();
        loop {
            if let Some(bytes) = this.ready.take().filter(|b| !b.is_empty()) {
                return Poll::Ready(Some(Ok(bytes)));
            }
            let Some(pending) = this.pending.as_mut() else {
                return Poll::Ready(None);
            };
            match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(error)) => {
                    this.pending = None;
                    // The status line is long gone: the client learns of the failure
                    // from the connection closing before the end of the body.
                    tracing::error!(%error, "export stopped");
                    return Poll::Ready(Some(Err(error)));
                }
                Poll::Ready(Ok((bytes, next))) => {
                    this.pending = None;
                    if let Some(state) = next {
                        this.start(state);
                    }
                    this.ready = Some(bytes);
                }
            }
        }
    }
}
