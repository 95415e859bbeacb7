//! Thin PyO3 binding over `edgequake-llm-core` for the `edgequake_python` package:
//! parameters arrive as JSON text (one `json.dumps` in C is cheaper than walking a
//! dict through the C API), results leave as JSON text, streams as batches of
//! OpenAI chunks. All logic lives in the core crate; the Python package shapes
//! the results (`_records.py`) and the errors (`_errors.py`).

mod aio;
mod errors;
mod handles;
mod runtime;
mod wait;

use edgequake_llm_core::engine;
use edgequake_llm_core::engine::stream::Shape;
use pyo3::prelude::*;
use tokio_util::sync::CancellationToken;

use aio::deliver_later;
use errors::no_panic;
use handles::{Call, Stream};
use runtime::runtime;
use wait::block_on;

/// One whole call: raises at once on bad input, then waits without the GIL.
/// Returns a `chat.completion` JSON text.
#[pyfunction]
fn complete(py: Python<'_>, params_json: String) -> PyResult<String> {
    let prepared = no_panic(py, || engine::prepare(&params_json))?;
    let cancel = CancellationToken::new();
    block_on(py, &cancel, engine::complete(prepared, cancel.clone()))
}

/// One whole call for asyncio: raises at once on bad input, then settles `future`.
#[pyfunction]
fn complete_into(py: Python<'_>, params_json: String, event_loop: Py<PyAny>, future: Py<PyAny>) -> PyResult<Call> {
    let prepared = no_panic(py, || engine::prepare(&params_json))?;
    let cancel = CancellationToken::new();
    let work = engine::complete(prepared, cancel.clone());
    deliver_later(py, event_loop, future, async move { work.await.map(Some) });
    Ok(Call { cancel })
}

/// Starts a streamed call: raises at once on bad input.
#[pyfunction]
fn stream(py: Python<'_>, params_json: String) -> PyResult<Stream> {
    let prepared = no_panic(py, || engine::prepare(&params_json))?;
    let cancel = CancellationToken::new();
    let _entered = runtime(py).enter(); // the stream's task is spawned on our runtime
    let batch = no_panic(py, || Ok(engine::stream::start(prepared, cancel.clone(), Shape::Chunks)))?;
    Ok(Stream { batch, cancel })
}

/// A provider's models: JSON array of `{id, display_name?}`.
#[pyfunction]
fn list_models(py: Python<'_>, params_json: String) -> PyResult<String> {
    let cancel = CancellationToken::new();
    block_on(py, &cancel, engine::list_models(&params_json, cancel.clone()))
}

#[pyfunction]
fn list_models_into(py: Python<'_>, params_json: String, event_loop: Py<PyAny>, future: Py<PyAny>) -> Call {
    let cancel = CancellationToken::new();
    let token = cancel.clone();
    deliver_later(py, event_loop, future, async move { engine::list_models(&params_json, token).await.map(Some) });
    Call { cancel }
}

/// Opens a pooled connection to a model's host: `{ok, ms, error?}` JSON.
#[pyfunction]
fn warm(py: Python<'_>, params_json: String) -> PyResult<String> {
    let cancel = CancellationToken::new();
    block_on(py, &cancel, engine::warm(&params_json, cancel.clone()))
}

#[pyfunction]
fn warm_into(py: Python<'_>, params_json: String, event_loop: Py<PyAny>, future: Py<PyAny>) -> Call {
    let cancel = CancellationToken::new();
    let token = cancel.clone();
    deliver_later(py, event_loop, future, async move { engine::warm(&params_json, token).await.map(Some) });
    Call { cancel }
}

/// Rebuilds a whole completion from a stream's chunks (JSON array in); `None` for none.
#[pyfunction]
fn stream_chunk_builder(py: Python<'_>, chunks_json: String) -> PyResult<Option<String>> {
    no_panic(py, || engine::stream_chunk_builder(&chunks_json))
}

/// Embeddings for `{model, input, ...}`: an OpenAI `list` of embeddings as JSON.
#[pyfunction]
fn embedding(py: Python<'_>, params_json: String) -> PyResult<String> {
    let cancel = CancellationToken::new();
    block_on(py, &cancel, engine::embedding(&params_json, cancel.clone()))
}

/// The engine's scrubber: `secrets` (raw and percent-encoded, longest first), then,
/// unless `patterns` is false, the shapes keys travel in.
#[pyfunction]
#[pyo3(signature = (text, secrets, patterns))]
fn redact(text: &str, secrets: Vec<String>, patterns: bool) -> String {
    edgequake_llm_core::redact::redact_text(text, &secrets, patterns)
}

/// The one price table shipped with the engine.
#[pyfunction]
fn price_table_json() -> String {
    edgequake_llm_core::cost::price_table_json()
}

/// `{model, prompt_tokens, ...}` → `[prompt_usd, completion_usd]` JSON.
#[pyfunction]
fn cost_per_token_json(py: Python<'_>, json: String) -> PyResult<String> {
    no_panic(py, || edgequake_llm_core::cost::cost_per_token_json(&json))
}

/// `{model, usage}` → the USD cost as JSON.
#[pyfunction]
fn completion_cost_json(py: Python<'_>, json: String) -> PyResult<String> {
    no_panic(py, || edgequake_llm_core::cost::completion_cost_json(&json))
}

/// `{model, messages | text}` → `{tokens, tokenizer, ...}` JSON.
#[pyfunction]
fn token_counter_json(py: Python<'_>, json: String) -> PyResult<String> {
    no_panic(py, || edgequake_llm_core::token_counter::token_counter_json(&json))
}

/// Every provider: name, wire, default base URL, key and base environment variables.
#[pyfunction]
fn providers_json() -> String {
    engine::providers_json()
}

/// The allowed range of every numeric parameter.
#[pyfunction]
fn param_ranges_json() -> String {
    engine::param_ranges_json()
}

/// Whether the engine's runtime has started (the package refuses calls in a
/// process forked after that: the runtime's threads stay in the parent).
#[pyfunction]
fn runtime_started() -> bool {
    runtime::started()
}

#[pymodule]
fn _eq_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(complete, m)?)?;
    m.add_function(wrap_pyfunction!(complete_into, m)?)?;
    m.add_function(wrap_pyfunction!(stream, m)?)?;
    m.add_function(wrap_pyfunction!(list_models, m)?)?;
    m.add_function(wrap_pyfunction!(list_models_into, m)?)?;
    m.add_function(wrap_pyfunction!(warm, m)?)?;
    m.add_function(wrap_pyfunction!(warm_into, m)?)?;
    m.add_function(wrap_pyfunction!(stream_chunk_builder, m)?)?;
    m.add_function(wrap_pyfunction!(providers_json, m)?)?;
    m.add_function(wrap_pyfunction!(param_ranges_json, m)?)?;
    m.add_function(wrap_pyfunction!(runtime_started, m)?)?;
    m.add_function(wrap_pyfunction!(embedding, m)?)?;
    m.add_function(wrap_pyfunction!(price_table_json, m)?)?;
    m.add_function(wrap_pyfunction!(cost_per_token_json, m)?)?;
    m.add_function(wrap_pyfunction!(completion_cost_json, m)?)?;
    m.add_function(wrap_pyfunction!(token_counter_json, m)?)?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    m.add_class::<Stream>()?;
    m.add_class::<Call>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("REDACTED", edgequake_llm_core::redact::REDACTED)?;
    Ok(())
}
