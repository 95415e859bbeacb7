//! Thin napi-rs binding over `edgequake-llm-core`: parameters arrive as JSON text
//! (one `JSON.stringify` in JS is far cheaper than walking a JS object through
//! Node-API property by property), results leave as JSON text, streams leave as
//! batches of parts. All logic lives in the core crate.

mod errors;

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use edgequake_llm_core::engine::stream::Shape;
use edgequake_llm_core::engine::{self, Batch};
use edgequake_llm_core::LlmError;
use futures_util::FutureExt as _;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use tokio_util::sync::CancellationToken;

use errors::to_napi;

/// Runs synchronous core code; a panic (a bug of ours) becomes a typed JS error
/// instead of aborting the host process.
fn no_panic<T>(f: impl FnOnce() -> std::result::Result<T, LlmError>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(to_napi),
        Err(panic) => Err(to_napi(LlmError::internal_panic(&*panic))),
    }
}

/// The async twin of [`no_panic`]: a panicking future rejects its promise with a
/// typed error rather than napi's bare "Panic in async function".
async fn no_panic_async<T>(fut: impl Future<Output = std::result::Result<T, LlmError>>) -> Result<T> {
    match AssertUnwindSafe(fut).catch_unwind().await {
        Ok(result) => result.map_err(to_napi),
        Err(panic) => Err(to_napi(LlmError::internal_panic(&*panic))),
    }
}

/// Every provider: name, wire, default base URL, key and base environment variables.
#[napi(js_name = "providersJson")]
pub fn providers_json() -> String {
    engine::providers_json()
}

/// The allowed range of every numeric parameter: `[{name, min, max, min_exclusive, integer}]`.
#[napi(js_name = "paramRangesJson")]
pub fn param_ranges_json() -> String {
    engine::param_ranges_json()
}

/// The price table shipped with the package: `[{provider, model, input, output, cache_read?, …, date, source}]`.
#[napi(js_name = "priceTableJson")]
pub fn price_table_json() -> String {
    edgequake_llm_core::cost::price_table_json()
}

/// `{model, prompt_tokens, completion_tokens, cache_*?, reasoning_tokens?}` → `[prompt_usd, completion_usd]`.
#[napi(js_name = "costPerTokenJson")]
pub fn cost_per_token_json(args_json: String) -> Result<String> {
    no_panic(|| edgequake_llm_core::cost::cost_per_token_json(&args_json))
}

/// `{model, messages | text}` → `{tokens, tokenizer, estimated}` (OpenAI's tokenizers offline, else an estimate).
#[napi(js_name = "tokenCounterJson")]
pub fn token_counter_json(args_json: String) -> Result<String> {
    no_panic(|| edgequake_llm_core::token_counter::token_counter_json(&args_json))
}

/// `{model: 'provider/model', usage}` → the USD cost (JSON number).
#[napi(js_name = "completionCostJson")]
pub fn completion_cost_json(args_json: String) -> Result<String> {
    no_panic(|| edgequake_llm_core::cost::completion_cost_json(&args_json))
}

/// The engine's scrubber: `secrets` (raw and percent-encoded, longest first), then,
/// unless `patterns` is false, the shapes keys travel in (`Bearer …`, `?key=…`, `sk-…`).
#[napi(js_name = "redact")]
pub fn redact(text: String, secrets: Vec<String>, patterns: bool) -> String {
    edgequake_llm_core::redact::redact_text(&text, &secrets, patterns)
}

/// What replaces a secret in every redacted text (`REDACTED` in JS).
#[napi(js_name = "redactedMarker")]
pub fn redacted_marker() -> String {
    edgequake_llm_core::redact::REDACTED.to_owned()
}

/// Rebuilds a whole completion from a stream's chunks (JSON array in); `null` for none.
#[napi(js_name = "streamChunkBuilder")]
pub fn stream_chunk_builder(chunks_json: String) -> Result<Option<String>> {
    no_panic(|| engine::stream_chunk_builder(&chunks_json))
}

/// Runs a whole (non-streaming) call that cannot be aborted. Throws at once on bad
/// input; resolves with a `chat.completion` JSON string.
#[napi(ts_return_type = "Promise<string>")]
pub fn complete(env: &Env, params_json: String) -> Result<PromiseRaw<'_, String>> {
    let prepared = no_panic(|| engine::prepare(&params_json))?;
    env.spawn_future(no_panic_async(engine::complete(prepared, CancellationToken::new())))
}

/// Lists a provider's models; resolves with a JSON array of `{id, display_name?}`.
#[napi(js_name = "listModels", ts_return_type = "Promise<string>")]
pub fn list_models(env: &Env, params_json: String) -> Result<PromiseRaw<'_, String>> {
    env.spawn_future(no_panic_async(async move { engine::list_models(&params_json, CancellationToken::new()).await }))
}

/// `responses()`, whole: resolves with the provider's `response` object (JSON) plus `_timing`.
#[napi(ts_return_type = "Promise<string>")]
pub fn responses(env: &Env, params_json: String) -> Result<PromiseRaw<'_, String>> {
    let prepared = no_panic(|| engine::prepare_responses(&params_json))?;
    env.spawn_future(no_panic_async(engine::responses(prepared, CancellationToken::new())))
}

/// `responses()`, streamed: batches hold the provider's events as they came, then the `end` part.
#[napi(js_name = "responsesStream")]
pub fn responses_stream(params_json: String) -> Result<NativeStream> {
    let cancel = CancellationToken::new();
    let batch = no_panic(|| {
        let prepared = engine::prepare_responses(&params_json)?;
        Ok(within_runtime_if_available(|| engine::stream::start(prepared, cancel.clone(), Shape::Parts)))
    })?;
    Ok(NativeStream { batch, cancel })
}

/// Embeds one text or several; resolves with LiteLLM's `EmbeddingResponse` JSON.
#[napi(ts_return_type = "Promise<string>")]
pub fn embedding(env: &Env, params_json: String) -> Result<PromiseRaw<'_, String>> {
    env.spawn_future(no_panic_async(async move { engine::embedding(&params_json, CancellationToken::new()).await }))
}

/// Opens a pooled connection to a model's host; resolves with `{ok, ms, error?}` JSON.
#[napi(ts_return_type = "Promise<string>")]
pub fn warm(env: &Env, params_json: String) -> Result<PromiseRaw<'_, String>> {
    env.spawn_future(no_panic_async(async move { engine::warm(&params_json, CancellationToken::new()).await }))
}

/// An abortable whole call (used when the caller passes an AbortSignal).
#[napi]
pub struct NativeCall {
    cancel: CancellationToken,
}

#[napi]
impl NativeCall {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Self { cancel: CancellationToken::new() }
    }

    #[napi(ts_return_type = "Promise<string>")]
    pub fn complete<'env>(&self, env: &'env Env, params_json: String) -> Result<PromiseRaw<'env, String>> {
        let prepared = no_panic(|| engine::prepare(&params_json))?;
        env.spawn_future(no_panic_async(engine::complete(prepared, self.cancel.clone())))
    }

    /// Closes the request: the Rust future stops and the connection is dropped.
    #[napi]
    pub fn abort(&self) {
        self.cancel.cancel();
    }
}

/// Starts a streamed call. Throws at once on bad input. Batches hold OpenAI
/// chunks when `chunks` is true (the library's iterator), else stream parts.
#[napi]
pub fn stream(params_json: String, chunks: Option<bool>) -> Result<NativeStream> {
    let cancel = CancellationToken::new();
    let shape = if chunks.unwrap_or(false) { Shape::Chunks } else { Shape::Parts };
    let batch = no_panic(|| {
        let prepared = engine::prepare(&params_json)?;
        Ok(within_runtime_if_available(|| engine::stream::start(prepared, cancel.clone(), shape)))
    })?;
    Ok(NativeStream { batch, cancel })
}

/// A running stream. `next()` resolves with a JSON array of the parts that arrived
/// since the last call (at least one), or `null` at the end; it rejects after the
/// parts that arrived before a failure.
#[napi]
pub struct NativeStream {
    batch: Arc<Batch>,
    cancel: CancellationToken,
}

#[napi]
impl NativeStream {
    #[napi(ts_return_type = "Promise<string | null>")]
    pub async fn next(&self) -> Result<Option<String>> {
        no_panic_async(self.batch.next()).await
    }

    /// Closes the HTTP request promptly; `next()` then rejects with an AbortError.
    #[napi]
    pub fn abort(&self) {
        self.cancel.cancel();
    }
}

impl Drop for NativeStream {
    /// A stream garbage-collected before its end must not keep a connection open.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}
