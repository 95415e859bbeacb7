//! The one tokio runtime of the process: the engine's HTTP connection pool and
//! stream tasks live on it, so it outlives every call. Built on first use.

use std::sync::OnceLock;

use pyo3::{ffi, Python};
use tokio::runtime::Runtime;

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Whether this process (or the one it was forked from) has started the runtime:
/// its threads and pooled connections do not survive `fork()`.
pub fn started() -> bool {
    RUNTIME.get().is_some()
}

/// The runtime; the first call builds it with the GIL released, since its threads
/// take a Python thread state as they start (see [`keep_python_thread_state`]).
pub fn runtime(py: Python<'_>) -> &'static Runtime {
    if let Some(rt) = RUNTIME.get() {
        return rt;
    }
    py.detach(|| {
        RUNTIME.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("edgequake-python")
                .on_thread_start(keep_python_thread_state)
                .build()
                // Only fails when the OS refuses threads or timers: nothing could run.
                .expect("edgequake_python: the tokio runtime could not start")
        })
    })
}

/// Gives each runtime thread a Python thread state for its whole life, without the
/// GIL. A thread with none has one created and destroyed by every `Python::attach`
/// (`PyGILState_Ensure`/`Release`), which is most of the cost of handing an asyncio
/// result back to the loop; with one kept, attaching only takes the GIL.
fn keep_python_thread_state() {
    // SAFETY: the runtime is built from a call made by Python, so the interpreter is
    // initialized. `PyGILState_Ensure` creates this thread's state and takes the GIL;
    // `PyEval_SaveThread` releases the GIL at once and keeps the state, so the
    // gilstate counter stays at 1 and later Ensure/Release pairs never free it.
    unsafe {
        ffi::PyGILState_Ensure();
        ffi::PyEval_SaveThread();
    }
}
