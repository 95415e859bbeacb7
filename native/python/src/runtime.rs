//! The one tokio runtime of the process: the engine's HTTP connection pool and
//! stream tasks live on it, so it outlives every call. Built on first use.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Whether this process (or the one it was forked from) has started the runtime:
/// its threads and pooled connections do not survive `fork()`.
pub fn started() -> bool {
    RUNTIME.get().is_some()
}

pub fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("edgequake-python")
            .build()
            // Only fails when the OS refuses threads or timers: nothing could run.
            .expect("edgequake_python: the tokio runtime could not start")
    })
}
