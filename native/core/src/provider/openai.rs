//! OpenAI Chat Completions, and every OpenAI-compatible server (Groq, Together,
//! DeepSeek, xAI, Mistral, OpenRouter, Fireworks, Perplexity, LM Studio, vLLM).
//! Wire reference: https://platform.openai.com/docs/api-reference/chat/streaming
//! Variants handled here: DeepSeek's `reasoning_content`, gpt-oss's `reasoning`
//! (Groq/OpenRouter), Groq's `event: error`, Azure's empty-`choices` filter chunk,
//! Mistral's `model_length` finish reason.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::sse_stream::{SseEvents, SseStream};
use super::wire_util::{bad_payload, error_from_type, error_with_code, First};
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::decode::sse::SseEvent;
use crate::error::{LlmError, Result};
use crate::parts::{FinishReason, PartSink, StreamPart, UsagePart};
use crate::request::{CompletionParams, Message, Stop, Tool};

pub struct OpenAi;

/// The request body: our parameters as OpenAI spells them; absent ones are omitted.
#[derive(Serialize)]
pub(crate) struct ChatBody<'a> {
    model: &'a str,
    messages: &'a [Message],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_options: Option<IncludeUsage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_k: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop: Option<&'a Stop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    presence_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tools: Option<&'a [Tool]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasoning_effort: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<&'a str>,
}

#[derive(Serialize)]
struct IncludeUsage {
    include_usage: bool,
}

impl<'a> ChatBody<'a> {
    /// `model` is `None` for Azure, whose deployment is in the URL.
    pub(crate) fn new(model: &'a str, p: &'a CompletionParams) -> Self {
        Self {
            model,
            messages: &p.messages,
            stream: p.stream,
            // Always ask for usage when streaming: token counts must come from the
            // provider, not an estimate, whenever the provider can give them.
            stream_options: p.stream.then_some(IncludeUsage { include_usage: true }),
            temperature: p.temperature,
            top_p: p.top_p,
            top_k: p.top_k,
            max_tokens: p.max_tokens,
            max_completion_tokens: p.max_completion_tokens,
            stop: p.stop.as_ref(),
            seed: p.seed,
            presence_penalty: p.presence_penalty,
            frequency_penalty: p.frequency_penalty,
            tools: p.tools.as_deref(),
            tool_choice: p.tool_choice.as_ref(),
            response_format: p.response_format.as_ref(),
            reasoning_effort: p.reasoning_effort.as_deref(),
            user: p.user.as_deref(),
        }
    }
}

pub(crate) fn json_headers(stream: bool) -> Vec<(&'static str, String)> {
    let accept = if stream { "text/event-stream" } else { "application/json" };
    vec![("content-type", "application/json".to_owned()), ("accept", accept.to_owned())]
}

fn bearer(headers: &mut Vec<(&'static str, String)>, key: &Option<String>) {
    if let Some(key) = key {
        headers.push(("authorization", format!("Bearer {key}")));
    }
}

impl Provider for OpenAi {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let body = serde_json::to_vec(&ChatBody::new(ctx.model, params)).expect("request body serializes");
        let mut headers = json_headers(params.stream);
        bearer(&mut headers, &ctx.api_key);
        Ok(HttpCall::post_json(format!("{}/chat/completions", ctx.base_url), headers, body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        parse_completion(body, sink)
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(OpenAiStream::default())
    }

    fn error_message(&self, body: &[u8]) -> Option<String> {
        error_message(body)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        let mut headers = json_headers(false);
        bearer(&mut headers, &ctx.api_key);
        Ok(HttpCall::get(format!("{}/models", ctx.base_url), headers))
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            data: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            id: String,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("models endpoint", &e, &String::from_utf8_lossy(body)))?;
        Ok(list.data.into_iter().map(|e| ModelInfo { id: e.id, display_name: None }).collect())
    }
}

// ---- wire shapes: only the fields we use (unknown fields are ignored) ----

#[derive(Deserialize)]
struct ChunkWire<'a> {
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    choices: First<ChoiceWire<'a>>,
    #[serde(default)]
    usage: Option<UsageWire>,
    #[serde(borrow, default)]
    error: Option<ErrorWire<'a>>,
}

#[derive(Deserialize)]
struct ChoiceWire<'a> {
    #[serde(borrow, default)]
    delta: Option<MessageWire<'a>>,
    #[serde(borrow, default)]
    message: Option<MessageWire<'a>>,
    #[serde(borrow, default)]
    finish_reason: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct MessageWire<'a> {
    #[serde(borrow, default)]
    content: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reasoning_content: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reasoning: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    tool_calls: Option<Vec<ToolCallWire<'a>>>,
}

#[derive(Deserialize)]
struct ToolCallWire<'a> {
    #[serde(default)]
    index: Option<u32>,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    function: Option<FunctionWire<'a>>,
}

#[derive(Deserialize)]
struct FunctionWire<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    arguments: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct UsageWire {
    prompt_tokens: Option<u32>,
    completion_tokens: Option<u32>,
    prompt_tokens_details: Option<CachedWire>,
    completion_tokens_details: Option<ReasoningWire>,
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
struct ErrorWire<'a> {
    #[serde(borrow, default)]
    message: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "type")]
    kind: Option<Cow<'a, str>>,
    #[serde(default)]
    code: Option<Value>,
}

impl UsageWire {
    fn to_part(&self) -> UsagePart {
        UsagePart {
            prompt_tokens: self.prompt_tokens,
            completion_tokens: self.completion_tokens,
            cached_tokens: self.prompt_tokens_details.as_ref().and_then(|d| d.cached_tokens),
            reasoning_tokens: self.completion_tokens_details.as_ref().and_then(|d| d.reasoning_tokens),
        }
    }
}

impl ErrorWire<'_> {
    fn to_error(&self) -> LlmError {
        let code = self.code.as_ref().and_then(Value::as_str);
        let kind = self.kind.as_deref().or(code).unwrap_or("");
        let err = error_from_type(kind, self.message.as_deref().unwrap_or("the provider reported an error mid-stream"));
        error_with_code(err, self.code.as_ref())
    }
}

/// Emits the parts of one message (stream delta or whole message).
fn emit_message(msg: MessageWire<'_>, sink: &mut dyn PartSink) {
    if let Some(text) = msg.reasoning_content.or(msg.reasoning).filter(|t| !t.is_empty()) {
        sink.part(StreamPart::Reasoning { text });
    }
    if let Some(text) = msg.content.filter(|t| !t.is_empty()) {
        sink.part(StreamPart::Text { text });
    }
    for (position, call) in msg.tool_calls.into_iter().flatten().enumerate() {
        let (name, arguments) = match call.function {
            Some(f) => (f.name, f.arguments.unwrap_or_default()),
            None => (None, Cow::Borrowed("")),
        };
        let index = call.index.unwrap_or(position as u32);
        sink.part(StreamPart::ToolCall { index, id: call.id, name, arguments });
    }
}

fn emit_chunk(chunk: ChunkWire<'_>, sink: &mut dyn PartSink, meta_sent: &mut bool) -> Result<()> {
    if let Some(err) = chunk.error {
        return Err(err.to_error());
    }
    if !*meta_sent {
        // Azure's content-filter chunk comes first with an empty id and model: skip it.
        if let (Some(id), Some(model)) = (chunk.id.as_ref().filter(|i| !i.is_empty()), &chunk.model) {
            sink.part(StreamPart::Meta { id: id.clone(), model: model.clone() });
            *meta_sent = true;
        }
    }
    if let Some(choice) = chunk.choices.0 {
        if let Some(msg) = choice.delta.or(choice.message) {
            emit_message(msg, sink);
        }
        if let Some(reason) = choice.finish_reason {
            sink.part(StreamPart::Finish { reason: FinishReason::from_openai(&reason) });
        }
    }
    if let Some(usage) = chunk.usage {
        sink.part(StreamPart::Usage(usage.to_part()));
    }
    Ok(())
}

pub(crate) fn parse_completion(body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
    let text = std::str::from_utf8(body).map_err(|_| LlmError::connection("response body is not UTF-8"))?;
    let chunk: ChunkWire<'_> = serde_json::from_str(text).map_err(|e| bad_payload("provider", &e, text))?;
    emit_chunk(chunk, sink, &mut false)
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
    meta_sent: bool,
}

/// Chat Completions SSE decoder (also used by Azure).
pub(crate) type OpenAiStream = SseStream<OpenAiEvents>;

impl SseEvents for OpenAiEvents {
    fn on_event(&mut self, event: SseEvent<'_>, sink: &mut dyn PartSink) -> Result<()> {
        let data = event.data.trim_end();
        if data == "[DONE]" {
            return Ok(());
        }
        let chunk: ChunkWire<'_> = serde_json::from_str(data).map_err(|e| bad_payload("provider", &e, data))?;
        if event.event == "error" && chunk.error.is_none() {
            return Err(error_from_type("", data));
        }
        emit_chunk(chunk, sink, &mut self.meta_sent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accumulate::Accumulator;
    use crate::error::ErrorKind;
    use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};

    const STREAM: &str = concat!(
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n",
        "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think \"},\"finish_reason\":null}]}\n\n",
        ": keep-alive\n\n",
        "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Héllo 🎉\"},\"finish_reason\":null}]}\r\n\r\n",
        "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get\",\"arguments\":\"\"}}]}}]}\n\n",
        "data:{\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"q\\\":1}\"}}]}}]}\n\n",
        "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
        "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12,\"prompt_tokens_details\":{\"cached_tokens\":2},\"completion_tokens_details\":{\"reasoning_tokens\":1}}}\n\n",
        "data: [DONE]\n\n",
    );

    fn decode(parts: &[&[u8]]) -> Result<Accumulator> {
        decode_pieces::<OpenAiStream>(parts)
    }

    #[test]
    fn decodes_content_reasoning_tools_and_usage() {
        let acc = decode(&[STREAM.as_bytes()]).unwrap();
        assert_eq!(acc.id.as_deref(), Some("c1"));
        assert_eq!(acc.content, "Héllo 🎉");
        assert_eq!(acc.reasoning, "think ");
        assert_eq!(acc.tool_calls[0].id, "call_1");
        assert_eq!(acc.tool_calls[0].arguments, "{\"q\":1}");
        assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
        assert_eq!(acc.usage.completion_tokens, Some(7));
        assert_eq!(acc.usage.cached_tokens, Some(2));
        assert_eq!(acc.usage.reasoning_tokens, Some(1));
    }

    #[test]
    fn every_split_decodes_identically() {
        assert_every_split_decodes_alike::<OpenAiStream>(STREAM.as_bytes());
    }

    #[test]
    fn mid_stream_error_keeps_earlier_parts() {
        let body = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\nevent: error\ndata: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}\n\n";
        let mut dec = OpenAiStream::default();
        let mut acc = Accumulator::default();
        let err = dec.feed(body.as_bytes(), &mut acc).unwrap_err();
        assert_eq!(acc.content, "ok");
        assert_eq!(err.kind, ErrorKind::RateLimitError);
    }

    #[test]
    fn azure_filter_chunk_and_gpt_oss_reasoning() {
        let body = "data: {\"id\":\"\",\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0}]}\n\ndata: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"delta\":{\"reasoning\":\"r\"}}]}\n\ndata: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"delta\":{},\"finish_reason\":\"model_length\"}]}\n\n";
        let acc = decode(&[body.as_bytes()]).unwrap();
        assert_eq!(acc.reasoning, "r");
        assert_eq!(acc.finish_reason(), FinishReason::Length);
    }

    #[test]
    fn non_streaming_completion_parses() {
        let body = br#"{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#;
        let mut acc = Accumulator::default();
        OpenAi.parse_chat(body, &mut acc).unwrap();
        assert_eq!(acc.content, "Hi");
        assert_eq!(acc.tool_calls[0].name, "f");
        assert_eq!(acc.usage.prompt_tokens, Some(3));
    }
}
