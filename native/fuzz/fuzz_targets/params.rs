//! The parameter parser and everything `prepare` does before a request (range
//! checks, resolution, every provider's request translation): no input panics.
#![no_main]

use edgequake_llm_core::engine::prepare;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(json) = std::str::from_utf8(data) {
        let _ = prepare(json);
    }
});
