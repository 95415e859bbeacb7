//! One trait, one module per wire protocol. A provider turns our parameters into an
//! HTTP call and the provider's bytes into [`StreamPart`]s; it knows nothing about
//! sockets, retries or JS. Provider names are matched only in [`registry`].

pub mod anthropic;
pub mod azure;
pub mod gemini;
pub mod ollama;
pub mod openai;
pub mod openai_responses;
pub mod registry;
mod sse_stream;

mod body_extras;
#[cfg(test)]
mod decoder_test_util;
mod embeddings_wire;
mod lenient;
#[cfg(test)]
mod stream_end_tests;
mod translate;
mod wire_util;

use serde::Serialize;

use crate::embedding::{EmbeddingParams, Embeddings};
use crate::error::Result;
use crate::parts::PartSink;
use crate::request::CompletionParams;
pub use registry::{ProviderSpec, Wire};
pub use wire_util::{error_from_type, reject_unsupported};

/// Where and as whom a call is made, resolved from params, environment and defaults.
#[derive(Debug, Clone)]
pub struct CallContext<'a> {
    pub spec: &'static ProviderSpec,
    /// The model name without the provider prefix.
    pub model: &'a str,
    /// Base URL without a trailing slash.
    pub base_url: String,
    pub api_key: Option<String>,
    pub api_version: Option<String>,
}

/// A request ready for the HTTP layer. Keys travel only in `headers`, never in `url`,
/// so URLs can appear in errors and logs.
#[derive(Debug, Clone)]
pub struct HttpCall {
    pub method: http::Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Vec<u8>>,
}

impl HttpCall {
    pub fn post_json(url: String, headers: Vec<(&'static str, String)>, body: Vec<u8>) -> Self {
        Self { method: http::Method::POST, url, headers, body: Some(body) }
    }

    pub fn get(url: String, headers: Vec<(&'static str, String)>) -> Self {
        Self { method: http::Method::GET, url, headers, body: None }
    }
}

/// Incremental decoder of one streamed response body.
pub trait StreamDecoder: Send {
    /// Feeds body bytes as they arrive. A mid-stream error event returns `Err` after
    /// the parts before it were emitted.
    fn feed(&mut self, bytes: &[u8], sink: &mut dyn PartSink) -> Result<()>;
    /// The body ended: flush anything pending.
    fn finish(&mut self, sink: &mut dyn PartSink) -> Result<()>;
    /// Caps one event (SSE event or NDJSON line) at `max` bytes: a longer one fails the feed.
    fn limit_event_bytes(&mut self, max: usize);
    /// Whether the wire's own end-of-stream signal was decoded: OpenAI-compatible and
    /// Azure `data: [DONE]` or a chunk with a finish_reason, Anthropic `message_stop`,
    /// Gemini a candidate with a finishReason (or a blocked prompt), Ollama
    /// `done: true`. A body that ends without it was cut short.
    fn ended(&self) -> bool;
}

/// A model as a provider's models endpoint lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ModelInfo {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

pub trait Provider: Sync {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall>;
    /// Parses a whole (non-streaming) response into parts.
    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()>;
    fn stream_decoder(&self) -> Box<dyn StreamDecoder>;
    /// A decoder that also passes every provider event on verbatim
    /// (`StreamPart::Event`), for wires whose events callers ask for as they are
    /// (`responses()`); `None` elsewhere.
    fn event_decoder(&self) -> Option<Box<dyn StreamDecoder>> {
        None
    }
    /// The human message inside an HTTP error body, if the body is the provider's error shape.
    fn error_message(&self, body: &[u8]) -> Option<String>;
    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall>;
    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>>;
    /// The embeddings request; wires without an embeddings endpoint refuse.
    fn embeddings_request(&self, ctx: &CallContext<'_>, _params: &EmbeddingParams) -> Result<HttpCall> {
        Err(crate::embedding::unsupported(ctx.spec.name))
    }
    /// Reads an embeddings reply.
    fn parse_embeddings(&self, _body: &[u8]) -> Result<Embeddings> {
        Err(crate::embedding::unsupported("this provider"))
    }
}

/// The implementation of a wire protocol.
pub fn for_wire(wire: Wire) -> &'static dyn Provider {
    match wire {
        Wire::OpenAi => &openai::OpenAi,
        Wire::Azure => &azure::Azure,
        Wire::Anthropic => &anthropic::Anthropic,
        Wire::Gemini => &gemini::Gemini,
        Wire::Ollama => &ollama::Ollama,
        Wire::OpenAiResponses => &openai_responses::OpenAiResponses,
        Wire::AzureResponses => &openai_responses::AzureResponses,
    }
}
