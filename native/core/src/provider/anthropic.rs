//! Anthropic Messages API. Our OpenAI-shaped parameters become a Messages body
//! (system lifted to the top level, strictly alternating turns, tool calls as
//! `tool_use` / `tool_result` blocks) and the event stream becomes parts.
//! Wire reference: https://docs.anthropic.com/en/api/messages and
//! https://docs.anthropic.com/en/api/messages-streaming
//! Mappings follow LiteLLM's `llms/anthropic/chat/transformation.py`: default
//! max_tokens, thinking budgets, finish reasons, prompt tokens including cache.
//! Also home to the request helpers Gemini and Ollama share (stop list, tool
//! arguments, tool choice, thinking budget).

use std::borrow::Cow;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Value};

use super::openai::json_headers;
use super::wire_util::bad_payload;
use super::{error_from_type, reject_unsupported};
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::decode::sse::{SseDecoder, SseEvent};
use crate::error::{LlmError, Result};
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use crate::request::{CompletionParams, Content, ContentPart, Message, Role, Stop, ToolCall};

pub struct Anthropic;

/// The API version this module speaks; Anthropic requires the header on every call.
const API_VERSION: &str = "2023-06-01";
/// Anthropic requires `max_tokens`; LiteLLM sends this when the caller sets none.
const DEFAULT_MAX_TOKENS: u32 = 4096;

#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    max_tokens: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<String>,
    messages: Vec<Turn<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_k: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop_sequences: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<ToolDef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking: Option<Thinking>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata<'a>>,
}

#[derive(Serialize)]
struct Turn<'a> {
    role: &'static str,
    content: Blocks<'a>,
}

/// A content list. A lone text block goes out as a plain string, the documented
/// short form, so simple requests look like Anthropic's own examples.
struct Blocks<'a>(Vec<Block<'a>>);

impl Serialize for Blocks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [Block::Text { text }] => s.serialize_str(text),
            blocks => blocks.serialize(s),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block<'a> {
    Text { text: &'a str },
    Image { source: ImageSource<'a> },
    ToolUse { id: &'a str, name: &'a str, input: Value },
    ToolResult { tool_use_id: &'a str, content: Blocks<'a> },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ImageSource<'a> {
    Base64 { media_type: &'a str, data: &'a str },
    Url { url: &'a str },
}

#[derive(Serialize)]
struct ToolDef<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    input_schema: Cow<'a, Value>,
}

#[derive(Serialize)]
struct Thinking {
    #[serde(rename = "type")]
    kind: &'static str,
    budget_tokens: u32,
}

#[derive(Serialize)]
struct Metadata<'a> {
    user_id: &'a str,
}

impl<'a> Body<'a> {
    fn new(model: &'a str, p: &'a CompletionParams) -> Result<Self> {
        reject_unsupported(
            "anthropic",
            p.drop_params,
            &[
                ("seed", p.seed.is_some()),
                ("presence_penalty", p.presence_penalty.is_some()),
                ("frequency_penalty", p.frequency_penalty.is_some()),
                ("response_format", p.response_format.is_some()),
            ],
        )?;
        let (system, messages) = turns(&p.messages)?;
        let budget = p.reasoning_effort.as_deref().map(thinking_budget).transpose()?.flatten();
        let mut max_tokens = p.max_output_tokens().unwrap_or(DEFAULT_MAX_TOKENS);
        if let Some(budget) = budget {
            // Thinking counts against max_tokens, which must exceed the budget: keep
            // the caller's allowance for the visible answer on top of the budget.
            if max_tokens <= budget {
                max_tokens += budget;
            }
        }
        let tools = p.tools.iter().flatten().map(|t| ToolDef {
            name: &t.function.name,
            description: t.function.description.as_deref(),
            input_schema: t.function.parameters.as_ref().map_or_else(
                || Cow::Owned(json!({"type": "object", "properties": {}})),
                Cow::Borrowed,
            ),
        });
        let tool_choice = p.tool_choice.as_ref().map(ToolChoice::parse).transpose()?.map(|c| match c {
            ToolChoice::Auto => json!({"type": "auto"}),
            ToolChoice::Required => json!({"type": "any"}),
            ToolChoice::None => json!({"type": "none"}),
            ToolChoice::Named(name) => json!({"type": "tool", "name": name}),
        });
        Ok(Self {
            model,
            max_tokens,
            system,
            messages,
            stream: p.stream,
            temperature: p.temperature,
            top_p: p.top_p,
            top_k: p.top_k,
            stop_sequences: stop_list(p.stop.as_ref()),
            tools: tools.collect(),
            tool_choice,
            thinking: budget.map(|budget_tokens| Thinking { kind: "enabled", budget_tokens }),
            metadata: p.user.as_deref().map(|user_id| Metadata { user_id }),
        })
    }
}

/// Splits off the system prompt and merges consecutive same-role messages:
/// Anthropic requires alternation, and tool results travel in user turns.
fn turns(messages: &[Message]) -> Result<(Option<String>, Vec<Turn<'_>>)> {
    let mut system = Vec::new();
    let mut turns: Vec<Turn<'_>> = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        let mut content = Vec::new();
        let role = match m.role {
            Role::System | Role::Developer => {
                system.extend(m.content.as_ref().map(Content::joined_text));
                continue;
            }
            Role::User => {
                blocks(m.content.as_ref(), &mut content);
                "user"
            }
            Role::Assistant => {
                blocks(m.content.as_ref(), &mut content);
                for call in m.tool_calls.iter().flatten() {
                    let input = tool_input(i, call)?;
                    content.push(Block::ToolUse { id: &call.id, name: &call.function.name, input });
                }
                "assistant"
            }
            Role::Tool => {
                let mut result = Vec::new();
                blocks(m.content.as_ref(), &mut result);
                let tool_use_id = m.tool_call_id.as_deref().unwrap_or_default();
                content.push(Block::ToolResult { tool_use_id, content: Blocks(result) });
                "user"
            }
        };
        match turns.last_mut() {
            _ if content.is_empty() => {}
            Some(last) if last.role == role => last.content.0.append(&mut content),
            _ => turns.push(Turn { role, content: Blocks(content) }),
        }
    }
    Ok(((!system.is_empty()).then(|| system.join("\n\n")), turns))
}

/// Text and image blocks; empty text is left out because Anthropic rejects it
/// (assistant turns that only call tools often carry `content: ""`).
fn blocks<'a>(content: Option<&'a Content>, out: &mut Vec<Block<'a>>) {
    match content {
        None => {}
        Some(Content::Text(text)) => push_text(text, out),
        Some(Content::Parts(parts)) => {
            for part in parts {
                match part {
                    ContentPart::Text { text } => push_text(text, out),
                    ContentPart::ImageUrl { image_url } => {
                        let source = match image_url.as_data_url() {
                            Some((media_type, data)) => ImageSource::Base64 { media_type, data },
                            None => ImageSource::Url { url: &image_url.url },
                        };
                        out.push(Block::Image { source });
                    }
                }
            }
        }
    }
}

fn push_text<'a>(text: &'a str, out: &mut Vec<Block<'a>>) {
    if !text.is_empty() {
        out.push(Block::Text { text });
    }
}

// ---- request helpers shared with gemini.rs and ollama.rs ----

/// `stop` as the list every non-OpenAI API wants.
pub(crate) fn stop_list(stop: Option<&Stop>) -> Vec<&str> {
    match stop {
        None => Vec::new(),
        Some(Stop::One(s)) => vec![s.as_str()],
        Some(Stop::Many(v)) => v.iter().map(String::as_str).collect(),
    }
}

/// An assistant tool call's `arguments` (JSON text, as OpenAI sends it) as the JSON
/// object the native APIs want back; empty arguments mean no arguments.
pub(crate) fn tool_input(i: usize, call: &ToolCall) -> Result<Value> {
    let args = call.function.arguments.trim();
    if args.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_str(args).map_err(|e| {
        LlmError::bad_input(format!(
            "messages[{i}] tool call '{}' has `arguments` that are not JSON ({e}): pass them back as the model returned them",
            call.id
        ))
    })
}

/// LiteLLM's thinking budgets for `reasoning_effort`; `None` turns thinking off.
/// "minimal" gets the low budget: 1024 is Anthropic's minimum.
pub(crate) fn thinking_budget(effort: &str) -> Result<Option<u32>> {
    match effort {
        "none" => Ok(None),
        "minimal" | "low" => Ok(Some(1024)),
        "medium" => Ok(Some(2048)),
        "high" => Ok(Some(4096)),
        other => Err(LlmError::bad_input(format!(
            "`reasoning_effort` is '{other}': use 'low', 'medium', 'high', 'minimal' or 'none'"
        ))),
    }
}

/// OpenAI's `tool_choice`, understood once for every native API.
pub(crate) enum ToolChoice<'a> {
    Auto,
    Required,
    None,
    Named(&'a str),
}

impl<'a> ToolChoice<'a> {
    pub(crate) fn parse(choice: &'a Value) -> Result<Self> {
        match choice.as_str() {
            Some("auto") => return Ok(Self::Auto),
            Some("required") => return Ok(Self::Required),
            Some("none") => return Ok(Self::None),
            _ => {}
        }
        choice.pointer("/function/name").and_then(Value::as_str).map(Self::Named).ok_or_else(|| {
            LlmError::bad_input(format!(
                "`tool_choice` {choice} is not understood: use 'auto', 'required', 'none' or {{\"type\":\"function\",\"function\":{{\"name\":\"...\"}}}}"
            ))
        })
    }
}

fn headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let mut headers = json_headers(stream);
    headers.push(("anthropic-version", API_VERSION.to_owned()));
    if let Some(key) = &ctx.api_key {
        headers.push(("x-api-key", key.clone()));
    }
    headers
}

impl Provider for Anthropic {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let body = serde_json::to_vec(&Body::new(ctx.model, params)?).expect("request body serializes");
        Ok(HttpCall::post_json(format!("{}/v1/messages", ctx.base_url), headers(ctx, params.stream), body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
        let msg: MessageWire<'_> = serde_json::from_str(text).map_err(|e| bad_payload("anthropic", &e, text))?;
        emit_message(msg, sink)
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(AnthropicStream::default())
    }

    fn error_message(&self, body: &[u8]) -> Option<String> {
        let v: Value = serde_json::from_slice(body).ok()?;
        v.pointer("/error/message").and_then(Value::as_str).map(str::to_owned)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        // One page of the maximum size instead of the default 20 models.
        Ok(HttpCall::get(format!("{}/v1/models?limit=1000", ctx.base_url), headers(ctx, false)))
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            data: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            id: String,
            display_name: Option<String>,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("anthropic models endpoint", &e, &String::from_utf8_lossy(body)))?;
        Ok(list.data.into_iter().map(|e| ModelInfo { id: e.id, display_name: e.display_name }).collect())
    }
}

// ---- wire shapes: only the fields we use (unknown fields and events are ignored) ----

/// One stream event; which fields are present depends on `type`.
#[derive(Deserialize)]
struct EventWire<'a> {
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    message: Option<MessageWire<'a>>,
    #[serde(default)]
    index: Option<u32>,
    #[serde(borrow, default)]
    content_block: Option<BlockWire<'a>>,
    #[serde(borrow, default)]
    delta: Option<DeltaWire<'a>>,
    #[serde(default)]
    usage: Option<UsageWire>,
    #[serde(borrow, default)]
    error: Option<ErrorWire<'a>>,
}

/// The message object (whole response, or the head in `message_start`), or an error body.
#[derive(Deserialize)]
struct MessageWire<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    content: Vec<BlockWire<'a>>,
    #[serde(borrow, default)]
    stop_reason: Option<Cow<'a, str>>,
    #[serde(default)]
    usage: Option<UsageWire>,
    #[serde(borrow, default)]
    error: Option<ErrorWire<'a>>,
}

#[derive(Deserialize)]
struct BlockWire<'a> {
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    thinking: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    /// Only read from whole responses; streamed tool blocks start with `{}`.
    #[serde(default)]
    input: Option<Value>,
}

/// `content_block_delta.delta` or `message_delta.delta`.
#[derive(Deserialize)]
struct DeltaWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    thinking: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    partial_json: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    stop_reason: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct UsageWire {
    input_tokens: Option<u32>,
    output_tokens: Option<u32>,
    cache_read_input_tokens: Option<u32>,
    cache_creation_input_tokens: Option<u32>,
}

#[derive(Deserialize)]
struct ErrorWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    message: Option<Cow<'a, str>>,
}

impl UsageWire {
    /// Anthropic's `input_tokens` excludes cached tokens; OpenAI's `prompt_tokens`
    /// includes them (LiteLLM adds both cache counts). `message_start` reports a
    /// placeholder output count, so only `message_delta` supplies completion tokens.
    fn to_part(&self, with_output: bool) -> UsagePart {
        let cache = self.cache_read_input_tokens.unwrap_or(0) + self.cache_creation_input_tokens.unwrap_or(0);
        UsagePart {
            prompt_tokens: self.input_tokens.map(|input| input + cache),
            completion_tokens: self.output_tokens.filter(|_| with_output),
            cached_tokens: self.cache_read_input_tokens,
            reasoning_tokens: None,
        }
    }
}

impl ErrorWire<'_> {
    fn to_error(&self) -> LlmError {
        let message = self.message.as_deref().unwrap_or("anthropic reported an error mid-stream");
        error_from_type(self.kind.as_deref().unwrap_or(""), message)
    }
}

/// LiteLLM's mapping; `end_turn`, `stop_sequence`, `pause_turn` and new reasons → stop.
fn finish_reason(reason: &str) -> FinishReason {
    match reason {
        "max_tokens" | "model_context_window_exceeded" => FinishReason::Length,
        "tool_use" => FinishReason::ToolCalls,
        "refusal" => FinishReason::ContentFilter,
        _ => FinishReason::Stop,
    }
}

fn emit_message(msg: MessageWire<'_>, sink: &mut dyn PartSink) -> Result<()> {
    if let Some(err) = msg.error {
        return Err(err.to_error());
    }
    if let (Some(id), Some(model)) = (msg.id, msg.model) {
        sink.part(StreamPart::Meta { id, model });
    }
    let mut ordinal = 0;
    for block in msg.content {
        match &*block.kind {
            "text" => sink.part(StreamPart::Text { text: block.text.unwrap_or_default() }),
            "thinking" => sink.part(StreamPart::Reasoning { text: block.thinking.unwrap_or_default() }),
            "tool_use" => {
                let arguments = block.input.map_or_else(|| "{}".to_owned(), |v| v.to_string());
                sink.part(StreamPart::ToolCall { index: ordinal, id: block.id, name: block.name, arguments: arguments.into() });
                ordinal += 1;
            }
            _ => {} // redacted_thinking, server tool blocks
        }
    }
    if let Some(reason) = msg.stop_reason {
        sink.part(StreamPart::Finish { reason: finish_reason(&reason) });
    }
    if let Some(usage) = msg.usage {
        sink.part(StreamPart::Usage(usage.to_part(true)));
    }
    Ok(())
}

/// Messages SSE decoder.
#[derive(Default)]
pub(crate) struct AnthropicStream {
    sse: SseDecoder,
    tools: ToolBlocks,
}

/// Anthropic numbers all content blocks; tool-call parts number tool calls only.
#[derive(Default)]
struct ToolBlocks {
    /// The content-block index of each tool_use block, by tool ordinal.
    blocks: Vec<u32>,
    /// Whether the open tool block has streamed any argument text.
    has_args: bool,
}

impl AnthropicStream {
    fn on_event(event: SseEvent<'_>, sink: &mut dyn PartSink, tools: &mut ToolBlocks) -> Result<()> {
        // Anthropic pads some events' JSON with trailing spaces.
        let data = event.data.trim_end();
        let ev: EventWire<'_> = serde_json::from_str(data).map_err(|e| bad_payload("anthropic", &e, data))?;
        let ordinal = |tools: &ToolBlocks| ev.index.and_then(|i| tools.blocks.iter().rposition(|&b| b == i));
        match &*ev.kind {
            "message_start" => {
                if let Some(msg) = ev.message {
                    if let (Some(id), Some(model)) = (msg.id, msg.model) {
                        sink.part(StreamPart::Meta { id, model });
                    }
                    if let Some(usage) = msg.usage {
                        sink.part(StreamPart::Usage(usage.to_part(false)));
                    }
                }
            }
            "content_block_start" => match ev.content_block {
                Some(block) if block.kind == "tool_use" => {
                    tools.blocks.push(ev.index.unwrap_or_default());
                    tools.has_args = false;
                    let index = tools.blocks.len() as u32 - 1;
                    sink.part(StreamPart::ToolCall { index, id: block.id, name: block.name, arguments: Cow::Borrowed("") });
                }
                Some(block) => emit_text(block.text, block.thinking, sink),
                None => {}
            },
            "content_block_delta" => match ev.delta {
                Some(d) if d.kind.as_deref() == Some("input_json_delta") => {
                    let json = d.partial_json.filter(|j| !j.is_empty());
                    if let (Some(arguments), Some(index)) = (json, ordinal(tools)) {
                        tools.has_args = true;
                        sink.part(StreamPart::ToolCall { index: index as u32, id: None, name: None, arguments });
                    }
                }
                // text_delta and thinking_delta; signature_delta carries neither field.
                Some(d) => emit_text(d.text, d.thinking, sink),
                None => {}
            },
            "content_block_stop" => {
                // A tool called without arguments streams no JSON: send "{}" as LiteLLM does,
                // so the assembled call has valid JSON arguments.
                if let Some(index) = ordinal(tools).filter(|&o| o + 1 == tools.blocks.len() && !tools.has_args) {
                    tools.has_args = true;
                    sink.part(StreamPart::ToolCall { index: index as u32, id: None, name: None, arguments: Cow::Borrowed("{}") });
                }
            }
            "message_delta" => {
                if let Some(reason) = ev.delta.and_then(|d| d.stop_reason) {
                    sink.part(StreamPart::Finish { reason: finish_reason(&reason) });
                }
                if let Some(usage) = ev.usage {
                    sink.part(StreamPart::Usage(usage.to_part(true)));
                }
            }
            "error" => return Err(ev.error.map_or_else(|| error_from_type("", data), |e| e.to_error())),
            _ => {} // ping, message_stop, and event types added after this was written
        }
        Ok(())
    }
}

fn emit_text<'a>(text: Option<Cow<'a, str>>, thinking: Option<Cow<'a, str>>, sink: &mut dyn PartSink) {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        sink.part(StreamPart::Text { text });
    }
    if let Some(text) = thinking.filter(|t| !t.is_empty()) {
        sink.part(StreamPart::Reasoning { text });
    }
}

impl StreamDecoder for AnthropicStream {
    fn feed(&mut self, bytes: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        let tools = &mut self.tools;
        self.sse.feed(bytes, |e| Self::on_event(e, sink, tools))
    }

    fn finish(&mut self, sink: &mut dyn PartSink) -> Result<()> {
        let tools = &mut self.tools;
        self.sse.finish(|e| Self::on_event(e, sink, tools))
    }
}

#[cfg(test)]
#[path = "anthropic_tests.rs"]
mod tests;
