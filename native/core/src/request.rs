//! The call's parameters, as LiteLLM and OpenAI spell them, deserialized from the
//! JSON the binding receives. Validation lives here so bad input fails before any
//! request is built, with a message naming the field and what to do.

use serde::Deserialize;
use serde_json::Value;

use crate::error::{LlmError, Result};
pub use crate::param_ranges::{check_range, ParamRange, DEFAULT_MAX_EVENT_BYTES, MAX_SECONDS, PARAM_RANGES};

pub use messages::*;

/// Everything `completion()` accepts, minus `signal` (handled in JS). Names this
/// struct does not know are split off first (`request_kwargs`): a likely typo of a
/// known name fails, any other goes to the provider as it is (`passthrough`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields))]
pub struct CompletionParams {
    /// `provider/model`, e.g. `openai/gpt-4o-mini`; bare `gpt-*`, `o*`, `claude-*`, `gemini-*` are inferred.
    pub model: String,
    pub messages: Vec<Message>,
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub stream: bool,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub top_k: Option<u32>,
    pub max_tokens: Option<u32>,
    pub max_completion_tokens: Option<u32>,
    pub stop: Option<Stop>,
    pub seed: Option<i64>,
    pub presence_penalty: Option<f64>,
    pub frequency_penalty: Option<f64>,
    pub tools: Option<Vec<Tool>>,
    #[cfg_attr(
        test,
        ts(type = "'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } }", optional)
    )]
    pub tool_choice: Option<Value>,
    #[cfg_attr(
        test,
        ts(
            type = "{ type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean } }",
            optional
        )
    )]
    pub response_format: Option<Value>,
    #[cfg_attr(test, ts(type = "'minimal' | 'low' | 'medium' | 'high'", optional))]
    pub reasoning_effort: Option<String>,
    pub user: Option<String>,
    /// With `include_usage: true` the stream ends with a usage chunk (`choices: []`); `stream.usage` is set either way.
    pub stream_options: Option<StreamOptions>,
    /// Choices to generate (1–128): OpenAI-compatible, Azure, Gemini (`candidateCount`); refused elsewhere unless `drop_params`.
    pub n: Option<u32>,
    /// OpenAI-compatible, Azure, Gemini (`responseLogprobs`); refused elsewhere unless `drop_params`.
    pub logprobs: Option<bool>,
    /// 0–20 alternatives per token (with `logprobs`).
    pub top_logprobs: Option<u32>,
    #[cfg_attr(test, ts(type = "Record<string, number>", optional))]
    pub logit_bias: Option<serde_json::Map<String, Value>>,
    /// Anthropic: `false` becomes `tool_choice.disable_parallel_tool_use`.
    pub parallel_tool_calls: Option<bool>,
    /// Sent to OpenAI and Azure beside `store: true`; Anthropic takes its `user_id`; otherwise kept out of requests.
    #[cfg_attr(test, ts(type = "Record<string, unknown>", optional))]
    pub metadata: Option<serde_json::Map<String, Value>>,
    pub service_tier: Option<String>,
    /// OpenAI's predicted outputs.
    #[cfg_attr(
        test,
        ts(type = "{ type: 'content'; content: string | Array<{ type: 'text'; text: string }> }", optional)
    )]
    pub prediction: Option<Value>,
    #[cfg_attr(test, ts(type = "Array<'text' | 'audio'>", optional))]
    pub modalities: Option<Vec<String>>,
    #[cfg_attr(test, ts(type = "{ voice: string; format: string }", optional))]
    pub audio: Option<Value>,
    /// OpenAI search models; Anthropic's web search tool; Gemini's Google Search grounding.
    #[cfg_attr(
        test,
        ts(
            type = "{ search_context_size?: 'low' | 'medium' | 'high'; user_location?: { type: 'approximate'; approximate: Record<string, string> } }",
            optional
        )
    )]
    pub web_search_options: Option<Value>,
    /// Anthropic's extended thinking (also Gemini's budget and Ollama's `think`); wins over `reasoning_effort`.
    pub thinking: Option<Thinking>,
    /// Legacy function calling: converted to `tools`; the answer comes back as `function_call`.
    pub functions: Option<Vec<FunctionDef>>,
    #[cfg_attr(test, ts(type = "'auto' | 'none' | { name: string }", optional))]
    pub function_call: Option<Value>,
    /// Merged into the provider's request body last (objects key by key).
    #[cfg_attr(test, ts(type = "Record<string, unknown>", optional))]
    pub extra_body: Option<serde_json::Map<String, Value>>,
    #[serde(skip)]
    pub passthrough: serde_json::Map<String, Value>,
    #[serde(skip)]
    pub legacy_functions: bool,
    /// Total seconds for the whole call, streaming included (default 600).
    pub timeout: Option<f64>,
    /// Seconds to wait for the response headers (default: `timeout`).
    pub first_byte_timeout: Option<f64>,
    /// Seconds a stream may receive nothing before it fails with `Timeout` (off by default).
    pub stream_timeout: Option<f64>,
    /// Largest stream event or whole response, in bytes (default 16 MiB); larger fails with `APIError`.
    pub max_event_bytes: Option<f64>,
    /// Retries on 408/409/429/5xx and connection errors, with backoff honouring retry-after.
    pub num_retries: Option<u32>,
    /// The provider's base URL (LiteLLM's alias `base_url` is accepted too).
    #[serde(alias = "base_url")]
    pub api_base: Option<String>,
    pub api_key: Option<String>,
    pub api_version: Option<String>,
    pub extra_headers: Option<std::collections::BTreeMap<String, String>>,
    /// Leave out parameters the provider does not support instead of failing.
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub drop_params: bool,
    /// Answer with this text without any network (streamed when `stream: true`).
    pub mock_response: Option<String>,
    /// With `mock_response`: simulated time to first token in ms.
    pub mock_ttft_ms: Option<f64>,
    /// With `mock_response`: simulated decode rate (tokens per second).
    pub mock_tokens_per_second: Option<f64>,
}

impl CompletionParams {
    /// Parses the JSON sent by JS, naming the offending field on failure.
    pub fn from_json(json: &str) -> Result<Self> {
        let split = crate::request_kwargs::split(json)?;
        let de = &mut serde_json::Deserializer::from_str(split.known_json());
        let mut params: Self = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            let inner = inner.split(" at line ").next().unwrap_or(&inner).to_owned();
            LlmError::bad_input(format!(
                "invalid completion() parameters at `{path}`: {inner}. See the README's parameter table."
            ))
        })?;
        params.passthrough = split.passthrough;
        params.validate()?;
        params.convert_legacy_functions()?;
        Ok(params)
    }

    /// `functions` / `function_call` become `tools` / `tool_choice`, understood by
    /// every wire; `legacy_functions` makes the answer speak `function_call` again.
    fn convert_legacy_functions(&mut self) -> Result<()> {
        let Some(functions) = self.functions.take() else {
            if self.function_call.is_some() {
                return Err(LlmError::bad_input("`function_call` needs `functions`: pass the functions it refers to"));
            }
            return Ok(());
        };
        if self.tools.is_some() {
            return Err(LlmError::bad_input(
                "`functions` and `tools` are both set: pass only `tools` (`functions` is the legacy form)",
            ));
        }
        self.tools = Some(
            functions
                .into_iter()
                .map(|function| Tool { kind: function_type(), function, cache_control: None })
                .collect(),
        );
        self.tool_choice = match self.function_call.take() {
            None => None,
            Some(Value::String(mode)) => Some(Value::String(mode)),
            Some(named) => match named.get("name").and_then(Value::as_str) {
                Some(name) => Some(serde_json::json!({"type": "function", "function": {"name": name}})),
                None => {
                    return Err(LlmError::bad_input(format!(
                        "`function_call` {named} is not understood: use 'auto', 'none' or {{\"name\": \"...\"}}"
                    )))
                }
            },
        };
        self.legacy_functions = true;
        Ok(())
    }

    fn validate(&self) -> Result<()> {
        if self.model.trim().is_empty() {
            return Err(LlmError::bad_input("`model` is empty: pass 'provider/model', e.g. 'openai/gpt-4o-mini'"));
        }
        if self.messages.is_empty() {
            return Err(LlmError::bad_input("`messages` is empty: pass at least one {role: 'user', content: '...'}"));
        }
        for (i, m) in self.messages.iter().enumerate() {
            match m.role {
                Role::Tool if m.tool_call_id.is_none() => {
                    return Err(LlmError::bad_input(format!(
                    "messages[{i}] has role 'tool' but no `tool_call_id`: set it to the id of the tool call it answers"
                )))
                }
                Role::User | Role::System | Role::Developer if m.content.is_none() => {
                    return Err(LlmError::bad_input(format!(
                        "messages[{i}] has no `content`: give it a string or an array of content parts"
                    )))
                }
                _ => {}
            }
        }
        let numbers = [
            ("temperature", self.temperature),
            ("top_p", self.top_p),
            ("presence_penalty", self.presence_penalty),
            ("frequency_penalty", self.frequency_penalty),
            ("timeout", self.timeout),
            ("first_byte_timeout", self.first_byte_timeout),
            ("stream_timeout", self.stream_timeout),
            ("max_event_bytes", self.max_event_bytes),
            ("num_retries", self.num_retries.map(f64::from)),
            ("n", self.n.map(f64::from)),
            ("top_logprobs", self.top_logprobs.map(f64::from)),
            ("mock_ttft_ms", self.mock_ttft_ms),
            ("mock_tokens_per_second", self.mock_tokens_per_second),
        ];
        for (name, value) in numbers {
            if let Some(value) = value {
                check_range(name, value)?;
            }
        }
        Ok(())
    }

    /// The event size cap of this call.
    pub fn max_event_bytes(&self) -> usize {
        self.max_event_bytes.map_or(DEFAULT_MAX_EVENT_BYTES, |b| b as usize)
    }

    /// `max_completion_tokens` wins over `max_tokens`, as in OpenAI's API.
    pub fn max_output_tokens(&self) -> Option<u32> {
        self.max_completion_tokens.or(self.max_tokens)
    }

    pub fn include_usage(&self) -> bool {
        self.stream_options.as_ref().is_some_and(|o| o.include_usage)
    }

    /// More than one choice was asked for.
    pub fn many_choices(&self) -> bool {
        self.n.is_some_and(|n| n > 1)
    }

    /// Whether any message, content part or tool carries `cache_control`.
    pub fn has_cache_control(&self) -> bool {
        self.messages.iter().any(Message::has_cache_control)
            || self.tools.iter().flatten().any(|t| t.cache_control.is_some())
    }

    /// `modalities` asks for more than text.
    pub fn non_text_modalities(&self) -> bool {
        self.modalities.iter().flatten().any(|m| m != "text")
    }
}

/// Anthropic's extended-thinking switch, as LiteLLM accepts it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields))]
#[serde(deny_unknown_fields)]
pub struct Thinking {
    /// `enabled` or `disabled`.
    #[serde(rename = "type")]
    pub kind: ThinkingKind,
    pub budget_tokens: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum ThinkingKind {
    Enabled,
    Disabled,
}

impl Thinking {
    /// The budget when thinking is on; `None` when it is off.
    pub fn budget(&self) -> Result<Option<u32>> {
        match (self.kind, self.budget_tokens) {
            (ThinkingKind::Disabled, _) => Ok(None),
            (ThinkingKind::Enabled, Some(b)) => Ok(Some(b)),
            (ThinkingKind::Enabled, None) => Err(LlmError::bad_input(
                "`thinking` is enabled without `budget_tokens`: pass e.g. {type: 'enabled', budget_tokens: 2048}",
            )),
        }
    }
}

mod messages;
#[cfg(test)]
mod tests;
