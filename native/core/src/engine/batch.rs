//! The hand-off between the task reading a stream and its JS consumer. Parts from
//! one network read are serialized once into a scratch buffer and appended to a
//! shared JSON array under one lock; the consumer takes everything accumulated so
//! far in one crossing. When the consumer is slower than the network, batches
//! grow (fewer crossings); past a high-water mark the reader stops reading the
//! socket until the consumer catches up (TCP back-pressure).

use std::sync::Mutex;

use tokio::sync::Notify;

use super::chunks::ChunkShaper;
use crate::accumulate::{choice_index_error, tool_call_index_error, MAX_TOOL_CALL_INDEX};
use crate::error::{LlmError, Result};
use crate::parts::{OllamaTimings, PartSink, StreamPart, UsagePart, MAX_CHOICE_INDEX};
use crate::server_timing::ServerTimings;

/// Above this many buffered bytes the reader waits for the consumer.
const HIGH_WATER: usize = 4 << 20;

#[derive(Default)]
struct State {
    /// A JSON array under construction: "[" then parts separated by ",".
    json: Vec<u8>,
    finished: bool,
    error: Option<LlmError>,
}

pub struct Batch {
    state: Mutex<State>,
    ready: Notify,
    drained: Notify,
}

fn fresh_array() -> Vec<u8> {
    let mut v = Vec::with_capacity(256);
    v.push(b'[');
    v
}

impl Default for Batch {
    fn default() -> Self {
        Self {
            state: Mutex::new(State { json: fresh_array(), ..State::default() }),
            ready: Notify::new(),
            drained: Notify::new(),
        }
    }
}

impl Batch {
    /// Appends already-serialized, comma-separated parts.
    pub fn append(&self, parts: &[u8]) {
        if parts.is_empty() {
            return;
        }
        {
            let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if s.json.len() > 1 {
                s.json.push(b',');
            }
            s.json.extend_from_slice(parts);
        }
        self.ready.notify_one();
    }

    /// Waits while the consumer has more than [`HIGH_WATER`] bytes to take.
    pub async fn wait_for_room(&self) {
        loop {
            if self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner).json.len() < HIGH_WATER {
                return;
            }
            self.drained.notified().await;
        }
    }

    /// No more parts will come; `error` is raised after the parts already queued.
    pub fn close(&self, error: Option<LlmError>) {
        {
            let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            s.finished = true;
            s.error = error;
        }
        self.ready.notify_one();
    }

    /// The next batch as a JSON array string; `None` once finished and drained.
    pub async fn next(&self) -> Result<Option<String>> {
        loop {
            {
                let mut s = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if s.json.len() > 1 {
                    let mut out = std::mem::replace(&mut s.json, fresh_array());
                    drop(s);
                    self.drained.notify_one();
                    out.push(b']');
                    return Ok(Some(String::from_utf8(out).expect("serde_json writes UTF-8")));
                }
                if let Some(e) = s.error.take() {
                    return Err(e);
                }
                if s.finished {
                    return Ok(None);
                }
            }
            self.ready.notified().await;
        }
    }
}

/// What a stream learned beyond its parts, for the final timing record.
#[derive(Debug, Default)]
pub struct StreamTotals {
    pub usage: UsagePart,
    pub generated_chars: usize,
    pub ollama: Option<OllamaTimings>,
    pub server: ServerTimings,
    pub saw_tool_call: bool,
    /// The first way the stream broke the protocol; the stream fails with it.
    pub protocol_error: Option<LlmError>,
    /// Set when the stream hands out OpenAI chunks rather than parts.
    pub shaper: Option<ChunkShaper>,
    /// The caller asked for the provider's own events (`responses()`): only
    /// `StreamPart::Event`s are written; the other parts still count for timing.
    pub events: bool,
}

/// What a parts batch holds: a part with `at`, its arrival offset in ms from the
/// call's start, appended by [`BatchSink`]. Declared for the generated TypeScript
/// types only (the sink writes the field itself, without this struct).
#[cfg(test)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
struct TimedPart<'a> {
    #[ts(flatten)]
    part: StreamPart<'a>,
    at: f64,
}

/// Serializes the parts of one network read, stamping each with its arrival offset.
pub struct BatchSink<'a> {
    out: &'a mut Vec<u8>,
    at: &'a str,
    totals: &'a mut StreamTotals,
    pub tokens: usize,
    pub parts: usize,
}

impl<'a> BatchSink<'a> {
    pub fn new(out: &'a mut Vec<u8>, at: &'a str, totals: &'a mut StreamTotals) -> Self {
        Self { out, at, totals, tokens: 0, parts: 0 }
    }
}

impl PartSink for BatchSink<'_> {
    fn part(&mut self, mut part: StreamPart<'_>) {
        match &mut part {
            StreamPart::Text { text } | StreamPart::Reasoning { text } => {
                self.totals.generated_chars += text.chars().count()
            }
            StreamPart::ToolCall { index, .. } if *index > MAX_TOOL_CALL_INDEX => {
                let index = *index;
                self.totals.protocol_error.get_or_insert_with(|| tool_call_index_error(index));
                return;
            }
            StreamPart::ToolCall { arguments, .. } => {
                self.totals.generated_chars += arguments.chars().count();
                self.totals.saw_tool_call = true;
            }
            StreamPart::Usage(u) => self.totals.usage.merge(u),
            StreamPart::Ollama(t) => self.totals.ollama = Some(*t),
            StreamPart::Finish { reason } => *reason = reason.given_tool_calls(self.totals.saw_tool_call),
            StreamPart::Choice { index } if *index > MAX_CHOICE_INDEX => {
                let index = *index;
                self.totals.protocol_error.get_or_insert_with(|| choice_index_error(index));
                return;
            }
            StreamPart::Server(report) => {
                // Reaches the caller in the timing record, not as a part or chunk.
                self.totals.server.record(report);
                return;
            }
            StreamPart::Event { .. } if !self.totals.events => return,
            StreamPart::Meta { .. }
            | StreamPart::ReasoningSignature { .. }
            | StreamPart::Choice { .. }
            | StreamPart::Logprobs { .. }
            | StreamPart::MessageField { .. }
            | StreamPart::Event { .. } => {}
        }
        self.tokens += usize::from(part.is_token());
        self.parts += 1;
        if self.totals.events {
            if let StreamPart::Event { json } = &part {
                write_event(self.out, json, self.at);
            }
            return;
        }
        if let Some(shaper) = &mut self.totals.shaper {
            shaper.write(&part, self.at, self.out);
            return;
        }
        if !self.out.is_empty() {
            self.out.push(b',');
        }
        serde_json::to_writer(&mut *self.out, &part).expect("parts serialize");
        // Replace the closing brace with the arrival offset: one write, no map.
        self.out.pop();
        self.out.extend_from_slice(b",\"at\":");
        self.out.extend_from_slice(self.at.as_bytes());
        self.out.push(b'}');
    }
}

/// A provider's event object with `_arrival_ms` added before its closing brace.
fn write_event(out: &mut Vec<u8>, json: &str, at: &str) {
    let Some(body) = json.trim().strip_suffix('}') else { return };
    if !out.is_empty() {
        out.push(b',');
    }
    out.extend_from_slice(body.as_bytes());
    if body.trim_end() != "{" {
        out.push(b',');
    }
    out.extend_from_slice(b"\"_arrival_ms\":");
    out.extend_from_slice(at.as_bytes());
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[tokio::test]
    async fn batches_in_order_then_error_then_nothing() {
        let batch = Batch::default();
        let mut scratch = Vec::new();
        let mut totals = StreamTotals::default();
        let mut sink = BatchSink::new(&mut scratch, "1.500", &mut totals);
        sink.part(StreamPart::Text { text: Cow::Borrowed("a\"b") });
        sink.part(StreamPart::Text { text: Cow::Borrowed("") });
        assert_eq!(sink.tokens, 1);
        batch.append(&scratch);
        batch.append(br#"{"type":"end"}"#);
        batch.close(Some(LlmError::aborted()));
        let json = batch.next().await.unwrap().unwrap();
        assert_eq!(
            json,
            r#"[{"type":"text","text":"a\"b","at":1.500},{"type":"text","text":"","at":1.500},{"type":"end"}]"#
        );
        assert!(batch.next().await.is_err());
        assert_eq!(batch.next().await.unwrap(), None);
    }
}
