//! Anthropic Messages responses and SSE events decoded into parts: content blocks,
//! thinking and its signature, tool_use blocks numbered by tool ordinal, usage
//! (prompt tokens include cache reads and writes), finish reasons.
//! Wire reference: https://docs.anthropic.com/en/api/messages-streaming

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use crate::decode::sse::SseEvent;
use crate::error::{LlmError, Result};
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use crate::provider::error_from_type;
use crate::provider::lenient::{parse_event, Items, Lenient, Text};
use crate::provider::sse_stream::{SseEvents, SseStream};

// ---- wire shapes: only the fields we use (unknown fields and events are ignored; a
// used field of an unexpected shape is skipped, see `lenient.rs`) ----

/// One stream event; which fields are present depends on `type`.
#[derive(Deserialize)]
struct EventWire<'a> {
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    message: Option<MessageWire<'a>>,
    #[serde(default)]
    index: Lenient<u32>,
    #[serde(borrow, default)]
    content_block: Lenient<BlockWire<'a>>,
    #[serde(borrow, default)]
    delta: Option<DeltaWire<'a>>,
    #[serde(default)]
    usage: Lenient<UsageWire>,
    #[serde(borrow, default)]
    error: Lenient<ErrorWire<'a>>,
}

/// The message object (whole response, or the head in `message_start`), or an error body.
#[derive(Deserialize)]
struct MessageWire<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    model: Text<'a>,
    #[serde(borrow, default)]
    content: Items<BlockWire<'a>>,
    #[serde(borrow, default)]
    stop_reason: Text<'a>,
    #[serde(default)]
    usage: Lenient<UsageWire>,
    #[serde(borrow, default)]
    error: Lenient<ErrorWire<'a>>,
}

#[derive(Deserialize)]
struct BlockWire<'a> {
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    thinking: Text<'a>,
    #[serde(borrow, default)]
    signature: Text<'a>,
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    name: Text<'a>,
    /// Whole in responses; streamed tool blocks usually start with `{}` and stream the
    /// input as `input_json_delta`, but programmatic and server-side tool calling
    /// deliver the whole input here with no deltas after it.
    #[serde(default)]
    input: Option<Value>,
}

/// `content_block_delta.delta` or `message_delta.delta`.
#[derive(Deserialize)]
struct DeltaWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    thinking: Text<'a>,
    #[serde(borrow, default)]
    partial_json: Text<'a>,
    #[serde(borrow, default)]
    signature: Text<'a>,
    #[serde(borrow, default)]
    stop_reason: Text<'a>,
}

#[derive(Deserialize)]
struct UsageWire {
    input_tokens: Option<u32>,
    output_tokens: Option<u32>,
    cache_read_input_tokens: Option<u32>,
    cache_creation_input_tokens: Option<u32>,
    #[serde(default)]
    output_tokens_details: Lenient<OutputDetailsWire>,
}

/// How many of the billed output tokens were extended thinking (recent responses).
#[derive(Deserialize)]
struct OutputDetailsWire {
    thinking_tokens: Option<u32>,
}

#[derive(Deserialize)]
struct ErrorWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    message: Text<'a>,
}

impl UsageWire {
    /// Anthropic's `input_tokens` excludes cached tokens; OpenAI's `prompt_tokens`
    /// includes them (LiteLLM adds both cache counts). `message_start` reports a
    /// placeholder output count, so only `message_delta` supplies completion tokens.
    /// Thinking tokens are part of `output_tokens`, as reasoning tokens are part of
    /// OpenAI's `completion_tokens`.
    fn to_part(&self, with_output: bool) -> UsagePart {
        let cache = self.cache_read_input_tokens.unwrap_or(0) + self.cache_creation_input_tokens.unwrap_or(0);
        let thinking = self.output_tokens_details.0.as_ref().and_then(|d| d.thinking_tokens);
        UsagePart {
            prompt_tokens: self.input_tokens.map(|input| input + cache),
            completion_tokens: self.output_tokens.filter(|_| with_output),
            cached_tokens: self.cache_read_input_tokens,
            reasoning_tokens: thinking.filter(|_| with_output),
            cache_creation_tokens: self.cache_creation_input_tokens,
        }
    }
}

impl ErrorWire<'_> {
    fn to_error(&self) -> LlmError {
        let message = self.message.0.as_deref().unwrap_or("anthropic reported an error mid-stream");
        error_from_type(self.kind.0.as_deref().unwrap_or(""), message)
    }
}

/// LiteLLM's mapping; `end_turn`, `stop_sequence`, `pause_turn` and new reasons → stop.
pub(super) fn finish_reason(reason: &str) -> FinishReason {
    match reason {
        "max_tokens" | "model_context_window_exceeded" => FinishReason::Length,
        "tool_use" => FinishReason::ToolCalls,
        "refusal" => FinishReason::ContentFilter,
        _ => FinishReason::Stop,
    }
}

/// A whole (non-streaming) Messages response.
pub(super) fn parse_message(body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
    let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
    emit_message(parse_event("anthropic", text)?, sink)
}

fn emit_message(msg: MessageWire<'_>, sink: &mut dyn PartSink) -> Result<()> {
    if let Some(err) = msg.error.0 {
        return Err(err.to_error());
    }
    if let (Some(id), Some(model)) = (msg.id.0, msg.model.0) {
        sink.part(StreamPart::Meta { id, model });
    }
    let mut ordinal = 0;
    for block in msg.content {
        match &*block.kind {
            "text" => sink.part(StreamPart::Text { text: block.text.0.unwrap_or_default() }),
            "thinking" => {
                sink.part(StreamPart::Reasoning { text: block.thinking.0.unwrap_or_default() });
                if let Some(signature) = block.signature.non_empty() {
                    sink.part(StreamPart::ReasoningSignature { signature });
                }
            }
            "tool_use" => {
                let arguments = block.input.map_or_else(|| "{}".to_owned(), |v| v.to_string());
                sink.part(StreamPart::ToolCall {
                    index: ordinal,
                    id: block.id.0,
                    name: block.name.0,
                    arguments: arguments.into(),
                });
                ordinal += 1;
            }
            _ => {} // redacted_thinking, server tool blocks
        }
    }
    if let Some(reason) = msg.stop_reason.0 {
        sink.part(StreamPart::Finish { reason: finish_reason(&reason) });
    }
    if let Some(usage) = msg.usage.0 {
        sink.part(StreamPart::Usage(usage.to_part(true)));
    }
    Ok(())
}

/// Messages SSE events.
#[derive(Default)]
pub(crate) struct AnthropicEvents {
    tools: ToolBlocks,
    ended: bool,
}

/// Messages SSE decoder.
pub(crate) type AnthropicStream = SseStream<AnthropicEvents>;

/// Anthropic numbers all content blocks; tool-call parts number tool calls only.
#[derive(Default)]
struct ToolBlocks {
    /// The content-block index of each tool_use block, by tool ordinal.
    blocks: Vec<u32>,
    /// Whether the open tool block has streamed any argument text.
    has_args: bool,
    /// The open tool block's input when `content_block_start` carried it whole: sent
    /// at the block's end unless `input_json_delta`s stream it instead (never both).
    start_input: Option<String>,
}

impl ToolBlocks {
    fn open(&mut self, block_index: u32, input: Option<Value>) -> u32 {
        self.blocks.push(block_index);
        self.has_args = false;
        self.start_input =
            input.filter(|v| !v.is_null() && v.as_object().is_none_or(|o| !o.is_empty())).map(|v| v.to_string());
        self.blocks.len() as u32 - 1
    }
}

impl SseEvents for AnthropicEvents {
    fn on_event(&mut self, event: SseEvent<'_>, sink: &mut dyn PartSink) -> Result<()> {
        let tools = &mut self.tools;
        // Anthropic pads some events' JSON with trailing spaces.
        let data = event.data.trim_end();
        let ev: EventWire<'_> = parse_event("anthropic", data)?;
        let ordinal = |tools: &ToolBlocks| ev.index.0.and_then(|i| tools.blocks.iter().rposition(|&b| b == i));
        match &*ev.kind {
            "message_start" => {
                if let Some(msg) = ev.message {
                    if let (Some(id), Some(model)) = (msg.id.0, msg.model.0) {
                        sink.part(StreamPart::Meta { id, model });
                    }
                    if let Some(usage) = msg.usage.0 {
                        sink.part(StreamPart::Usage(usage.to_part(false)));
                    }
                }
            }
            "content_block_start" => match ev.content_block.0 {
                Some(block) if block.kind == "tool_use" => {
                    let index = tools.open(ev.index.0.unwrap_or_default(), block.input);
                    sink.part(StreamPart::ToolCall {
                        index,
                        id: block.id.0,
                        name: block.name.0,
                        arguments: Cow::Borrowed(""),
                    });
                }
                Some(block) => emit_text(block.text, block.thinking, sink),
                None => {}
            },
            "content_block_delta" => match ev.delta {
                Some(d) if d.kind.0.as_deref() == Some("input_json_delta") => {
                    if let (Some(arguments), Some(index)) = (d.partial_json.non_empty(), ordinal(tools)) {
                        tools.has_args = true;
                        tools.start_input = None;
                        sink.part(StreamPart::ToolCall { index: index as u32, id: None, name: None, arguments });
                    }
                }
                Some(d) if d.kind.0.as_deref() == Some("signature_delta") => {
                    if let Some(signature) = d.signature.non_empty() {
                        sink.part(StreamPart::ReasoningSignature { signature });
                    }
                }
                // text_delta and thinking_delta.
                Some(d) => emit_text(d.text, d.thinking, sink),
                None => {}
            },
            "content_block_stop" => {
                // The whole input from the start block, or, for a tool called without
                // arguments (no JSON streamed), "{}" as LiteLLM sends, so the assembled
                // call has valid JSON arguments.
                if let Some(index) = ordinal(tools).filter(|&o| o + 1 == tools.blocks.len() && !tools.has_args) {
                    tools.has_args = true;
                    let arguments = tools.start_input.take().map_or(Cow::Borrowed("{}"), Cow::Owned);
                    sink.part(StreamPart::ToolCall { index: index as u32, id: None, name: None, arguments });
                }
            }
            "message_delta" => {
                if let Some(reason) = ev.delta.and_then(|d| d.stop_reason.0) {
                    sink.part(StreamPart::Finish { reason: finish_reason(&reason) });
                }
                if let Some(usage) = ev.usage.0 {
                    sink.part(StreamPart::Usage(usage.to_part(true)));
                }
            }
            "message_stop" => self.ended = true,
            "error" => return Err(ev.error.0.map_or_else(|| error_from_type("", data), |e| e.to_error())),
            _ => {} // ping, and event types added after this was written
        }
        Ok(())
    }

    fn ended(&self) -> bool {
        self.ended
    }
}

fn emit_text<'a>(text: Text<'a>, thinking: Text<'a>, sink: &mut dyn PartSink) {
    if let Some(text) = text.non_empty() {
        sink.part(StreamPart::Text { text });
    }
    if let Some(text) = thinking.non_empty() {
        sink.part(StreamPart::Reasoning { text });
    }
}
