//! `mock_response`: an answer without any network, whole or streamed, through the
//! same parts, batching and timing as a real call. With `mock_ttft_ms` and
//! `mock_tokens_per_second` it paces itself like a provider, which makes it the
//! baseline for measuring the client's own overhead.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::batch::{Batch, BatchSink, StreamTotals};
use super::output::{completion_json, generated_id, CompletionContext};
use super::retry::guarded;
use super::timing::estimate_tokens;
use super::Prepared;
use crate::accumulate::Accumulator;
use crate::error::Result;
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};

/// Splits text into tokens of at most four visible characters, each keeping its
/// leading whitespace, the way BPE tokenizers attach spaces to the next word. Four
/// characters is the average English token, so a mock's pace and token count look
/// like a real provider's (and agree with the chars/4 estimate used elsewhere).
pub fn split_tokens(text: &str) -> Vec<&str> {
    const MAX_CHARS: usize = 4;
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut visible = 0;
    let mut prev_space = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        // A new token starts at whitespace after a word, or when a word piece is full.
        if i > start && ((space && !prev_space) || (!space && visible == MAX_CHARS)) {
            tokens.push(&text[start..i]);
            start = i;
            visible = 0;
        }
        if !space {
            visible += 1;
        }
        prev_space = space;
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

struct Pace {
    first: Duration,
    interval: Duration,
}

/// The pacing asked for. Values are range-checked in `request.rs`; a tiny rate still
/// makes an interval too long for a `Duration`, so conversions saturate.
fn pace(p: &Prepared) -> Pace {
    let first =
        Duration::try_from_secs_f64(p.params.mock_ttft_ms.unwrap_or(0.0).max(0.0) / 1000.0).unwrap_or(Duration::MAX);
    let interval = match p.params.mock_tokens_per_second {
        Some(rate) if rate > 0.0 => Duration::try_from_secs_f64(1.0 / rate).unwrap_or(Duration::MAX),
        _ => Duration::ZERO,
    };
    Pace { first, interval }
}

impl Pace {
    /// When token `i` is due; `None` when that is beyond any representable instant
    /// (the call's deadline comes first).
    fn due(&self, start: Instant, i: usize) -> Option<Instant> {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        start.checked_add(self.first.saturating_add(self.interval.saturating_mul(i)))
    }
}

fn emit_all(p: &Prepared, tokens: &[&str], sink: &mut dyn PartSink) {
    sink.part(StreamPart::Meta { id: Cow::Owned(generated_id()), model: Cow::Borrowed(&p.model) });
    for t in tokens {
        sink.part(StreamPart::Text { text: Cow::Borrowed(t) });
    }
    sink.part(StreamPart::Finish { reason: FinishReason::Stop });
    sink.part(StreamPart::Usage(usage(p, tokens.len())));
}

fn usage(p: &Prepared, completion: usize) -> UsagePart {
    UsagePart {
        prompt_tokens: Some(p.prompt_estimate()),
        completion_tokens: Some(completion as u32),
        ..UsagePart::default()
    }
}

pub async fn complete(p: &mut Prepared, cancel: &CancellationToken) -> Result<String> {
    let text = p.params.mock_response.clone().unwrap_or_default();
    let tokens = split_tokens(&text);
    let pace = pace(p);
    sleep(p, cancel, pace.due(p.timing.started_at(), tokens.len().saturating_sub(1))).await?;
    let mut acc = Accumulator::default();
    emit_all(p, &tokens, &mut acc);
    let at = Instant::now();
    p.timing.event_read(at);
    p.timing.tokens_read(at, 1);
    p.timing.finish();
    let record = p.timing.build(Some(tokens.len() as u32), estimate_tokens(acc.content.len()), None);
    let ctx = CompletionContext {
        provider: p.spec.name,
        requested_model: &p.model,
        prompt_estimate: p.prompt_estimate(),
        legacy_functions: p.params.legacy_functions,
    };
    Ok(completion_json(&ctx, &acc, &record))
}

pub async fn stream(
    p: &mut Prepared,
    cancel: &CancellationToken,
    batch: &Batch,
    totals: &mut StreamTotals,
) -> Result<()> {
    let text = p.params.mock_response.clone().unwrap_or_default();
    let tokens = split_tokens(&text);
    let pace = pace(p);
    let start = p.timing.started_at();
    let mut scratch = Vec::with_capacity(256);
    let mut at_text = String::with_capacity(16);
    let mut stamp =
        |p: &mut Prepared, scratch: &mut Vec<u8>, totals: &mut StreamTotals, emit: &dyn Fn(&mut dyn PartSink)| {
            let at = Instant::now();
            at_text.clear();
            let _ = write!(at_text, "{:.3}", p.timing.offset_ms(at));
            let mut sink = BatchSink::new(scratch, &at_text, totals);
            emit(&mut sink);
            let tokens = sink.tokens;
            p.timing.event_read(at);
            p.timing.tokens_read(at, tokens);
            batch.append(scratch);
            scratch.clear();
        };
    let model = p.model.clone();
    stamp(p, &mut scratch, totals, &|s| {
        s.part(StreamPart::Meta { id: Cow::Owned(generated_id()), model: Cow::Borrowed(&model) })
    });
    for (i, token) in tokens.iter().enumerate() {
        sleep(p, cancel, pace.due(start, i)).await?;
        stamp(p, &mut scratch, totals, &|s| s.part(StreamPart::Text { text: Cow::Borrowed(token) }));
    }
    let final_usage = usage(p, tokens.len());
    stamp(p, &mut scratch, totals, &|s| {
        s.part(StreamPart::Finish { reason: FinishReason::Stop });
        s.part(StreamPart::Usage(final_usage));
    });
    Ok(())
}

/// Sleeps until `until` (no-op when it has passed; `None` = never), unless aborted
/// or timed out.
async fn sleep(p: &Prepared, cancel: &CancellationToken, until: Option<Instant>) -> Result<()> {
    let wanted = until.unwrap_or(p.limits.deadline);
    let until = wanted.min(p.limits.deadline);
    if until <= Instant::now() {
        return match () {
            _ if cancel.is_cancelled() => Err(crate::error::LlmError::aborted()),
            _ if wanted >= p.limits.deadline => Err(p.limits.timeout_error()),
            _ => Ok(()),
        };
    }
    guarded(cancel, p.limits.deadline, || p.limits.timeout_error(), async {
        tokio::time::sleep_until(until.into()).await;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_leading_spaces_and_rejoin_exactly() {
        let text = "Hello,  wörld 🎉\nnext";
        let tokens = split_tokens(text);
        assert_eq!(tokens, vec!["Hell", "o,", "  wörl", "d", " 🎉", "\nnext"]);
        assert_eq!(tokens.concat(), text);
    }
}
