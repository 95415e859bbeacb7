//! edgequake-llm-core: a pure-Rust LLM client with LiteLLM's call shape.
//!
//! Layers, bottom up: `decode` (SSE / NDJSON bytes → events), `provider` (one
//! module per wire protocol: params → HTTP call, events → [`parts::StreamPart`]),
//! `http` (hyper client whose connector times DNS, connect and TLS), `engine`
//! (retries, timeouts, cancellation, timing, batching for the binding). No napi here:
//! the binding in `native/napi` only converts.

pub mod accumulate;
pub mod cost;
pub mod decode;
pub mod embedding;
pub mod engine;
pub mod error;
pub mod http;
pub mod param_ranges;
pub mod parts;
pub mod provider;
pub mod redact;
pub mod request;
pub mod request_kwargs;
pub mod server_timing;
pub mod token_counter;

pub use error::{ErrorKind, LlmError};
