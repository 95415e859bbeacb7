//! A whole (non-streaming) call: send with retries, read the body under the
//! deadline, parse it into parts, answer an OpenAI `chat.completion` as JSON.

use std::time::Instant;

use tokio_util::sync::CancellationToken;

use super::body::BodyReader;
use super::output::{completion_json, CompletionContext};
use super::retry::{guarded, send_with_retries};
use super::timing::estimate_tokens;
use super::{mock, Prepared};
use crate::accumulate::Accumulator;
use crate::error::Result;

pub async fn complete(mut p: Prepared, cancel: CancellationToken) -> Result<String> {
    if p.call.is_none() {
        let result = mock::complete(&mut p, &cancel).await;
        return result.map_err(p.context());
    }
    let context = p.context();
    let WholeReply { acc, .. } = whole_reply(&mut p, &cancel).await.map_err(&context)?;
    let generated = acc.generated_chars();
    p.timing.server_reports(&acc.server);
    let timing = p.timing.build(acc.usage.completion_tokens, estimate_tokens(generated), acc.ollama);
    let ctx = CompletionContext {
        provider: p.spec.name,
        requested_model: &p.model,
        prompt_estimate: p.prompt_estimate(),
        legacy_functions: p.params.legacy_functions,
    };
    Ok(completion_json(&ctx, &acc, &timing))
}

/// A whole reply, read and parsed: what `complete()` and `responses()` share.
pub(super) struct WholeReply {
    pub status: u16,
    pub body: Vec<u8>,
    pub acc: Accumulator,
}

/// Sends the call with its limits, reads the body under the deadline (capped at
/// `max_event_bytes`), records the timing and parses it into an [`Accumulator`];
/// a reply that breaks the protocol is refused with the status it came with.
pub(super) async fn whole_reply(p: &mut Prepared, cancel: &CancellationToken) -> Result<WholeReply> {
    let call = p.call.as_ref().expect("a whole reply needs a request");
    let sent =
        send_with_retries(call, p.params.extra_headers.as_ref(), p.provider, &p.limits, cancel, &mut p.timing).await?;
    p.timing.response_arrived(sent.arrival);
    p.timing.response_headers(sent.response.headers());
    let status = sent.response.status().as_u16();
    let cap = p.params.max_event_bytes();
    let reading = async { BodyReader::new(sent.response)?.read_all(cap, "the response").await };
    let body = guarded(cancel, p.limits.deadline, || p.limits.timeout_error(), reading).await?;
    let at = Instant::now();
    p.timing.event_read(at);
    p.timing.tokens_read(at, 1);
    p.timing.finish();
    let mut acc = Accumulator::default();
    p.provider.parse_chat(&body, &mut acc).map_err(|e| e.with_status(status))?;
    if let Some(broken) = acc.protocol_error.take() {
        return Err(broken.with_status(status));
    }
    p.timing.server_reports(&acc.server);
    Ok(WholeReply { status, body, acc })
}

impl Prepared {
    /// Prompt size estimate for providers that report no usage.
    pub(crate) fn prompt_estimate(&self) -> u32 {
        let chars: usize = self
            .params
            .messages
            .iter()
            .filter_map(|m| m.content.as_ref())
            .map(|c| c.joined_text().chars().count())
            .sum();
        estimate_tokens(chars)
    }
}
