//! A streamed call, run as a task that reads the socket, decodes provider events
//! into parts, stamps each network read with its arrival time and hands the parts
//! to the consumer through a [`Batch`]. When the stream ends (or fails, or is
//! aborted) a final `end` part carries the timing record, so even a failed stream
//! reports what it measured; a failure is raised after everything that arrived.

use std::fmt::Write as _;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

use futures_util::FutureExt as _;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::batch::{Batch, BatchSink, StreamTotals};
use super::body::BodyReader;
use super::chunks::ChunkShaper;
use super::output::UsageOut;
use super::retry::{guarded, send_with_retries};
use super::timing::{estimate_tokens, Timing};
use super::{mock, Prepared};
use crate::error::{ErrorKind, LlmError, Result};
use crate::http::clock::unix_ms_now;

/// Starts the call on the current tokio runtime; the returned batch yields its parts.
/// A panic in the stream's task (a bug) still ends the stream, with a typed error,
/// so a consumer never waits forever.
pub fn start(p: Prepared, cancel: CancellationToken, shape: Shape) -> Arc<Batch> {
    let batch = Arc::new(Batch::default());
    let (task_batch, guard) = (batch.clone(), batch.clone());
    let context = p.context();
    tokio::spawn(async move {
        if let Err(panic) = AssertUnwindSafe(run(p, cancel, task_batch, shape)).catch_unwind().await {
            guard.close(Some(context(LlmError::internal_panic(&*panic))));
        }
    });
    batch
}

/// What a stream's batches hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Stream parts (`parts::StreamPart`, each with `at`): for the app, which needs
    /// no OpenAI shape.
    Parts,
    /// OpenAI `chat.completion.chunk`s, ready to hand out (with
    /// `stream_options.include_usage` the last one carries the usage with
    /// `choices: []`), for library users of every binding.
    Chunks,
}

/// Always the last element of a stream's batches, in both shapes.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
struct EndPart<'a> {
    #[serde(rename = "type")]
    #[cfg_attr(test, ts(type = "'end'"))]
    kind: &'static str,
    provider: &'a str,
    /// The stream failed or was aborted: the error follows this part.
    failed: bool,
    usage: UsageOut,
    timing: &'a Timing,
}

async fn run(mut p: Prepared, cancel: CancellationToken, batch: Arc<Batch>, shape: Shape) {
    let mut totals = StreamTotals { events: p.events, ..StreamTotals::default() };
    if shape == Shape::Chunks && !p.events {
        let created = (unix_ms_now() / 1000.0) as u64;
        totals.shaper =
            Some(ChunkShaper::new(&p.params.model, created).with_legacy_functions(p.params.legacy_functions));
    }
    let result = match p.call.is_some() {
        true => drive(&mut p, &cancel, &batch, &mut totals).await,
        false => mock::stream(&mut p, &cancel, &batch, &mut totals).await,
    };
    p.timing.finish();
    let estimate = estimate_tokens(totals.generated_chars);
    p.timing.server_reports(&totals.server);
    let timing = p.timing.build(totals.usage.completion_tokens, estimate, totals.ollama);
    let end = EndPart {
        kind: "end",
        provider: p.spec.name,
        failed: result.is_err(),
        usage: UsageOut::new(&totals.usage, p.prompt_estimate(), timing.output_tokens),
        timing: &timing,
    };
    let mut tail = Vec::new();
    // The server is always asked for usage (our timing needs it), but the caller gets
    // OpenAI's usage chunk (`choices: []`) only when it asked, as OpenAI and LiteLLM
    // do: `chunk.choices[0].delta` must not crash on a chunk nobody requested. A failed
    // stream ends with its error, not with a usage chunk.
    if let (Some(shaper), false, true) = (&totals.shaper, end.failed, p.params.include_usage()) {
        let usage = serde_json::to_vec(&end.usage).expect("usage serializes");
        let at = serde_json::to_string(&timing.end_ms).expect("a number serializes");
        shaper.write_usage(&usage, &at, &mut tail);
        tail.push(b',');
    }
    serde_json::to_writer(&mut tail, &end).expect("end part serializes");
    batch.append(&tail);
    batch.close(result.err().map(p.context()));
}

async fn drive(p: &mut Prepared, cancel: &CancellationToken, batch: &Batch, totals: &mut StreamTotals) -> Result<()> {
    let call = p.call.as_ref().expect("network calls have an HTTP call");
    let sent =
        send_with_retries(call, p.params.extra_headers.as_ref(), p.provider, &p.limits, cancel, &mut p.timing).await?;
    p.timing.response_arrived(sent.arrival);
    p.timing.response_headers(sent.response.headers());
    let status = sent.response.status().as_u16();
    let mut body = BodyReader::new(sent.response)?;
    let mut decoder = match p.events {
        true => p.provider.event_decoder().ok_or_else(|| LlmError::bad_input("this wire has no event stream"))?,
        false => p.provider.stream_decoder(),
    };
    decoder.limit_event_bytes(p.params.max_event_bytes());
    let mut scratch = Vec::with_capacity(256);
    let mut at_text = String::with_capacity(16);
    loop {
        let (read_by, idle) = p.limits.read_deadline(Instant::now());
        let on_deadline = || if idle { p.limits.idle_error() } else { p.limits.timeout_error() };
        let chunk = guarded(cancel, read_by, on_deadline, async { body.next().await.transpose() }).await?;
        let at = Instant::now();
        at_text.clear();
        let _ = write!(at_text, "{:.3}", p.timing.offset_ms(at));
        let mut sink = BatchSink::new(&mut scratch, &at_text, totals);
        let finished = chunk.is_none();
        let decoded = match chunk {
            Some(bytes) => decoder.feed(&bytes, &mut sink),
            None => {
                body.finish().and_then(|tail| decoder.feed(&tail, &mut sink)).and_then(|()| decoder.finish(&mut sink))
            }
        };
        let (parts, tokens) = (sink.parts, sink.tokens);
        if parts > 0 {
            p.timing.event_read(at);
            p.timing.tokens_read(at, tokens);
            batch.append(&scratch);
            scratch.clear();
        }
        if finished && !decoder.ended() {
            return Err(match decoded {
                // A provider's own error event at the very end is the truth.
                Err(e) if e.kind != ErrorKind::APIError => e,
                // Otherwise (nothing, or the half event a cut left) the stream was cut short.
                _ => cut_short().with_status(status),
            });
        }
        decoded.map_err(|e| e.with_status(status))?;
        if let Some(broken) = totals.protocol_error.take() {
            return Err(broken.with_status(status));
        }
        if finished {
            return Ok(());
        }
        guarded(cancel, p.limits.deadline, || p.limits.timeout_error(), async {
            batch.wait_for_room().await;
            Ok(())
        })
        .await?;
    }
}

/// A body that ended without its wire's end-of-stream signal: whatever arrived was
/// delivered, but the answer is not whole, and saying "success" would be a lie.
fn cut_short() -> LlmError {
    LlmError::connection(
        "the stream ended before the provider's end-of-stream signal ([DONE] or a finish reason; \
         Anthropic message_stop; Ollama done: true): the connection was cut or the server stopped early; \
         the text that arrived was delivered",
    )
}
