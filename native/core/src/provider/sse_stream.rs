//! The [`StreamDecoder`] of every SSE wire: SSE framing (shared) plus a per-wire
//! handler that turns each event into parts and keeps that wire's state.

use super::StreamDecoder;
use crate::decode::sse::{SseDecoder, SseEvent};
use crate::error::Result;
use crate::parts::PartSink;

/// One wire's reading of SSE events.
pub trait SseEvents: Send {
    fn on_event(&mut self, event: SseEvent<'_>, sink: &mut dyn PartSink) -> Result<()>;
    /// Whether this wire's terminal event was seen (see [`StreamDecoder::ended`]).
    fn ended(&self) -> bool;
}

#[derive(Default)]
pub struct SseStream<E> {
    sse: SseDecoder,
    events: E,
}

impl<E> SseStream<E> {
    /// A decoder whose wire handler starts in the given state.
    pub fn with(events: E) -> Self {
        Self { sse: SseDecoder::default(), events }
    }
}

impl<E: SseEvents> StreamDecoder for SseStream<E> {
    fn feed(&mut self, bytes: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        let Self { sse, events } = self;
        sse.feed(bytes, |e| events.on_event(e, sink))
    }

    fn finish(&mut self, sink: &mut dyn PartSink) -> Result<()> {
        let Self { sse, events } = self;
        sse.finish(|e| events.on_event(e, sink))
    }

    fn limit_event_bytes(&mut self, max: usize) {
        self.sse.set_max(max);
    }

    fn ended(&self) -> bool {
        self.events.ended()
    }
}
