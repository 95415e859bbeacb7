//! The stream-part union every provider decoder emits: one vocabulary for all wire
//! formats (AI SDK-style), serialized with `#[serde(tag = "type")]` and mirrored in
//! `native/js` and `main/common`. Strings borrow from the decoded event so the
//! per-chunk path allocates nothing until the part is written to the batch.

use std::borrow::Cow;

use serde::Serialize;

/// OpenAI's finish reasons; every provider's native reason maps onto one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FinishReason {
    Stop,
    Length,
    ToolCalls,
    ContentFilter,
    FunctionCall,
}

impl FinishReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stop => "stop",
            Self::Length => "length",
            Self::ToolCalls => "tool_calls",
            Self::ContentFilter => "content_filter",
            Self::FunctionCall => "function_call",
        }
    }

    /// Gemini and Ollama finish a tool-calling turn with a plain STOP; OpenAI says
    /// `tool_calls`, and so do we (LiteLLM's mapping).
    pub fn given_tool_calls(self, saw_tool_call: bool) -> Self {
        match self {
            Self::Stop if saw_tool_call => Self::ToolCalls,
            other => other,
        }
    }

    /// OpenAI-compatible reasons, including Mistral's `model_length`. Unknown → stop,
    /// as LiteLLM does.
    pub fn from_openai(reason: &str) -> Self {
        match reason {
            "length" | "model_length" => Self::Length,
            "tool_calls" => Self::ToolCalls,
            "content_filter" => Self::ContentFilter,
            "function_call" => Self::FunctionCall,
            _ => Self::Stop,
        }
    }
}

/// Token counts, each optional because providers report them piecemeal
/// (Anthropic: input at `message_start`, output at `message_delta`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[cfg_attr(test, ts(optional_fields))]
pub struct UsagePart {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cached_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_tokens: Option<u32>,
    /// Prompt tokens written to the provider's cache (Anthropic's
    /// `cache_creation_input_tokens`), billed at the cache-write price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_creation_tokens: Option<u32>,
}

impl UsagePart {
    /// Later reports overwrite earlier ones field by field (counts are cumulative).
    pub fn merge(&mut self, newer: &UsagePart) {
        self.prompt_tokens = newer.prompt_tokens.or(self.prompt_tokens);
        self.completion_tokens = newer.completion_tokens.or(self.completion_tokens);
        self.cached_tokens = newer.cached_tokens.or(self.cached_tokens);
        self.reasoning_tokens = newer.reasoning_tokens.or(self.reasoning_tokens);
        self.cache_creation_tokens = newer.cache_creation_tokens.or(self.cache_creation_tokens);
    }
}

/// Ollama's own server-side timings, in nanoseconds as it reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct OllamaTimings {
    pub total_duration: u64,
    pub load_duration: u64,
    pub prompt_eval_count: u32,
    pub prompt_eval_duration: u64,
    pub eval_count: u32,
    pub eval_duration: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamPart<'a> {
    /// Response id and model as the provider names them (first event).
    Meta {
        id: Cow<'a, str>,
        model: Cow<'a, str>,
    },
    Text {
        text: Cow<'a, str>,
    },
    Reasoning {
        text: Cow<'a, str>,
    },
    /// Closes the reasoning block streamed so far with the provider's signature
    /// (Anthropic extended thinking). The block must go back, signed, with the next
    /// turn when that turn continues a tool call.
    ReasoningSignature {
        signature: Cow<'a, str>,
    },
    /// OpenAI-style indexed fragment: the first per index carries id and name.
    ToolCall {
        index: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        id: Option<Cow<'a, str>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(test, ts(optional))]
        name: Option<Cow<'a, str>>,
        arguments: Cow<'a, str>,
    },
    Usage(UsagePart),
    Finish {
        reason: FinishReason,
    },
    Ollama(OllamaTimings),
    /// The parts that follow belong to choice `index`. Sent only when a reply has
    /// several choices (`n > 1`); until the first one, parts belong to choice 0.
    Choice {
        index: u32,
    },
    /// Log probabilities of the tokens of the current choice, as the provider's JSON
    /// object (`{"content": [...]}`), passed on as it came.
    Logprobs {
        #[serde(serialize_with = "raw_json")]
        #[cfg_attr(test, ts(type = "unknown"))]
        logprobs: Cow<'a, str>,
    },
    /// A field of the current choice's message that the engine passes on without
    /// reading it (`audio`, `annotations`, `refusal`): JSON as the provider sent it.
    /// Pieces merge as streamed deltas do: strings join, arrays extend, objects merge.
    MessageField {
        name: &'static str,
        #[serde(serialize_with = "raw_json")]
        #[cfg_attr(test, ts(type = "unknown"))]
        json: Cow<'a, str>,
    },
    /// One provider event passed on as it came (a JSON object), for callers that
    /// asked for the provider's own events (`responses()` streams).
    Event {
        #[serde(serialize_with = "raw_json")]
        #[cfg_attr(test, ts(type = "unknown"))]
        json: Cow<'a, str>,
    },
    /// What the server reported about its own timing (never serialized for the
    /// app's parts: it reaches the caller in the timing record).
    #[cfg_attr(test, ts(skip))]
    Server(ServerReport),
}

/// The maximum choice index a reply may use (OpenAI's `n` is at most 128).
pub const MAX_CHOICE_INDEX: u32 = 127;

/// Writes JSON text as it is. `serialize_with` hands over `&Cow`, hence the type.
#[allow(clippy::ptr_arg)]
fn raw_json<S: serde::Serializer>(json: &Cow<'_, str>, s: S) -> Result<S::Ok, S::Error> {
    match serde_json::value::RawValue::from_string(json.to_string()) {
        Ok(raw) => raw.serialize(s),
        Err(_) => s.serialize_none(),
    }
}

pub use crate::server_timing::ServerReport;

impl StreamPart<'_> {
    /// True for parts that carry generated tokens (the TTFT and inter-token events).
    pub fn is_token(&self) -> bool {
        match self {
            Self::Text { text } | Self::Reasoning { text } => !text.is_empty(),
            Self::ToolCall { .. } => true,
            _ => false,
        }
    }
}

/// Where decoders put parts. The engine's sink stamps arrival times and batches
/// them for JS; the accumulator builds a whole response.
pub trait PartSink {
    fn part(&mut self, part: StreamPart<'_>);
}
