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
