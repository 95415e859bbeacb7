//! asyncio without polling: the engine's future runs as a task on the runtime and,
//! when it is done, hands its outcome to the event loop with
//! `loop.call_soon_threadsafe`, which writes to the loop's self-pipe and so wakes
//! it. `edgequake_python._aio.deliver` then settles the asyncio future (unless it
//! was cancelled meanwhile). This is what pyo3-async-runtimes does, minus the
//! context-variable copy and loop lookup per call, and without the dependency.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use edgequake_llm_core::LlmError;
use futures_util::FutureExt as _;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::runtime::runtime;

/// Runs `work` on the runtime and settles `future` (an asyncio future of
/// `event_loop`) with its text, `None`, or the typed error's JSON.
pub fn deliver_later<F>(py: Python<'_>, event_loop: Py<PyAny>, future: Py<PyAny>, work: F)
where
    F: Future<Output = Result<Option<String>, LlmError>> + Send + 'static,
{
    runtime(py).spawn(async move {
        let outcome = match AssertUnwindSafe(work).catch_unwind().await {
            Ok(Ok(text)) => (true, text),
            Ok(Err(e)) => (false, Some(e.to_json())),
            Err(panic) => (false, Some(LlmError::internal_panic(&*panic).to_json())),
        };
        Python::attach(|py| {
            static DELIVER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
            let sent = DELIVER.import(py, "edgequake_python._aio", "deliver").and_then(|deliver| {
                event_loop.call_method1(py, "call_soon_threadsafe", (deliver, future, outcome.0, outcome.1))
            });
            // Fails only when the loop was closed before the call ended: no one is
            // left to wake, and the call's resources are already released.
            sent.ok();
        });
    });
}
