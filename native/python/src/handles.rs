//! The handles Python holds on running calls: a [`Stream`] hands out batches of
//! OpenAI `chat.completion.chunk`s, shaped in the core (`engine/chunks.rs`), as JSON
//! array text, one crossing per batch however many chunks arrived meanwhile; a
//! [`Call`] is an asyncio whole call. Dropping either closes its HTTP request.

use std::sync::Arc;

use edgequake_llm_core::engine::Batch;
use pyo3::prelude::*;
use tokio_util::sync::CancellationToken;

use crate::aio::deliver_later;
use crate::wait::block_on;

#[pyclass(module = "edgequake_python._eq_core", frozen)]
pub struct Stream {
    pub(crate) batch: Arc<Batch>,
    pub(crate) cancel: CancellationToken,
}

#[pymethods]
impl Stream {
    /// The next batch (a JSON array, at least one element), or `None` at the end;
    /// raises after the batches that arrived before a failure. Blocks without the GIL.
    fn next_batch(&self, py: Python<'_>) -> PyResult<Option<String>> {
        block_on(py, &self.cancel, self.batch.next())
    }

    /// The same, settling the asyncio `future` of `event_loop` instead of blocking.
    fn next_batch_into(&self, py: Python<'_>, event_loop: Py<PyAny>, future: Py<PyAny>) {
        let batch = self.batch.clone();
        deliver_later(py, event_loop, future, async move { batch.next().await });
    }

    /// Closes the HTTP request now; the next batch then raises `AbortError`.
    fn cancel(&self) {
        self.cancel.cancel();
    }
}

impl Drop for Stream {
    /// A stream garbage-collected before its end must not keep a connection open.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// A whole call running for asyncio; `cancel()` closes its request.
#[pyclass(module = "edgequake_python._eq_core", frozen)]
pub struct Call {
    pub(crate) cancel: CancellationToken,
}

#[pymethods]
impl Call {
    fn cancel(&self) {
        self.cancel.cancel();
    }
}

impl Drop for Call {
    /// A coroutine dropped before its call ended must not keep a connection open.
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}
