//! The one conversion of core errors into Python exceptions: the typed error
//! crosses as JSON (`LlmError::to_json`) and `edgequake_python._errors.from_native`
//! builds LiteLLM's matching class from it, so the class table lives only there.

use edgequake_llm_core::LlmError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// `edgequake_python._errors.from_native`, imported on the first error.
pub fn from_native(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    FROM_NATIVE.import(py, "edgequake_python._errors", "from_native")
}

pub fn to_py(py: Python<'_>, err: LlmError) -> PyErr {
    match from_native(py).and_then(|make| make.call1((err.to_json(),))) {
        Ok(exception) => PyErr::from_value(exception),
        // The package itself is broken (e.g. _errors missing): say so rather than hide it.
        Err(import_failure) => import_failure,
    }
}

/// Runs synchronous core code; a panic (a bug of ours) becomes a typed `APIError`
/// instead of PyO3's `PanicException`, which derives from `BaseException`.
pub fn no_panic<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, LlmError>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(|e| to_py(py, e)),
        Err(panic) => Err(to_py(py, LlmError::internal_panic(&*panic))),
    }
}
