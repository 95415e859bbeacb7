//! Ollama's NDJSON response decoded into parts, including Ollama's own server-side
//! timings (load, prompt evaluation, generation, in nanoseconds) from the final
//! `done: true` line. Tool calls arrive whole, with `arguments` as an object.

use std::borrow::Cow;

use serde::Deserialize;

use crate::decode::lines::LineSplitter;
use crate::error::{ErrorKind, LlmError, Result};
use crate::parts::{FinishReason, OllamaTimings, PartSink, StreamPart, UsagePart};
use crate::provider::lenient::{parse_event, Items, JsonText, Lenient, Text};
use crate::provider::{error_from_type, StreamDecoder};

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

/// A whole (non-streaming) reply: one line with `done: true`.
pub(super) fn parse_response(body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
    OllamaStream::on_line(body, sink, &mut State::default())
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
