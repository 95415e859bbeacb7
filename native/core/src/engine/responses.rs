//! `responses()`: OpenAI's Responses API with LiteLLM's name — the caller's
//! request goes to `/responses` in OpenAI's own shapes (input items,
//! `instructions`, `reasoning: {effort, summary}`, tools, `previous_response_id`,
//! …), and the reply comes back as OpenAI sent it: a `response` object with
//! `_timing`, or, streamed, every semantic event with its `_arrival_ms`, then
//! usage and timing. Names the engine does not know go to the provider as they
//! are (the API grows often); a likely typo of a known name fails.

use serde_json::{json, Map, Value};
use tokio_util::sync::CancellationToken;

use super::complete::{whole_reply, WholeReply};
use super::resolve::resolve;
use super::retry::Limits;
use super::timing::{estimate_tokens, TimingRecorder};
use super::{secrets_of, Prepared};
use crate::error::{LlmError, Result};
use crate::provider::openai_responses::responses_call;
use crate::provider::{for_wire, Wire};
use crate::request::CompletionParams;
use crate::request_kwargs::check_not_a_typo_of;

/// The engine's own options: they shape the call and are never sent.
const ENGINE_OPTIONS: &[&str] = &[
    "api_base",
    "base_url",
    "api_key",
    "api_version",
    "extra_headers",
    "extra_body",
    "timeout",
    "first_byte_timeout",
    "stream_timeout",
    "num_retries",
    "max_event_bytes",
    "drop_params",
];

/// The Responses API's own parameters (checked against for typos; all are sent).
/// https://platform.openai.com/docs/api-reference/responses/create
const RESPONSES_PARAMS: &[&str] = &[
    "model",
    "input",
    "instructions",
    "reasoning",
    "tools",
    "tool_choice",
    "previous_response_id",
    "conversation",
    "stream",
    "stream_options",
    "max_output_tokens",
    "max_tool_calls",
    "temperature",
    "top_p",
    "top_logprobs",
    "text",
    "truncation",
    "store",
    "metadata",
    "user",
    "parallel_tool_calls",
    "include",
    "background",
    "service_tier",
    "prompt",
    "prompt_cache_key",
    "safety_identifier",
];

/// Validates `responses()` parameters and builds the call, like `prepare` does for
/// `completion()`; its stream hands out the provider's events.
pub fn prepare_responses(params_json: &str) -> Result<Prepared> {
    let timing = TimingRecorder::start();
    let mut body: Map<String, Value> = serde_json::from_str(params_json)
        .map_err(|e| LlmError::bad_input(format!("responses() takes one object {{ model, input, ... }}: {e}")))?;
    let known: Vec<&str> = RESPONSES_PARAMS.iter().chain(ENGINE_OPTIONS).copied().collect();
    for name in body.keys() {
        check_not_a_typo_of(name, &known)?;
    }
    let Some(Value::String(model)) = body.get("model").cloned() else {
        return Err(LlmError::bad_input("responses() needs `model`: 'openai/<model>' or 'azure/<deployment>'"));
    };
    if body.get("input").is_none_or(Value::is_null) && body.get("previous_response_id").is_none_or(Value::is_null) {
        return Err(LlmError::bad_input("responses() needs `input`: a string or a list of input items"));
    }
    // The engine's options, checked by the same code as completion()'s.
    let mut options = Map::new();
    for name in ENGINE_OPTIONS {
        if let Some(v) = body.remove(*name) {
            options.insert((*name).to_owned(), v);
        }
    }
    let stream = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    let extra_body = options.remove("extra_body");
    options.insert("model".into(), json!(model));
    options.insert("stream".into(), json!(stream));
    let input_text = match body.get("input") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    options.insert("messages".into(), json!([{ "role": "user", "content": input_text }]));
    let params = CompletionParams::from_json(&Value::Object(options).to_string())?;

    let mut secrets = secrets_of(params.api_key.as_deref(), params.extra_headers.as_ref());
    let target =
        resolve(&model, params.api_base.as_deref(), params.api_key.as_deref(), params.api_version.as_deref(), true)
            .map_err(|e| e.redacted(&secrets))?;
    if let Some(key) = &target.ctx.api_key {
        secrets.add(key);
    }
    let with_context = |e: LlmError| e.with_context(target.spec.name, target.ctx.model).redacted(&secrets);
    let (wire, azure) = match target.wire {
        Wire::OpenAi | Wire::OpenAiResponses => (Wire::OpenAiResponses, false),
        Wire::Azure | Wire::AzureResponses => (Wire::AzureResponses, true),
        _ => {
            return Err(with_context(LlmError::bad_input(format!(
                "responses() speaks OpenAI's Responses API, which {} does not serve: use an openai, azure or \
                 OpenAI-compatible model (or completion())",
                target.spec.name
            ))))
        }
    };
    body.insert("model".into(), json!(target.ctx.model));
    if let Some(Value::Object(extra)) = extra_body {
        for (k, v) in extra {
            body.insert(k, v);
        }
    }
    let bytes = serde_json::to_vec(&body).expect("a map serializes");
    let call = responses_call(&target.ctx, azure, stream, bytes).map_err(with_context)?;
    let limits = Limits::new(
        timing.started_at(),
        params.timeout,
        params.first_byte_timeout,
        params.stream_timeout,
        params.num_retries,
    )
    .map_err(with_context)?;
    let (spec, model) = (target.spec, target.ctx.model.to_owned());
    let provider = for_wire(wire);
    Ok(Prepared { params, spec, provider, model, call: Some(call), limits, timing, secrets, events: true })
}

/// A whole (non-streamed) `responses()` call: the provider's `response` object,
/// as it came, with `_timing` added.
pub async fn responses(mut p: Prepared, cancel: CancellationToken) -> Result<String> {
    let context = p.context();
    let WholeReply { status, body, acc } = whole_reply(&mut p, &cancel).await.map_err(&context)?;
    let timing = p.timing.build(acc.usage.completion_tokens, estimate_tokens(acc.generated_chars()), None);
    let text = std::str::from_utf8(&body).map_err(|_| context(LlmError::connection("response body is not UTF-8")))?;
    let head = text
        .trim_end()
        .strip_suffix('}')
        .ok_or_else(|| context(LlmError::api_error(Some(status), "the response is not a JSON object")))?;
    let timing_json = serde_json::to_string(&timing).expect("timing serializes");
    Ok(format!("{head},\"_provider\":{},\"_timing\":{timing_json}}}", serde_json::to_string(p.spec.name).expect("str")))
}
