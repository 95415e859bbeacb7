//! The Chat Completions request body: our parameters as OpenAI spells them (also
//! Azure's and every OpenAI-compatible server's), plus the caller's unknown
//! parameters and `extra_body`.
//! Wire reference: https://platform.openai.com/docs/api-reference/chat/create

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Result;
use crate::provider::body_extras::{body_bytes, Unknown};
use crate::provider::reject_unsupported;
use crate::request::{CompletionParams, Message, Stop, Tool};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logprobs: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_logprobs: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logit_bias: Option<&'a Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parallel_tool_calls: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Map<String, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_tier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prediction: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modalities: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audio: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    web_search_options: Option<&'a Value>,
}

#[derive(Serialize)]
struct IncludeUsage {
    include_usage: bool,
}

impl<'a> ChatBody<'a> {
    /// Azure sends the deployment as `model` too (it ignores it).
    pub(crate) fn new(model: &'a str, p: &'a CompletionParams) -> Result<Self> {
        reject_unsupported(
            "the OpenAI Chat Completions API",
            p.drop_params,
            &[("thinking", p.thinking.is_some()), ("cache_control", p.has_cache_control())],
        )?;
        Ok(Self {
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
            n: p.n,
            logprobs: p.logprobs,
            top_logprobs: p.top_logprobs,
            logit_bias: p.logit_bias.as_ref(),
            parallel_tool_calls: p.parallel_tool_calls,
            // OpenAI refuses `metadata` unless `store: true` ("The 'metadata' parameter is
            // only allowed when 'store' is enabled"); LiteLLM keeps it for its own logging.
            // So it goes out only beside `store: true`.
            metadata: p.metadata.as_ref().filter(|_| stores(p)),
            service_tier: p.service_tier.as_deref(),
            prediction: p.prediction.as_ref(),
            modalities: p.modalities.as_deref(),
            audio: p.audio.as_ref(),
            web_search_options: p.web_search_options.as_ref(),
        })
    }

    /// The body as JSON, with the caller's unknown parameters and `extra_body`.
    pub(crate) fn to_bytes(&self, p: &CompletionParams) -> Vec<u8> {
        body_bytes(self, p, Unknown::TopLevel)
    }
}

/// The caller asked OpenAI to store the completion (`store: true`, passed through
/// or in `extra_body`).
fn stores(p: &CompletionParams) -> bool {
    let store = p.extra_body.as_ref().and_then(|b| b.get("store")).or_else(|| p.passthrough.get("store"));
    store == Some(&Value::Bool(true))
}
