//! Synchronous waits: the calling Python thread releases the GIL and drives the
//! engine's future itself (`Runtime::block_on`), so calls from many threads run
//! concurrently and Python code keeps running meanwhile.
//!
//! Python raises KeyboardInterrupt only when the main thread returns to the
//! interpreter, so a wait is cut into slices: between slices the thread takes the
//! GIL back for a moment to run pending signal handlers. Data never waits for a
//! slice to end: the future is woken by the socket, the slice only bounds how late
//! a Ctrl-C is noticed. An interrupted wait cancels the call, closing its request.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::time::Duration;

use edgequake_llm_core::LlmError;
use futures_util::FutureExt as _;
use pyo3::prelude::*;
use tokio_util::sync::CancellationToken;

use crate::errors::to_py;
use crate::runtime::runtime;

/// How late a Ctrl-C may be noticed during a wait.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

pub fn block_on<T: Send>(
    py: Python<'_>,
    cancel: &CancellationToken,
    work: impl Future<Output = Result<T, LlmError>> + Send,
) -> PyResult<T> {
    let rt = runtime(py);
    // Dropping an unfinished future (after an interrupt) may touch the runtime.
    let _entered = rt.enter();
    let mut work = pin!(AssertUnwindSafe(work).catch_unwind());
    loop {
        let slice = py.detach(|| rt.block_on(tokio::time::timeout(SIGNAL_CHECK, &mut work)));
        match slice {
            Ok(Ok(result)) => return result.map_err(|e| to_py(py, e)),
            Ok(Err(panic)) => return Err(to_py(py, LlmError::internal_panic(&*panic))),
            Err(_still_running) => {
                if let Err(interrupt) = py.check_signals() {
                    cancel.cancel();
                    return Err(interrupt);
                }
            }
        }
    }
}
