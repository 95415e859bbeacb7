//! Ollama's native chat API (`/api/chat`): the Provider, and the NDJSON response
//! decoded into parts, including Ollama's own server-side timings (load, prompt
//! evaluation, generation, in nanoseconds) from the final `done: true` line. Tool
//! calls arrive whole, with `arguments` as an object. The request body is built in
//! `body.rs`.
//! Wire reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use super::body_extras::{body_bytes, Unknown};
use super::embeddings_wire;
use super::lenient::{parse_event, Items, JsonText, Lenient, Text};
use super::wire_util::bad_payload;
use super::{error_from_type, CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::decode::lines::LineSplitter;
use crate::embedding::{EmbeddingParams, Embeddings};
use crate::error::{ErrorKind, LlmError, Result};
use crate::parts::{FinishReason, OllamaTimings, PartSink, StreamPart, UsagePart};
use crate::request::CompletionParams;

mod body;

use body::Body;

pub struct Ollama;

fn headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let accept = if stream { "application/x-ndjson" } else { "application/json" };
    let mut headers = vec![("content-type", "application/json".to_owned()), ("accept", accept.to_owned())];
    // Local Ollama needs no key; one behind an authenticating proxy takes a bearer token.
    if let Some(key) = &ctx.api_key {
        headers.push(("authorization", format!("Bearer {key}")));
    }
    headers
}

impl Provider for Ollama {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let body = body_bytes(&Body::new(ctx.model, params)?, params, Unknown::OllamaOptions);
        Ok(HttpCall::post_json(format!("{}/api/chat", ctx.base_url), headers(ctx, params.stream), body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        OllamaStream::on_line(body, sink, &mut State::default())
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(OllamaStream::default())
    }

    fn error_message(&self, body: &[u8]) -> Option<String> {
        let v: Value = serde_json::from_slice(body).ok()?;
        v.get("error").and_then(Value::as_str).map(str::to_owned)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        Ok(HttpCall::get(format!("{}/api/tags", ctx.base_url), headers(ctx, false)))
    }

    fn embeddings_request(&self, ctx: &CallContext<'_>, params: &EmbeddingParams) -> Result<HttpCall> {
        let body = embeddings_wire::ollama_body(ctx.model, params)?;
        Ok(HttpCall::post_json(format!("{}/api/embed", ctx.base_url), headers(ctx, false), body))
    }

    fn parse_embeddings(&self, body: &[u8]) -> Result<Embeddings> {
        embeddings_wire::parse_ollama(body)
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            #[serde(default)]
            models: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            name: String,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("ollama models endpoint", &e, &String::from_utf8_lossy(body)))?;
        Ok(list.models.into_iter().map(|e| ModelInfo { id: e.name, display_name: None }).collect())
    }
}

// ---- wire shapes: only the fields we use (unknown fields are ignored; a used field
// of an unexpected shape is skipped, see `lenient.rs`) ----

/// One NDJSON line, the whole non-streaming response, or an error.
#[derive(Deserialize)]
struct LineWire<'a> {
    #[serde(borrow, default)]
    model: Text<'a>,
    #[serde(borrow, default)]
    created_at: Text<'a>,
    #[serde(borrow, default)]
    message: Option<MessageWire<'a>>,
    #[serde(default)]
    done: bool,
    #[serde(borrow, default)]
    done_reason: Text<'a>,
    #[serde(default)]
    total_duration: Lenient<u64>,
    #[serde(default)]
    load_duration: Lenient<u64>,
    #[serde(default)]
    prompt_eval_count: Lenient<u32>,
    #[serde(default)]
    prompt_eval_duration: Lenient<u64>,
    #[serde(default)]
    eval_count: Lenient<u32>,
    #[serde(default)]
    eval_duration: Lenient<u64>,
    #[serde(borrow, default)]
    error: Lenient<ErrorField<'a>>,
}

/// `"error": "message"` as Ollama sends it, or `{"message": ...}` as proxies in front
/// of it do.
#[derive(Deserialize)]
#[serde(untagged)]
enum ErrorField<'a> {
    Message(#[serde(borrow)] Cow<'a, str>),
    Object {
        #[serde(borrow, default)]
        message: Text<'a>,
    },
}

#[derive(Deserialize)]
struct MessageWire<'a> {
    #[serde(borrow, default)]
    content: Text<'a>,
    #[serde(borrow, default)]
    thinking: Text<'a>,
    #[serde(borrow, default)]
    tool_calls: Items<ToolCallWire<'a>>,
}

#[derive(Deserialize)]
struct ToolCallWire<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow)]
    function: FunctionWire<'a>,
}

#[derive(Deserialize)]
struct FunctionWire<'a> {
    #[serde(borrow, default)]
    name: Text<'a>,
    /// An object as Ollama documents it, or the JSON text as a string.
    #[serde(borrow, default)]
    arguments: JsonText<'a>,
}

#[derive(Default)]
struct State {
    meta_sent: bool,
    /// Tool calls so far: Ollama sends whole calls without an index or (older
    /// versions) an id.
    tool_calls: u32,
    /// The `done: true` line was decoded.
    ended: bool,
}

fn emit_line(line: LineWire<'_>, sink: &mut dyn PartSink, state: &mut State) -> Result<()> {
    if let Some(error) = line.error.0 {
        let message = match &error {
            ErrorField::Message(message) => Some(&**message),
            ErrorField::Object { message } => message.0.as_deref(),
        };
        return Err(error_from_type("", message.unwrap_or("ollama reported an error mid-stream")));
    }
    if !state.meta_sent {
        if let Some(model) = line.model.0 {
            // Ollama has no response id; the first line's timestamp names the response.
            let id = format!("ollama-{}", line.created_at.0.as_deref().unwrap_or_default());
            sink.part(StreamPart::Meta { id: id.into(), model });
            state.meta_sent = true;
        }
    }
    if let Some(msg) = line.message {
        if let Some(text) = msg.thinking.non_empty() {
            sink.part(StreamPart::Reasoning { text });
        }
        if let Some(text) = msg.content.non_empty() {
            sink.part(StreamPart::Text { text });
        }
        // A call without a name is not one we can report: skipped.
        for call in msg.tool_calls.into_iter().filter(|c| c.function.name.0.is_some()) {
            let index = state.tool_calls;
            state.tool_calls += 1;
            let id = call.id.0.unwrap_or_else(|| Cow::Owned(format!("call_{index}")));
            let arguments = call.function.arguments.0.unwrap_or(Cow::Borrowed("{}"));
            sink.part(StreamPart::ToolCall { index, id: Some(id), name: call.function.name.0, arguments });
        }
    }
    if line.done {
        state.ended = true;
        // "load" (model loaded, nothing generated) and unknown reasons → stop.
        let reason = match line.done_reason.0.as_deref() {
            Some("length") => FinishReason::Length,
            _ => FinishReason::Stop,
        };
        sink.part(StreamPart::Finish { reason });
        let (prompt_eval_count, eval_count) = (line.prompt_eval_count.0, line.eval_count.0);
        let usage =
            UsagePart { prompt_tokens: prompt_eval_count, completion_tokens: eval_count, ..UsagePart::default() };
        sink.part(StreamPart::Usage(usage));
        sink.part(StreamPart::Ollama(OllamaTimings {
            total_duration: line.total_duration.0.unwrap_or(0),
            load_duration: line.load_duration.0.unwrap_or(0),
            prompt_eval_count: prompt_eval_count.unwrap_or(0),
            prompt_eval_duration: line.prompt_eval_duration.0.unwrap_or(0),
            eval_count: eval_count.unwrap_or(0),
            eval_duration: line.eval_duration.0.unwrap_or(0),
        }));
    }
    Ok(())
}

/// NDJSON decoder: lines are reassembled from bytes, so a read that splits a
/// multi-byte character is harmless.
#[derive(Default)]
pub(crate) struct OllamaStream {
    lines: LineSplitter,
    state: State,
}

impl OllamaStream {
    fn on_line(line: &[u8], sink: &mut dyn PartSink, state: &mut State) -> Result<()> {
        if line.trim_ascii().is_empty() {
            return Ok(());
        }
        let text = std::str::from_utf8(line)
            .map_err(|_| LlmError::new(ErrorKind::InternalServerError, "ollama sent a line that is not UTF-8"))?;
        emit_line(parse_event("ollama", text)?, sink, state)
    }
}

impl StreamDecoder for OllamaStream {
    fn feed(&mut self, bytes: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        let state = &mut self.state;
        self.lines.feed(bytes, |line| Self::on_line(line, sink, state))
    }

    fn finish(&mut self, sink: &mut dyn PartSink) -> Result<()> {
        let state = &mut self.state;
        self.lines.finish(|line| Self::on_line(line, sink, state))
    }

    fn limit_event_bytes(&mut self, max: usize) {
        self.lines.set_max(max);
    }

    fn ended(&self) -> bool {
        self.state.ended
    }
}

#[cfg(test)]
mod tests;
