//! OpenAI's Responses API (`POST /v1/responses`; Azure `POST
//! /openai/responses?api-version=…`), as a wire: `completion()` on
//! `openai/responses/<model>` (or a Responses-only model) sends the request built
//! in `body.rs` and reads the semantic event stream into parts —
//! output text as text, reasoning summaries as reasoning, `function_call` items as
//! tool calls, `response.completed`'s usage. `responses()` uses the same decoder
//! and also passes every event on verbatim (`StreamPart::Event`); both are in
//! `decode.rs`.
//! TTFT is the first output, reasoning or tool-argument delta; `response.created`
//! comes with the headers and is never a token.
//! Wire reference: https://platform.openai.com/docs/api-reference/responses-streaming

use super::openai::{error_message, json_headers, OpenAi};
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::error::{LlmError, Result};
use crate::parts::PartSink;
use crate::request::CompletionParams;

mod body;
mod decode;

use decode::{parse_response, pass_through_stream, ResponsesStream};

/// Used for Azure's Responses API when neither `api_version` nor
/// `AZURE_API_VERSION` is set (the API needs a 2025 preview version or later).
pub const AZURE_RESPONSES_API_VERSION: &str = "2025-04-01-preview";

/// OpenAI and every OpenAI-compatible server that serves `/responses`.
pub struct OpenAiResponses;
/// Azure OpenAI's Responses API.
pub struct AzureResponses;

fn bearer_headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let mut headers = json_headers(stream);
    if let Some(key) = &ctx.api_key {
        headers.push(("authorization", format!("Bearer {key}")));
    }
    headers
}

fn azure_headers(ctx: &CallContext<'_>, stream: bool) -> Vec<(&'static str, String)> {
    let mut headers = json_headers(stream);
    if let Some(key) = &ctx.api_key {
        headers.push(("api-key", key.clone()));
    }
    headers
}

/// Where a Responses call goes, and with which headers.
pub fn responses_call(ctx: &CallContext<'_>, azure: bool, stream: bool, body: Vec<u8>) -> Result<HttpCall> {
    if !azure {
        return Ok(HttpCall::post_json(format!("{}/responses", ctx.base_url), bearer_headers(ctx, stream), body));
    }
    if ctx.base_url.is_empty() {
        return Err(LlmError::bad_input(
            "azure needs its resource URL: pass `api_base` (https://<resource>.openai.azure.com) or set AZURE_API_BASE",
        ));
    }
    let version = ctx.api_version.as_deref().unwrap_or(AZURE_RESPONSES_API_VERSION);
    let url = format!("{}/openai/responses?api-version={version}", ctx.base_url);
    Ok(HttpCall::post_json(url, azure_headers(ctx, stream), body))
}

macro_rules! responses_provider {
    ($name:ident, $azure:expr) => {
        impl Provider for $name {
            fn chat_request(&self, ctx: &CallContext<'_>, params: &CompletionParams) -> Result<HttpCall> {
                responses_call(ctx, $azure, params.stream, body::body(ctx.model, params)?)
            }

            fn parse_chat(&self, body: &[u8], sink: &mut dyn PartSink) -> Result<()> {
                parse_response(body, sink)
            }

            fn stream_decoder(&self) -> Box<dyn StreamDecoder> {
                Box::new(ResponsesStream::default())
            }

            fn event_decoder(&self) -> Option<Box<dyn StreamDecoder>> {
                Some(Box::new(pass_through_stream()))
            }

            fn error_message(&self, body: &[u8]) -> Option<String> {
                error_message(body)
            }

            fn models_request(&self, ctx: &CallContext<'_>) -> Result<HttpCall> {
                OpenAi.models_request(ctx)
            }

            fn parse_models(&self, body: &[u8]) -> Result<Vec<ModelInfo>> {
                OpenAi.parse_models(body)
            }
        }
    };
}

responses_provider!(OpenAiResponses, false);
responses_provider!(AzureResponses, true);

#[cfg(test)]
mod tests;
