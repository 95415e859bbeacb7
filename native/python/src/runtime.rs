//! The one tokio runtime of the process: the engine's HTTP connection pool and
//! stream tasks live on it, so it outlives every call. Built on first use.

use std::sync::OnceLock;

use tokio::runtime::Runtime;

pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("edgequake-python")
            .build()
            // Only fails when the OS refuses threads or timers: nothing could run.
            .expect("edgequake_python: the tokio runtime could not start")
    })
}
