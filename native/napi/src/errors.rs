//! The one conversion of core errors into JS errors: the reason carries the typed
//! error as JSON after a marker, and `native/js/errors.js` rebuilds the matching
//! LiteLLM error class from it.

use edgequake_llm_core::LlmError;

/// Kept in sync with `NATIVE_ERROR_MARKER` in `native/js/errors.js`.
pub const MARKER: &str = "EQLLM_ERROR:";

pub fn to_napi(err: LlmError) -> napi::Error {
    napi::Error::new(napi::Status::GenericFailure, format!("{MARKER}{}", err.to_json()))
}
