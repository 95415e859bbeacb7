//! Responses API events (and a whole response) decoded into parts; with
//! `pass_through`, every event also goes on verbatim as `StreamPart::Event`.

use std::borrow::Cow;

use serde::Deserialize;

use crate::accumulate::MAX_TOOL_CALL_INDEX;
use crate::decode::sse::SseEvent;
use crate::error::{LlmError, Result};
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use crate::provider::error_from_type;
use crate::provider::lenient::{parse_event, Items, JsonText, Lenient, Text};
use crate::provider::sse_stream::{SseEvents, SseStream};

// ---- wire shapes: only the fields we use ----

#[derive(Deserialize)]
struct EventWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    delta: Text<'a>,
    #[serde(default)]
    output_index: Lenient<u32>,
    #[serde(borrow, default)]
    item: Option<ItemWire<'a>>,
    #[serde(borrow, default)]
    response: Option<ResponseWire<'a>>,
    /// The `error` event's own fields.
    #[serde(borrow, default)]
    code: Text<'a>,
    #[serde(borrow, default)]
    message: Text<'a>,
}

#[derive(Deserialize)]
struct ItemWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    call_id: Text<'a>,
    #[serde(borrow, default)]
    name: Text<'a>,
    #[serde(borrow, default)]
    arguments: JsonText<'a>,
    #[serde(borrow, default)]
    summary: Items<TextPartWire<'a>>,
    #[serde(borrow, default)]
    content: Items<TextPartWire<'a>>,
}

/// A `summary_text`, `reasoning_text`, `output_text` or `refusal` part.
#[derive(Deserialize)]
struct TextPartWire<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    refusal: Text<'a>,
}

#[derive(Deserialize)]
struct ResponseWire<'a> {
    #[serde(borrow, default)]
    id: Text<'a>,
    #[serde(borrow, default)]
    model: Text<'a>,
    #[serde(borrow, default)]
    status: Text<'a>,
    #[serde(default)]
    usage: Lenient<UsageWire>,
    #[serde(default)]
    incomplete_details: Lenient<IncompleteWire>,
    #[serde(default)]
    error: Lenient<ErrorWire>,
    #[serde(borrow, default)]
    output: Items<ItemWire<'a>>,
}

#[derive(Deserialize)]
struct UsageWire {
    input_tokens: Option<u32>,
    output_tokens: Option<u32>,
    #[serde(default)]
    input_tokens_details: Lenient<CachedWire>,
    #[serde(default)]
    output_tokens_details: Lenient<ReasoningWire>,
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
struct IncompleteWire {
    reason: Option<String>,
}

#[derive(Deserialize)]
struct ErrorWire {
    code: Option<String>,
    message: Option<String>,
}

impl UsageWire {
    /// The Responses API's counts have OpenAI's meaning already: input includes
    /// cached tokens, output includes reasoning tokens.
    fn to_part(&self) -> UsagePart {
        UsagePart {
            prompt_tokens: self.input_tokens,
            completion_tokens: self.output_tokens,
            cached_tokens: self.input_tokens_details.0.as_ref().and_then(|d| d.cached_tokens),
            reasoning_tokens: self.output_tokens_details.0.as_ref().and_then(|d| d.reasoning_tokens),
            cache_creation_tokens: None,
        }
    }
}

impl ResponseWire<'_> {
    fn finish(&self) -> FinishReason {
        let reason = self.incomplete_details.0.as_ref().and_then(|d| d.reason.as_deref());
        match (self.status.0.as_deref(), reason) {
            (Some("incomplete"), Some("content_filter")) => FinishReason::ContentFilter,
            (Some("incomplete"), _) => FinishReason::Length,
            _ => FinishReason::Stop,
        }
    }

    fn failure(&self) -> LlmError {
        let e = self.error.0.as_ref();
        let message = e.and_then(|e| e.message.as_deref()).unwrap_or("the response failed");
        error_from_type(e.and_then(|e| e.code.as_deref()).unwrap_or(""), message)
    }
}

/// One Responses event stream's state.
#[derive(Default)]
pub(crate) struct ResponsesEvents {
    /// Also hand every event on as it came (`responses()` streams).
    pass_through: bool,
    meta_sent: bool,
    /// `output_index` of each function call, by tool-call index (first appearance).
    calls: Vec<u32>,
    ended: bool,
}

pub(crate) type ResponsesStream = SseStream<ResponsesEvents>;

/// The decoder that also passes every event on verbatim (`responses()`).
pub(super) fn pass_through_stream() -> ResponsesStream {
    SseStream::with(ResponsesEvents { pass_through: true, ..ResponsesEvents::default() })
}

impl ResponsesEvents {
    fn call_index(&mut self, output_index: u32) -> Option<u32> {
        let at = self.calls.iter().position(|&i| i == output_index);
        at.map(|i| i as u32)
    }

    fn meta(&mut self, response: &ResponseWire<'_>, sink: &mut dyn PartSink) {
        if let (false, Some(id), Some(model)) = (self.meta_sent, response.id.0.clone(), response.model.0.clone()) {
            sink.part(StreamPart::Meta { id, model });
            self.meta_sent = true;
        }
    }
}

impl SseEvents for ResponsesEvents {
    fn on_event(&mut self, event: SseEvent<'_>, sink: &mut dyn PartSink) -> Result<()> {
        let data = event.data.trim_end();
        if data.is_empty() || data == "[DONE]" {
            return Ok(());
        }
        let ev: EventWire<'_> = parse_event("responses", data)?;
        if self.pass_through {
            sink.part(StreamPart::Event { json: Cow::Borrowed(data) });
        }
        let kind = ev.kind.0.as_deref().unwrap_or(event.event);
        match kind {
            "response.created" | "response.in_progress" => {
                if let Some(r) = &ev.response {
                    self.meta(r, sink);
                }
            }
            "response.output_text.delta" | "response.refusal.delta" => {
                if let Some(text) = ev.delta.non_empty() {
                    sink.part(StreamPart::Text { text });
                }
            }
            "response.reasoning_summary_text.delta" | "response.reasoning_text.delta" => {
                if let Some(text) = ev.delta.non_empty() {
                    sink.part(StreamPart::Reasoning { text });
                }
            }
            "response.output_item.added" => {
                let Some(item) = ev.item.filter(|i| i.kind.0.as_deref() == Some("function_call")) else {
                    return Ok(());
                };
                let output_index = ev.output_index.0.unwrap_or(u32::MAX);
                if self.calls.len() as u32 > MAX_TOOL_CALL_INDEX {
                    return Err(crate::accumulate::tool_call_index_error(self.calls.len() as u32));
                }
                self.calls.push(output_index);
                let index = self.calls.len() as u32 - 1;
                let arguments = item.arguments.0.unwrap_or_default();
                sink.part(StreamPart::ToolCall { index, id: item.call_id.0, name: item.name.0, arguments });
            }
            "response.function_call_arguments.delta" => {
                let index = ev.output_index.0.and_then(|i| self.call_index(i));
                if let (Some(index), Some(arguments)) = (index, ev.delta.non_empty()) {
                    sink.part(StreamPart::ToolCall { index, id: None, name: None, arguments });
                }
            }
            "response.completed" | "response.incomplete" => {
                self.ended = true;
                if let Some(r) = &ev.response {
                    self.meta(r, sink);
                    if let Some(usage) = &r.usage.0 {
                        sink.part(StreamPart::Usage(usage.to_part()));
                    }
                    sink.part(StreamPart::Finish { reason: r.finish() });
                }
            }
            "response.failed" => {
                self.ended = true;
                return Err(ev.response.map_or_else(|| error_from_type("", "the response failed"), |r| r.failure()));
            }
            "error" => {
                let message = ev.message.0.as_deref().unwrap_or("the provider reported an error mid-stream");
                return Err(error_from_type(ev.code.0.as_deref().unwrap_or(""), message));
            }
            _ => {}
        }
        Ok(())
    }

    fn ended(&self) -> bool {
        self.ended
    }
}

/// A whole `response` object as parts.
pub(crate) fn parse_response(body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
    let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
    let r: ResponseWire<'_> = parse_event("responses", text)?;
    if r.status.0.as_deref() == Some("failed") {
        return Err(r.failure());
    }
    ResponsesEvents::default().meta(&r, sink);
    let mut calls = 0;
    for item in &r.output.0 {
        match item.kind.0.as_deref() {
            Some("reasoning") => {
                for part in &item.summary.0 {
                    if let Some(text) = part.text.0.clone().filter(|t| !t.is_empty()) {
                        sink.part(StreamPart::Reasoning { text });
                    }
                }
            }
            Some("message") => {
                for part in &item.content.0 {
                    let text = match part.kind.0.as_deref() {
                        Some("refusal") => part.refusal.0.clone(),
                        _ => part.text.0.clone(),
                    };
                    if let Some(text) = text.filter(|t| !t.is_empty()) {
                        sink.part(StreamPart::Text { text });
                    }
                }
            }
            Some("function_call") => {
                let arguments = item.arguments.0.clone().unwrap_or_default();
                sink.part(StreamPart::ToolCall {
                    index: calls,
                    id: item.call_id.0.clone(),
                    name: item.name.0.clone(),
                    arguments,
                });
                calls += 1;
            }
            _ => {}
        }
    }
    if let Some(usage) = &r.usage.0 {
        sink.part(StreamPart::Usage(usage.to_part()));
    }
    sink.part(StreamPart::Finish { reason: r.finish() });
    Ok(())
}
