//! OpenAI Chat Completions, and every OpenAI-compatible server (Groq, Together,
//! DeepSeek, xAI, Mistral, OpenRouter, Fireworks, Perplexity, LM Studio, vLLM): the
//! Provider (URL, headers, models list, embeddings). The request body is built in
//! `body.rs`; responses and chunks are decoded into parts in `decode.rs`.
//! Wire reference: https://platform.openai.com/docs/api-reference/chat/streaming
//! Variants handled by the decoder: DeepSeek's `reasoning_content`, gpt-oss's `reasoning`
//! (Groq/OpenRouter), OpenRouter's `reasoning_details`, content as an array of typed
//! parts (Mistral's thinking chunks; `content.rs`), Groq's `event: error` and
//! `x_groq.usage`, DeepSeek's `prompt_cache_hit_tokens`, Azure's empty-`choices`
//! filter chunk, Mistral's `model_length` finish reason.

use serde::Deserialize;

use super::embeddings_wire;
use super::wire_util::bad_payload;
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::embedding::{EmbeddingParams, Embeddings};
use crate::error::Result;
use crate::parts::PartSink;
use crate::request::CompletionParams;

mod body;
mod content;
mod decode;

pub(crate) use body::ChatBody;
pub(crate) use decode::{error_message, parse_completion, OpenAiStream};

pub struct OpenAi;

pub(crate) fn json_headers(stream: bool) -> Vec<(&'static str, String)> {
    let accept = if stream { "text/event-stream" } else { "application/json" };
    vec![("content-type", "application/json".to_owned()), ("accept", accept.to_owned())]
}

fn bearer(headers: &mut Vec<(&'static str, String)>, key: &Option<String>) {
    if let Some(key) = key {
        headers.push(("authorization", format!("Bearer {key}")));
    }
}

impl Provider for OpenAi {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let body = ChatBody::new(ctx.model, params)?.to_bytes(params);
        let mut headers = json_headers(params.stream);
        bearer(&mut headers, &ctx.api_key);
        Ok(HttpCall::post_json(format!("{}/chat/completions", ctx.base_url), headers, body))
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
        let mut headers = json_headers(false);
        bearer(&mut headers, &ctx.api_key);
        Ok(HttpCall::get(format!("{}{}", ctx.base_url, ctx.spec.models_path), headers))
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            data: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            id: String,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("models endpoint", &e, &String::from_utf8_lossy(body)))?;
        Ok(list.data.into_iter().map(|e| ModelInfo { id: e.id, display_name: None }).collect())
    }

    fn embeddings_request(&self, ctx: &CallContext<'_>, params: &EmbeddingParams) -> Result<HttpCall> {
        let mut headers = json_headers(false);
        bearer(&mut headers, &ctx.api_key);
        let body = embeddings_wire::openai_body(ctx.model, params);
        Ok(HttpCall::post_json(format!("{}/embeddings", ctx.base_url), headers, body))
    }

    fn parse_embeddings(&self, body: &[u8]) -> Result<Embeddings> {
        embeddings_wire::parse_openai(body)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod shapes_tests;
