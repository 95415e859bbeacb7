//! Azure OpenAI: the OpenAI body and stream, addressed by deployment with an
//! `api-version` query and an `api-key` header.
//! https://learn.microsoft.com/azure/ai-services/openai/reference

use super::embeddings_wire;
use super::openai::{error_message, json_headers, parse_completion, ChatBody, OpenAi, OpenAiStream};
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::embedding::{EmbeddingParams, Embeddings};
use crate::error::{LlmError, Result};
use crate::parts::PartSink;
use crate::request::CompletionParams;

pub struct Azure;

/// Used when neither `api_version` nor `AZURE_API_VERSION` is set.
pub const DEFAULT_API_VERSION: &str = "2024-10-21";

fn base<'a>(ctx: &'a CallContext<'_>) -> Result<&'a str> {
    if ctx.base_url.is_empty() {
        return Err(LlmError::bad_input(
            "azure needs its resource URL: pass `api_base` (https://<resource>.openai.azure.com) or set AZURE_API_BASE",
        ));
    }
    Ok(&ctx.base_url)
}

fn headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let mut headers = json_headers(stream);
    if let Some(key) = &ctx.api_key {
        headers.push(("api-key", key.clone()));
    }
    headers
}

fn version<'a>(ctx: &'a CallContext<'_>) -> &'a str {
    ctx.api_version.as_deref().unwrap_or(DEFAULT_API_VERSION)
}

impl Provider for Azure {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let url =
            format!("{}/openai/deployments/{}/chat/completions?api-version={}", base(ctx)?, ctx.model, version(ctx));
        let body = ChatBody::new(ctx.model, params)?.to_bytes(params);
        Ok(HttpCall::post_json(url, headers(ctx, params.stream), body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        parse_completion(body, sink)
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(OpenAiStream::default())
    }

    fn error_message(&self, body: &[u8]) -> Option<String> {
        error_message(body)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        let url = format!("{}{}?api-version={}", base(ctx)?, ctx.spec.models_path, version(ctx));
        Ok(HttpCall::get(url, headers(ctx, false)))
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        OpenAi.parse_models(body)
    }

    fn embeddings_request(&self, ctx: &CallContext<'_>, params: &EmbeddingParams) -> Result<HttpCall> {
        let url = format!("{}/openai/deployments/{}/embeddings?api-version={}", base(ctx)?, ctx.model, version(ctx));
        Ok(HttpCall::post_json(url, headers(ctx, false), embeddings_wire::openai_body(ctx.model, params)))
    }

    fn parse_embeddings(&self, body: &[u8]) -> Result<Embeddings> {
        embeddings_wire::parse_openai(body)
    }
}
