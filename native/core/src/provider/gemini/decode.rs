//! Gemini responses decoded into parts. Each SSE event is a whole response whose
//! parts, usage and finish reason become parts; function-call arguments streamed as
//! `partialArgs` are assembled in `partial_args.rs`.
//! Wire reference: https://ai.google.dev/api/generate-content

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::partial_args::{OpenArgs, PartialArgWire};
use crate::decode::sse::SseEvent;
use crate::error::{LlmError, Result};
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use crate::provider::error_from_type;
use crate::provider::lenient::{parse_event, Items, Lenient, Text};
use crate::provider::sse_stream::{SseEvents, SseStream};
use crate::provider::wire_util::Choices;

// ---- wire shapes: only the fields we use (unknown fields are ignored; a used field
// of an unexpected shape is skipped, see `lenient.rs`) ----

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResponseWire<'a> {
    /// Several when the call asked for `n` (`candidateCount`), each with its `index`.
    #[serde(borrow, default)]
    candidates: Choices<CandidateWire<'a>>,
    #[serde(default)]
    usage_metadata: Lenient<UsageWire>,
    #[serde(borrow, default)]
    response_id: Text<'a>,
    #[serde(borrow, default)]
    model_version: Text<'a>,
    #[serde(borrow, default)]
    prompt_feedback: Lenient<FeedbackWire<'a>>,
    #[serde(borrow, default)]
    error: Lenient<ErrorWire<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CandidateWire<'a> {
    #[serde(default)]
    index: Lenient<u32>,
    #[serde(borrow, default)]
    content: Option<ContentWire<'a>>,
    #[serde(borrow, default)]
    finish_reason: Text<'a>,
    /// Log probabilities of this event's tokens (`responseLogprobs`).
    #[serde(default)]
    logprobs_result: Lenient<LogprobsWire>,
}

/// `logprobsResult`: the chosen token at each step and the top alternatives.
/// https://ai.google.dev/api/generate-content#LogprobsResult
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LogprobsWire {
    #[serde(default)]
    chosen_candidates: Vec<TokenLogprobWire>,
    #[serde(default)]
    top_candidates: Vec<TopWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenLogprobWire {
    #[serde(default)]
    token: String,
    #[serde(default)]
    log_probability: f64,
}

#[derive(Deserialize)]
struct TopWire {
    #[serde(default)]
    candidates: Vec<TokenLogprobWire>,
}

impl LogprobsWire {
    /// OpenAI's shape: `{"content": [{token, logprob, bytes, top_logprobs}]}`.
    fn to_openai(&self) -> String {
        let entry = |t: &TokenLogprobWire| serde_json::json!({"token": t.token, "logprob": t.log_probability, "bytes": t.token.as_bytes()});
        let content: Vec<serde_json::Value> = self
            .chosen_candidates
            .iter()
            .enumerate()
            .map(|(i, chosen)| {
                let top =
                    self.top_candidates.get(i).map(|t| t.candidates.iter().map(entry).collect()).unwrap_or_default();
                let mut e = entry(chosen);
                e["top_logprobs"] = serde_json::Value::Array(top);
                e
            })
            .collect();
        serde_json::json!({ "content": content }).to_string()
    }
}

#[derive(Deserialize)]
struct ContentWire<'a> {
    #[serde(borrow, default)]
    parts: Parts<PartWire<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PartWire<'a> {
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(default)]
    thought: Lenient<bool>,
    #[serde(borrow, default)]
    function_call: Lenient<FunctionCallWire<'a>>,
}

/// A whole call (`name` + `args`), or a piece of a streamed one (see `partial_args.rs`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FunctionCallWire<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    name: Text<'a>,
    #[serde(default)]
    args: Option<Value>,
    #[serde(borrow, default)]
    partial_args: Items<PartialArgWire<'a>>,
    #[serde(default)]
    will_continue: Lenient<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UsageWire {
    prompt_token_count: Option<u32>,
    candidates_token_count: Option<u32>,
    thoughts_token_count: Option<u32>,
    cached_content_token_count: Option<u32>,
    tool_use_prompt_token_count: Option<u32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FeedbackWire<'a> {
    #[serde(borrow, default)]
    block_reason: Text<'a>,
}

#[derive(Deserialize)]
struct ErrorWire<'a> {
    #[serde(borrow, default)]
    message: Text<'a>,
    #[serde(borrow, default)]
    status: Text<'a>,
}

/// A JSON array kept as its first element plus the rest: Gemini sends one part per
/// event almost always, so the per-event path allocates no Vec.
struct Parts<T> {
    first: Option<T>,
    rest: Vec<T>,
}

impl<T> Default for Parts<T> {
    fn default() -> Self {
        Self { first: None, rest: Vec::new() }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Parts<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct PartsVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for PartsVisitor<T> {
            type Value = Parts<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
                let mut parts = Parts { first: seq.next_element()?, rest: Vec::new() };
                while let Some(part) = seq.next_element()? {
                    parts.rest.push(part);
                }
                Ok(parts)
            }
        }
        d.deserialize_seq(PartsVisitor(PhantomData))
    }
}

impl UsageWire {
    /// Counts are cumulative. Thinking tokens are billed as output: LiteLLM adds them
    /// to completion_tokens and also reports them as reasoning_tokens. The prompt of
    /// tool-use turns (`toolUsePromptTokenCount`: code execution and search results
    /// fed back to the model) is input, so prompt + completion = `totalTokenCount`.
    fn to_part(&self) -> UsagePart {
        let completion = match (self.candidates_token_count, self.thoughts_token_count) {
            (None, None) => None,
            (c, t) => Some(c.unwrap_or(0) + t.unwrap_or(0)),
        };
        let prompt = match (self.prompt_token_count, self.tool_use_prompt_token_count) {
            (None, None) => None,
            (p, t) => Some(p.unwrap_or(0) + t.unwrap_or(0)),
        };
        UsagePart {
            prompt_tokens: prompt,
            completion_tokens: completion,
            cached_tokens: self.cached_content_token_count,
            reasoning_tokens: self.thoughts_token_count,
            cache_creation_tokens: None,
        }
    }
}

/// LiteLLM's mapping; STOP, MALFORMED_FUNCTION_CALL, OTHER and new reasons → stop.
pub(super) fn finish_reason(reason: &str) -> FinishReason {
    match reason {
        "MAX_TOKENS" => FinishReason::Length,
        "SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII" | "LANGUAGE" | "IMAGE_SAFETY" => {
            FinishReason::ContentFilter
        }
        _ => FinishReason::Stop,
    }
}

#[derive(Default)]
struct State {
    meta_sent: bool,
    /// Tool calls so far: Gemini sends whole calls without an index.
    tool_calls: u32,
    /// A call whose arguments are still streaming in `partialArgs`.
    open: Option<OpenArgs>,
    /// A finishReason (or a blocked prompt) was seen: the response is complete.
    ended: bool,
    /// The candidate the last parts belonged to (only changes with `candidateCount`).
    choice: u32,
}

impl State {
    fn next_index(&mut self) -> u32 {
        self.tool_calls += 1;
        self.tool_calls - 1
    }

    /// Sends the streamed call's assembled arguments.
    fn close_call(&mut self, sink: &mut dyn PartSink) {
        if let Some(open) = self.open.take() {
            let index = open.index;
            sink.part(StreamPart::ToolCall { index, id: None, name: None, arguments: open.finish().into() });
        }
    }

    fn on_call(&mut self, call: FunctionCallWire<'_>, sink: &mut dyn PartSink) {
        let will_continue = call.will_continue.0.unwrap_or(false);
        if let Some(name) = call.name.non_empty() {
            self.close_call(sink);
            let index = self.next_index();
            let id = Some(call.id.0.unwrap_or_else(|| Cow::Owned(format!("call_{index}"))));
            if !will_continue && call.partial_args.0.is_empty() {
                let arguments = call.args.map_or_else(|| "{}".to_owned(), |a| a.to_string());
                sink.part(StreamPart::ToolCall { index, id, name: Some(name), arguments: arguments.into() });
                return;
            }
            // A streamed call: announce it now, send its arguments when it closes.
            sink.part(StreamPart::ToolCall { index, id, name: Some(name), arguments: Cow::Borrowed("") });
            self.open = Some(OpenArgs::new(index, call.args));
        }
        // A piece without a name continues the open call; with none open it is not
        // something we understand, and is skipped.
        let Some(open) = self.open.as_mut() else { return };
        for piece in call.partial_args {
            open.apply(piece);
        }
        if !will_continue {
            self.close_call(sink);
        }
    }
}

/// A whole (non-streaming) `generateContent` response.
pub(super) fn parse_response(body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
    let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
    emit_response(parse_event("gemini", text)?, sink, &mut State::default())
}

fn emit_response(r: ResponseWire<'_>, sink: &mut dyn PartSink, state: &mut State) -> Result<()> {
    if let Some(err) = r.error.0 {
        let message = err.message.0.as_deref().unwrap_or("gemini reported an error mid-stream");
        return Err(error_from_type(err.status.0.as_deref().unwrap_or(""), message));
    }
    if !state.meta_sent {
        if let (Some(id), Some(model)) = (r.response_id.0, r.model_version.0) {
            sink.part(StreamPart::Meta { id, model });
            state.meta_sent = true;
        }
    }
    let mut any = false;
    for (position, candidate) in r.candidates.into_iter().enumerate() {
        any = true;
        let index = candidate.index.0.unwrap_or(position as u32);
        if index != state.choice {
            state.close_call(sink);
            sink.part(StreamPart::Choice { index });
            state.choice = index;
        }
        if let Some(logprobs) = candidate.logprobs_result.0.filter(|l| !l.chosen_candidates.is_empty()) {
            sink.part(StreamPart::Logprobs { logprobs: Cow::Owned(logprobs.to_openai()) });
        }
        let parts = candidate.content.map(|c| c.parts).unwrap_or_default();
        for part in parts.first.into_iter().chain(parts.rest) {
            if let Some(call) = part.function_call.0 {
                state.on_call(call, sink);
            } else if let Some(text) = part.text.non_empty() {
                let thought = part.thought.0.unwrap_or(false);
                sink.part(if thought { StreamPart::Reasoning { text } } else { StreamPart::Text { text } });
            }
        }
        if let Some(reason) = candidate.finish_reason.0 {
            state.close_call(sink);
            sink.part(StreamPart::Finish { reason: finish_reason(&reason) });
            state.ended = true;
        }
    }
    if !any && r.prompt_feedback.0.is_some_and(|f| f.block_reason.0.is_some()) {
        // The prompt itself was blocked: no candidates at all.
        sink.part(StreamPart::Finish { reason: FinishReason::ContentFilter });
        state.ended = true;
    }
    if let Some(usage) = r.usage_metadata.0 {
        sink.part(StreamPart::Usage(usage.to_part()));
    }
    Ok(())
}

/// `streamGenerateContent?alt=sse` decoder: every event is a whole response, events
/// are separated by CRLF pairs, and there is no `[DONE]`.
#[derive(Default)]
pub(crate) struct GeminiEvents {
    state: State,
}

pub(crate) type GeminiStream = SseStream<GeminiEvents>;

impl SseEvents for GeminiEvents {
    fn on_event(&mut self, event: SseEvent<'_>, sink: &mut dyn PartSink) -> Result<()> {
        let data = event.data.trim_end();
        emit_response(parse_event("gemini", data)?, sink, &mut self.state)
    }

    fn ended(&self) -> bool {
        self.state.ended
    }
}
