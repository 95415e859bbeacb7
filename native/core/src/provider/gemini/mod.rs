//! Google Gemini `generateContent` / `streamGenerateContent`: the Provider (URL,
//! headers, models list, embeddings). The request body is built in `body.rs`;
//! responses are decoded into parts in `decode.rs`.
//! Wire reference: https://ai.google.dev/api/generate-content
//! Finish reasons and usage (thoughts counted as completion tokens) follow
//! LiteLLM's `llms/vertex_ai/gemini/` transformation. Function-call arguments
//! streamed as `partialArgs` are assembled in `partial_args.rs`.

use serde::Deserialize;
use serde_json::Value;

use super::body_extras::{body_bytes, Unknown};
use super::embeddings_wire;
use super::openai::json_headers;
use super::wire_util::bad_payload;
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::embedding::{EmbeddingParams, Embeddings};
use crate::error::Result;
use crate::parts::PartSink;
use crate::request::CompletionParams;

mod body;
mod decode;
mod partial_args;

use body::Body;
use decode::parse_response;
pub(crate) use decode::GeminiStream;

pub struct Gemini;

fn headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let mut headers = json_headers(stream);
    // The key travels in a header, never in the URL (URLs appear in errors and logs).
    if let Some(key) = &ctx.api_key {
        headers.push(("x-goog-api-key", key.clone()));
    }
    headers
}

impl Provider for Gemini {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let model = ctx.model.strip_prefix("models/").unwrap_or(ctx.model);
        let method = if params.stream { "streamGenerateContent?alt=sse" } else { "generateContent" };
        let url = format!("{}/v1beta/models/{model}:{method}", ctx.base_url);
        let body = body_bytes(&Body::new(model, params)?, params, Unknown::TopLevel);
        Ok(HttpCall::post_json(url, headers(ctx, params.stream), body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        parse_response(body, sink)
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(GeminiStream::default())
    }

    /// `{"error":{...}}`, or the same wrapped in an array as some endpoints send it.
    fn error_message(&self, body: &[u8]) -> Option<String> {
        let v: Value = serde_json::from_slice(body).ok()?;
        let v = v.as_array().and_then(|a| a.first()).unwrap_or(&v);
        v.pointer("/error/message").and_then(Value::as_str).map(str::to_owned)
    }

    fn embeddings_request(&self, ctx: &CallContext<'_>, params: &EmbeddingParams) -> Result<HttpCall> {
        let model = ctx.model.strip_prefix("models/").unwrap_or(ctx.model);
        let url = format!("{}/v1beta/models/{model}:batchEmbedContents", ctx.base_url);
        Ok(HttpCall::post_json(url, headers(ctx, false), embeddings_wire::gemini_body(model, params)?))
    }

    fn parse_embeddings(&self, body: &[u8]) -> Result<Embeddings> {
        embeddings_wire::parse_gemini(body)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        // One page of the maximum size instead of the default 50 models.
        Ok(HttpCall::get(format!("{}{}?pageSize=1000", ctx.base_url, ctx.spec.models_path), headers(ctx, false)))
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            #[serde(default)]
            models: Vec<Entry>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Entry {
            name: String,
            display_name: Option<String>,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("gemini models endpoint", &e, &String::from_utf8_lossy(body)))?;
        let models = list.models.into_iter().map(|e| ModelInfo {
            id: e.name.strip_prefix("models/").map_or_else(|| e.name.clone(), str::to_owned),
            display_name: e.display_name,
        });
        Ok(models.collect())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod shapes_tests;
