//! Ollama's native chat API (`/api/chat`): the Provider (URL, headers, models list,
//! embeddings). The request body is built in `body.rs`; the NDJSON response is
//! decoded into parts in `decode.rs`.
//! Wire reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion

use serde::Deserialize;
use serde_json::Value;

use super::body_extras::{body_bytes, Unknown};
use super::embeddings_wire;
use super::wire_util::bad_payload;
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::embedding::{EmbeddingParams, Embeddings};
use crate::error::Result;
use crate::parts::PartSink;
use crate::request::CompletionParams;

mod body;
mod decode;

use decode::parse_response;
pub(crate) use decode::OllamaStream;

use body::Body;

pub struct Ollama;

fn headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let accept = if stream { "application/x-ndjson" } else { "application/json" };
    let mut headers = vec![("content-type", "application/json".to_owned()), ("accept", accept.to_owned())];
    // Local Ollama needs no key; one behind an authenticating proxy takes a bearer token.
    if let Some(key) = &ctx.api_key {
        headers.push(("authorization", format!("Bearer {key}")));
    }
    headers
}

impl Provider for Ollama {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let body = body_bytes(&Body::new(ctx.model, params)?, params, Unknown::OllamaOptions);
        Ok(HttpCall::post_json(format!("{}/api/chat", ctx.base_url), headers(ctx, params.stream), body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        parse_response(body, sink)
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(OllamaStream::default())
    }

    fn error_message(&self, body: &[u8]) -> Option<String> {
        let v: Value = serde_json::from_slice(body).ok()?;
        v.get("error").and_then(Value::as_str).map(str::to_owned)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        Ok(HttpCall::get(format!("{}{}", ctx.base_url, ctx.spec.models_path), headers(ctx, false)))
    }

    fn embeddings_request(&self, ctx: &CallContext<'_>, params: &EmbeddingParams) -> Result<HttpCall> {
        let body = embeddings_wire::ollama_body(ctx.model, params)?;
        Ok(HttpCall::post_json(format!("{}/api/embed", ctx.base_url), headers(ctx, false), body))
    }

    fn parse_embeddings(&self, body: &[u8]) -> Result<Embeddings> {
        embeddings_wire::parse_ollama(body)
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            #[serde(default)]
            models: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            name: String,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("ollama models endpoint", &e, &String::from_utf8_lossy(body)))?;
        Ok(list.models.into_iter().map(|e| ModelInfo { id: e.name, display_name: None }).collect())
    }
}

#[cfg(test)]
mod tests;
