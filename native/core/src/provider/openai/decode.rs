//! OpenAI Chat Completions responses and chunks decoded into parts, with the
//! compatible servers' variants listed in `mod.rs` (content-part arrays and
//! `reasoning_details` are read in `content.rs`).

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::content::{Content, ReasoningDetail};
use crate::decode::sse::SseEvent;
use crate::error::{LlmError, Result};
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use crate::provider::lenient::{parse_event, Items, JsonText, Lenient, Text};
use crate::provider::sse_stream::{SseEvents, SseStream};
use crate::provider::wire_util::{error_from_type, error_with_code, Choices};
use crate::server_timing::{GroqTimings, LlamaCppWire, ServerReport};

// ---- wire shapes: only the fields we use (unknown fields are ignored; a used field
// of an unexpected shape is skipped, see `lenient.rs`) ----

#[derive(Deserialize)]
struct ChunkWire<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    model: Text<'a>,
    #[serde(borrow, default)]
    choices: Choices<ChoiceWire<'a>>,
    /// llama.cpp server's own timings (final chunk, whole responses).
    #[serde(default)]
    timings: Lenient<LlamaCppWire>,
    #[serde(default)]
    usage: Lenient<UsageWire>,
    /// Groq reports usage here (https://console.groq.com/docs/api-reference), on the
    /// last chunk, whether or not `stream_options.include_usage` was sent.
    #[serde(default)]
    x_groq: Lenient<GroqWire>,
    #[serde(borrow, default)]
    error: Lenient<ErrorField<'a>>,
}

#[derive(Deserialize)]
struct ChoiceWire<'a> {
    #[serde(default)]
    index: Lenient<u32>,
    #[serde(borrow, default)]
    logprobs: Option<&'a RawValue>,
    #[serde(borrow, default)]
    delta: Option<MessageWire<'a>>,
    #[serde(borrow, default)]
    message: Option<MessageWire<'a>>,
    #[serde(borrow, default)]
    finish_reason: Text<'a>,
}

#[derive(Deserialize)]
struct MessageWire<'a> {
    #[serde(borrow, default)]
    content: Content<'a>,
    #[serde(borrow, default)]
    reasoning_content: Text<'a>,
    #[serde(borrow, default)]
    reasoning: Text<'a>,
    #[serde(borrow, default)]
    reasoning_details: Items<ReasoningDetail<'a>>,
    #[serde(borrow, default)]
    tool_calls: Items<ToolCallWire<'a>>,
    /// Spoken answers (`modalities: ["audio"]`): `{id, data, transcript, expires_at}`.
    #[serde(borrow, default)]
    audio: Option<&'a RawValue>,
    /// Citations (`url_citation`, search models).
    #[serde(borrow, default)]
    annotations: Option<&'a RawValue>,
    #[serde(borrow, default)]
    refusal: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct ToolCallWire<'a> {
    #[serde(default)]
    index: Lenient<u32>,
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    function: Option<FunctionWire<'a>>,
}

#[derive(Deserialize)]
struct FunctionWire<'a> {
    #[serde(borrow, default)]
    name: Text<'a>,
    #[serde(borrow, default)]
    arguments: JsonText<'a>,
}

#[derive(Deserialize)]
struct UsageWire {
    prompt_tokens: Option<u32>,
    completion_tokens: Option<u32>,
    #[serde(default)]
    prompt_tokens_details: Lenient<CachedWire>,
    #[serde(default)]
    completion_tokens_details: Lenient<ReasoningWire>,
    /// DeepSeek's name for cached prompt tokens.
    prompt_cache_hit_tokens: Option<u32>,
    /// Groq's server times, in seconds (in `usage` and `x_groq.usage`).
    queue_time: Option<f64>,
    prompt_time: Option<f64>,
    completion_time: Option<f64>,
    total_time: Option<f64>,
    /// Written to the cache, as OpenAI-compatible proxies in front of Anthropic
    /// (LiteLLM's proxy) report it.
    cache_creation_input_tokens: Option<u32>,
}

#[derive(Deserialize)]
struct CachedWire {
    cached_tokens: Option<u32>,
}

#[derive(Deserialize)]
struct ReasoningWire {
    reasoning_tokens: Option<u32>,
}

#[derive(Deserialize)]
struct GroqWire {
    #[serde(default)]
    usage: Lenient<UsageWire>,
}

/// `"error": {...}` as OpenAI sends it, or `"error": "message"` as some servers do.
#[derive(Deserialize)]
#[serde(untagged)]
enum ErrorField<'a> {
    Object(#[serde(borrow)] ErrorWire<'a>),
    Message(#[serde(borrow)] Cow<'a, str>),
}

#[derive(Deserialize)]
struct ErrorWire<'a> {
    #[serde(borrow, default)]
    message: Text<'a>,
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(default)]
    code: Option<Value>,
}

impl UsageWire {
    fn to_part(&self) -> UsagePart {
        let cached = self.prompt_tokens_details.0.as_ref().and_then(|d| d.cached_tokens);
        UsagePart {
            prompt_tokens: self.prompt_tokens,
            completion_tokens: self.completion_tokens,
            cached_tokens: cached.or(self.prompt_cache_hit_tokens),
            reasoning_tokens: self.completion_tokens_details.0.as_ref().and_then(|d| d.reasoning_tokens),
            cache_creation_tokens: self.cache_creation_input_tokens,
        }
    }
}

impl ErrorField<'_> {
    fn to_error(&self) -> LlmError {
        const DEFAULT: &str = "the provider reported an error mid-stream";
        match self {
            ErrorField::Message(message) => error_from_type("", message),
            ErrorField::Object(e) => {
                let code = e.code.as_ref().and_then(Value::as_str);
                let kind = e.kind.0.as_deref().or(code).unwrap_or("");
                error_with_code(error_from_type(kind, e.message.0.as_deref().unwrap_or(DEFAULT)), e.code.as_ref())
            }
        }
    }
}

/// Emits the parts of one message (stream delta or whole message).
fn emit_message(msg: MessageWire<'_>, sink: &mut dyn PartSink) {
    match msg.reasoning_content.non_empty().or(msg.reasoning.non_empty()) {
        Some(text) => sink.part(StreamPart::Reasoning { text }),
        None => {
            for text in msg.reasoning_details.into_iter().filter_map(ReasoningDetail::into_text) {
                sink.part(StreamPart::Reasoning { text });
            }
        }
    }
    msg.content.emit(sink);
    for (name, field) in [("audio", msg.audio), ("annotations", msg.annotations), ("refusal", msg.refusal)] {
        if let Some(json) = field.map(RawValue::get).filter(|j| *j != "null") {
            sink.part(StreamPart::MessageField { name, json: Cow::Borrowed(json) });
        }
    }
    for (position, call) in msg.tool_calls.into_iter().enumerate() {
        let (name, arguments) = match call.function {
            Some(f) => (f.name.0, f.arguments.0.unwrap_or_default()),
            None => (None, Cow::Borrowed("")),
        };
        let index = call.index.0.unwrap_or(position as u32);
        sink.part(StreamPart::ToolCall { index, id: call.id.0, name, arguments });
    }
}

/// What a stream remembers between chunks.
#[derive(Default)]
struct ChunkState {
    meta_sent: bool,
    /// The choice the last parts belonged to (only changes when `n > 1`).
    choice: u32,
}

/// Emits one chunk's parts; returns whether it carried a finish reason.
fn emit_chunk(chunk: ChunkWire<'_>, sink: &mut dyn PartSink, state: &mut ChunkState) -> Result<bool> {
    if let Some(err) = chunk.error.0 {
        return Err(err.to_error());
    }
    if !state.meta_sent {
        // Azure's content-filter chunk comes first with an empty id and model: skip it.
        if let (Some(id), Some(model)) = (chunk.id.non_empty(), chunk.model.0) {
            sink.part(StreamPart::Meta { id, model });
            state.meta_sent = true;
        }
    }
    let mut finished = false;
    for (position, choice) in chunk.choices.into_iter().enumerate() {
        let index = choice.index.0.unwrap_or(position as u32);
        if index != state.choice {
            sink.part(StreamPart::Choice { index });
            state.choice = index;
        }
        if let Some(logprobs) = choice.logprobs.filter(|raw| raw.get() != "null") {
            sink.part(StreamPart::Logprobs { logprobs: Cow::Borrowed(logprobs.get()) });
        }
        if let Some(msg) = choice.delta.or(choice.message) {
            emit_message(msg, sink);
        }
        if let Some(reason) = choice.finish_reason.0 {
            sink.part(StreamPart::Finish { reason: FinishReason::from_openai(&reason) });
            finished = true;
        }
    }
    // Groq's `x_groq.usage` only when the standard field is absent: never both.
    if let Some(usage) = chunk.usage.0.or(chunk.x_groq.0.and_then(|g| g.usage.0)) {
        sink.part(StreamPart::Usage(usage.to_part()));
        let (q, p, c, t) = (usage.queue_time, usage.prompt_time, usage.completion_time, usage.total_time);
        if let Some(groq) = GroqTimings::from_seconds(q, p, c, t) {
            sink.part(StreamPart::Server(ServerReport::Groq(groq)));
        }
    }
    if let Some(timings) = chunk.timings.0 {
        sink.part(StreamPart::Server(timings.to_report()));
    }
    Ok(finished)
}

pub(crate) fn parse_completion(body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
    let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
    emit_chunk(parse_event("provider", text)?, sink, &mut ChunkState::default()).map(drop)
}

/// `{"error":{"message":...}}`, `{"error":"..."}` or `{"message":...}`.
pub(crate) fn error_message(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let err = v.get("error").unwrap_or(&v);
    err.get("message").or_else(|| v.get("detail")).and_then(Value::as_str).or_else(|| err.as_str()).map(str::to_owned)
}

/// Chat Completions SSE events (also Azure's).
#[derive(Default)]
pub(crate) struct OpenAiEvents {
    state: ChunkState,
    ended: bool,
}

/// Chat Completions SSE decoder (also used by Azure).
pub(crate) type OpenAiStream = SseStream<OpenAiEvents>;

impl SseEvents for OpenAiEvents {
    fn on_event(&mut self, event: SseEvent<'_>, sink: &mut dyn PartSink) -> Result<()> {
        let data = event.data.trim_end();
        if data == "[DONE]" {
            self.ended = true;
            return Ok(());
        }
        let chunk: ChunkWire<'_> = parse_event("provider", data)?;
        if event.event == "error" && chunk.error.0.is_none() {
            return Err(error_from_type("", data));
        }
        let finished = emit_chunk(chunk, sink, &mut self.state)?;
        self.ended |= finished;
        Ok(())
    }

    fn ended(&self) -> bool {
        self.ended
    }
}
