//! OpenAI `chat.completion` objects, whatever the provider, plus LiteLLM's
//! `_response_ms` and our `_timing` record.

use serde::Serialize;

use super::timing::Timing;
use crate::accumulate::{Accumulator, AssembledToolCall, ThinkingBlock};
use crate::http::clock::unix_ms_now;
use crate::parts::{FinishReason, UsagePart};

#[derive(Serialize)]
struct CompletionOut<'a> {
    id: &'a str,
    object: &'static str,
    created: u64,
    model: &'a str,
    choices: Vec<ChoiceOut<'a>>,
    usage: UsageOut,
    _response_ms: f64,
    _provider: &'a str,
    _timing: &'a Timing,
}

#[derive(Serialize)]
struct ChoiceOut<'a> {
    index: u32,
    message: MessageOut<'a>,
    finish_reason: &'static str,
    logprobs: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
struct MessageOut<'a> {
    role: &'static str,
    content: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasoning_content: Option<&'a str>,
    /// LiteLLM's `thinking_blocks`: pass them back on the assistant message of the
    /// next turn (Anthropic requires it when that turn continues a tool call).
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking_blocks: Option<Vec<ThinkingBlockOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_calls: Option<Vec<ToolCallOut<'a>>>,
    /// Legacy function calling (the call passed `functions`): the first call.
    #[serde(skip_serializing_if = "Option::is_none")]
    function_call: Option<FunctionOut<'a>>,
    /// `audio`, `annotations`, `refusal` as the provider sent them.
    #[serde(flatten)]
    fields: &'a serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct ThinkingBlockOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    thinking: &'a str,
    signature: &'a str,
}

fn thinking_block_out(block: &ThinkingBlock) -> ThinkingBlockOut<'_> {
    ThinkingBlockOut { kind: "thinking", thinking: &block.thinking, signature: &block.signature }
}

#[derive(Serialize)]
struct ToolCallOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    function: FunctionOut<'a>,
}

#[derive(Serialize)]
struct FunctionOut<'a> {
    name: &'a str,
    arguments: &'a str,
}

/// OpenAI's usage shape with LiteLLM's cache fields. Missing provider counts are
/// filled with estimates (see `_timing.output_tokens_source`).
/// OpenAI's usage with LiteLLM's cache fields; `prompt_tokens` includes cached and
/// cache-written tokens.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, rename = "Usage"))]
pub struct UsageOut {
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
    pub total_tokens: u32,
    pub prompt_tokens_details: CachedOut,
    pub completion_tokens_details: ReasoningOut,
    /// Prompt tokens written to the cache (Anthropic; 0 where providers cache implicitly).
    pub cache_creation_input_tokens: u32,
    /// Prompt tokens read from the cache (= `prompt_tokens_details.cached_tokens`).
    pub cache_read_input_tokens: u32,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CachedOut {
    pub cached_tokens: u32,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ReasoningOut {
    pub reasoning_tokens: u32,
}

impl UsageOut {
    pub fn new(usage: &UsagePart, prompt_estimate: u32, completion: u32) -> Self {
        let prompt_tokens = usage.prompt_tokens.unwrap_or(prompt_estimate);
        let cached_tokens = usage.cached_tokens.unwrap_or(0);
        Self {
            prompt_tokens,
            completion_tokens: completion,
            total_tokens: prompt_tokens.saturating_add(completion),
            prompt_tokens_details: CachedOut { cached_tokens },
            completion_tokens_details: ReasoningOut { reasoning_tokens: usage.reasoning_tokens.unwrap_or(0) },
            cache_creation_input_tokens: usage.cache_creation_tokens.unwrap_or(0),
            cache_read_input_tokens: cached_tokens,
        }
    }
}

pub fn generated_id() -> String {
    format!("chatcmpl-{:016x}", fastrand::u64(..))
}

pub struct CompletionContext<'a> {
    pub provider: &'a str,
    pub requested_model: &'a str,
    pub prompt_estimate: u32,
    /// The call used legacy `functions`: answer with `function_call`.
    pub legacy_functions: bool,
}

fn choice_out<'a>(index: u32, acc: &'a Accumulator, legacy_functions: bool) -> ChoiceOut<'a> {
    let mut tool_calls: Option<Vec<ToolCallOut<'a>>> =
        (!acc.tool_calls.is_empty()).then(|| acc.tool_calls.iter().map(tool_call_out).collect());
    // OpenAI answers `content: null` beside tool calls or audio.
    let spoken = acc.message_fields.contains_key("audio");
    let content =
        if acc.content.is_empty() && (tool_calls.is_some() || spoken) { None } else { Some(acc.content.as_str()) };
    let mut finish = acc.finish_reason();
    let mut function_call = None;
    if legacy_functions {
        function_call = tool_calls.take().and_then(|calls| calls.into_iter().next()).map(|c| c.function);
        if finish == FinishReason::ToolCalls {
            finish = FinishReason::FunctionCall;
        }
    }
    ChoiceOut {
        index,
        message: MessageOut {
            role: "assistant",
            content,
            reasoning_content: (!acc.reasoning.is_empty()).then_some(acc.reasoning.as_str()),
            thinking_blocks: (!acc.thinking_blocks.is_empty())
                .then(|| acc.thinking_blocks.iter().map(thinking_block_out).collect()),
            tool_calls,
            function_call,
            fields: &acc.message_fields,
        },
        finish_reason: finish.as_str(),
        logprobs: acc.logprobs.as_ref(),
    }
}

pub fn completion_json(ctx: &CompletionContext<'_>, acc: &Accumulator, timing: &Timing) -> String {
    let id = acc.id.clone().unwrap_or_else(generated_id);
    let out = CompletionOut {
        id: &id,
        object: "chat.completion",
        created: (timing.start_unix_ms / 1000.0) as u64,
        model: acc.model.as_deref().unwrap_or(ctx.requested_model),
        choices: acc.choices().into_iter().map(|(i, a)| choice_out(i, a, ctx.legacy_functions)).collect(),
        usage: UsageOut::new(&acc.usage, ctx.prompt_estimate, timing.output_tokens),
        _response_ms: timing.end_ms.unwrap_or_else(|| unix_ms_now() - timing.start_unix_ms),
        _provider: ctx.provider,
        _timing: timing,
    };
    serde_json::to_string(&out).expect("completion serializes")
}

fn tool_call_out(call: &AssembledToolCall) -> ToolCallOut<'_> {
    ToolCallOut {
        id: &call.id,
        kind: "function",
        function: FunctionOut { name: &call.name, arguments: &call.arguments },
    }
}
