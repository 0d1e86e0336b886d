//! A body kept in memory, sent in slices.
//!
//! actix copies each chunk a body yields into the connection's write buffer
//! before the socket takes it. A kept answer of several MB sent as one chunk
//! was therefore copied whole for every client reading it: at scale M, 32
//! clients of the analytics table held some 200 MB of copies, and at L, 32 of
//! the 24 MB series about 750 MB. In slices, each connection buffers about one
//! slice; the slices share the kept bytes (`Bytes::split_to` copies nothing).

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, MessageBody};
use actix_web::web::Bytes;

/// The size of one slice: as actix-files streams a file.
const SLICE: usize = 64 * 1024;

pub struct SlicedBody {
    size: u64,
    rest: Bytes,
}

impl SlicedBody {
    pub fn new(body: Bytes) -> Self {
        Self {
            size: body.len() as u64,
            rest: body,
        }
    }
}

impl MessageBody for SlicedBody {
    type Error = Infallible;

    /// The whole length, so the response carries `Content-Length`.
    fn size(&self) -> BodySize {
        BodySize::Sized(self.size)
    }

    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Bytes, Infallible>>> {
        let this = self.get_mut();
        if this.rest.is_empty() {
            return Poll::Ready(None);
        }
        let slice = this.rest.split_to(this.rest.len().min(SLICE));
        Poll::Ready(Some(Ok(slice)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn the_slices_make_the_whole_body_with_its_length() {
        let body: Vec<u8> = (0..200_000u32).map(|n| (n % 251) as u8).collect();
        let sliced = SlicedBody::new(Bytes::from(body.clone()));
        assert_eq!(sliced.size(), BodySize::Sized(200_000));
        let sent = actix_web::body::to_bytes(sliced).await.expect("the body");
        assert_eq!(sent, body);
    }
}
