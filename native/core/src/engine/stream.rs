//! A streamed call, run as a task that reads the socket, decodes provider events
//! into parts, stamps each network read with its arrival time and hands the parts
//! to the consumer through a [`Batch`]. When the stream ends (or fails, or is
//! aborted) a final `end` part carries the timing record, so even a failed stream
//! reports what it measured; a failure is raised after everything that arrived.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use http_body_util::BodyExt;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::batch::{Batch, BatchSink, StreamTotals};
use super::output::UsageOut;
use super::retry::{guarded, send_with_retries};
use super::timing::{estimate_tokens, Timing};
use super::{mock, Prepared};
use crate::error::{LlmError, Result};

/// Starts the call on the current tokio runtime; the returned batch yields its parts.
pub fn start(p: Prepared, cancel: CancellationToken) -> Arc<Batch> {
    let batch = Arc::new(Batch::default());
    tokio::spawn(run(p, cancel, batch.clone()));
    batch
}

#[derive(Serialize)]
struct EndPart<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    provider: &'a str,
    /// The stream failed or was aborted: the error follows this part.
    failed: bool,
    usage: UsageOut,
    timing: &'a Timing,
}

async fn run(mut p: Prepared, cancel: CancellationToken, batch: Arc<Batch>) {
    let mut totals = StreamTotals::default();
    let result = match p.call.is_some() {
        true => drive(&mut p, &cancel, &batch, &mut totals).await,
        false => mock::stream(&mut p, &cancel, &batch, &mut totals).await,
    };
    p.timing.finish();
    let estimate = estimate_tokens(totals.generated_chars);
    let timing = p.timing.build(totals.usage.completion_tokens, estimate, totals.ollama);
    let end = EndPart {
        kind: "end",
        provider: p.spec.name,
        failed: result.is_err(),
        usage: UsageOut::new(&totals.usage, p.prompt_estimate(), timing.output_tokens),
        timing: &timing,
    };
    batch.append(&serde_json::to_vec(&end).expect("end part serializes"));
    batch.close(result.err().map(p.context()));
}

async fn drive(p: &mut Prepared, cancel: &CancellationToken, batch: &Batch, totals: &mut StreamTotals) -> Result<()> {
    let call = p.call.as_ref().expect("network calls have an HTTP call");
    let sent =
        send_with_retries(call, p.params.extra_headers.as_ref(), p.provider, &p.limits, cancel, &mut p.timing).await?;
    p.timing.response_arrived(sent.arrival);
    let mut body = sent.response.into_body();
    let mut decoder = p.provider.stream_decoder();
    let mut scratch = Vec::with_capacity(256);
    let mut at_text = String::with_capacity(16);
    let deadline = p.limits.deadline;
    loop {
        let frame = guarded(cancel, deadline, || p.limits.timeout_error(), async {
            body.frame()
                .await
                .transpose()
                .map_err(|e| LlmError::connection(format!("the connection broke mid-stream: {e}")))
        })
        .await?;
        let at = Instant::now();
        at_text.clear();
        let _ = write!(at_text, "{:.3}", p.timing.offset_ms(at));
        let mut sink = BatchSink::new(&mut scratch, &at_text, totals);
        let finished = frame.is_none();
        let decoded = match frame.as_ref().map(|f| f.data_ref()) {
            Some(Some(bytes)) => decoder.feed(bytes, &mut sink),
            Some(None) => Ok(()), // trailers carry no events
            None => decoder.finish(&mut sink),
        };
        let (parts, tokens) = (sink.parts, sink.tokens);
        if parts > 0 {
            p.timing.event_read(at);
            p.timing.tokens_read(at, tokens);
            batch.append(&scratch);
            scratch.clear();
        }
        decoded?;
        if finished {
            return Ok(());
        }
        guarded(cancel, deadline, || p.limits.timeout_error(), async {
            batch.wait_for_room().await;
            Ok(())
        })
        .await?;
    }
}
