//! Anthropic Messages API: the Provider (URL, headers, models list). The request
//! body is built in `body.rs`; responses and the event stream are decoded into parts
//! in `decode.rs`.
//! Wire reference: https://docs.anthropic.com/en/api/messages and
//! https://docs.anthropic.com/en/api/messages-streaming
//! Mappings follow LiteLLM's `llms/anthropic/chat/transformation.py`: default
//! max_tokens, thinking budgets, finish reasons, prompt tokens including cache.

use serde::Deserialize;
use serde_json::Value;

use super::body_extras::{body_bytes, Unknown};
use super::openai::json_headers;
use super::wire_util::bad_payload;
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::error::Result;
use crate::parts::PartSink;
use crate::request::CompletionParams;

mod body;
mod decode;

use decode::parse_message;
pub(crate) use decode::AnthropicStream;

use body::Body;

pub struct Anthropic;

/// The API version this module speaks; Anthropic requires the header on every call.
const API_VERSION: &str = "2023-06-01";

fn headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let mut headers = json_headers(stream);
    headers.push(("anthropic-version", API_VERSION.to_owned()));
    if let Some(key) = &ctx.api_key {
        headers.push(("x-api-key", key.clone()));
    }
    headers
}

impl Provider for Anthropic {
    fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
        let body = body_bytes(&Body::new(ctx.model, params)?, params, Unknown::TopLevel);
        Ok(HttpCall::post_json(format!("{}/v1/messages", ctx.base_url), headers(ctx, params.stream), body))
    }

    fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
        parse_message(body, sink)
    }

    fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
        Box::new(AnthropicStream::default())
    }

    fn error_message(&self, body: &[u8]) -> Option<String> {
        let v: Value = serde_json::from_slice(body).ok()?;
        v.pointer("/error/message").and_then(Value::as_str).map(str::to_owned)
    }

    fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
        // One page of the maximum size instead of the default 20 models.
        Ok(HttpCall::get(format!("{}{}?limit=1000", ctx.base_url, ctx.spec.models_path), headers(ctx, false)))
    }

    fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
        #[derive(Deserialize)]
        struct List {
            data: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            id: String,
            display_name: Option<String>,
        }
        let list: List = serde_json::from_slice(body)
            .map_err(|e| bad_payload("anthropic models endpoint", &e, &String::from_utf8_lossy(body)))?;
        Ok(list.data.into_iter().map(|e| ModelInfo { id: e.id, display_name: e.display_name }).collect())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod shapes_tests;
