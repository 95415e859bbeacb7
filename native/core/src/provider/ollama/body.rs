//! The Ollama `/api/chat` request body: string content with images beside it,
//! tool calls with object arguments, sampling settings in `options`, and an
//! explicit `stream`.
//! Wire reference: https://github.com/ollama/ollama/blob/main/docs/api.md#parameters-1

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::error::{LlmError, Result};
use crate::provider::reject_unsupported;
use crate::provider::translate::{answered_tool_name, stop_list, tool_input, ToolChoice};
use crate::request::{CompletionParams, Content, ContentPart, Message, Role, Tool};

/// The request body; absent parameters are omitted, `stream` never is.
#[derive(Serialize)]
pub(super) struct Body<'a> {
    model: &'a str,
    messages: Vec<Msg<'a>>,
    /// Always sent: Ollama streams when `stream` is absent.
    stream: bool,
    #[serde(skip_serializing_if = "Options::is_empty")]
    options: Options<'a>,
    /// Ollama takes OpenAI's tool definitions as they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    tools: Option<&'a [Tool]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    think: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<Format<'a>>,
}

/// `"json"`, or a JSON schema for structured outputs.
#[derive(Serialize)]
#[serde(untagged)]
enum Format<'a> {
    Json(&'static str),
    Schema(&'a Value),
}

/// Sampling settings live in `options`, named as in a Modelfile.
#[derive(Serialize, Default, PartialEq)]
struct Options<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_k: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    num_predict: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    presence_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency_penalty: Option<f64>,
}

impl Options<'_> {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[derive(Serialize)]
struct Msg<'a> {
    role: &'static str,
    /// Ollama wants a string: text parts are joined, images go to `images`.
    content: Cow<'a, str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    images: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_calls: Vec<CallOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_name: Option<&'a str>,
}

#[derive(Serialize)]
struct CallOut<'a> {
    function: FunctionOut<'a>,
}

#[derive(Serialize)]
struct FunctionOut<'a> {
    name: &'a str,
    arguments: Value,
}

impl<'a> Body<'a> {
    pub(super) fn new(model: &'a str, p: &'a CompletionParams) -> Result<Self> {
        let choice = p.tool_choice.as_ref().map(ToolChoice::parse).transpose()?;
        // Ollama cannot force a tool; "none" is honoured by not offering any.
        let forced = matches!(choice, Some(ToolChoice::Required | ToolChoice::Named(_)));
        reject_unsupported(
            "ollama",
            p.drop_params,
            &[
                ("tool_choice", forced),
                ("user", p.user.is_some()),
                ("n", p.many_choices()),
                ("logprobs", p.logprobs == Some(true)),
                ("top_logprobs", p.top_logprobs.is_some()),
                ("logit_bias", p.logit_bias.is_some()),
                ("parallel_tool_calls", p.parallel_tool_calls.is_some()),
                ("service_tier", p.service_tier.is_some()),
                ("prediction", p.prediction.is_some()),
                ("modalities", p.non_text_modalities()),
                ("audio", p.audio.is_some()),
                ("web_search_options", p.web_search_options.is_some()),
                ("cache_control", p.has_cache_control()),
            ],
        )?;
        let think = match &p.thinking {
            Some(thinking) => Some(thinking.budget()?.is_some()),
            None => p.reasoning_effort.as_deref().map(|effort| effort != "none"),
        };
        let format = p.response_format.as_ref().and_then(|f| match f["type"].as_str() {
            Some("json_object") => Some(Format::Json("json")),
            Some("json_schema") => Some(f.pointer("/json_schema/schema").map_or(Format::Json("json"), Format::Schema)),
            _ => None,
        });
        let messages = (0..p.messages.len()).map(|i| message(&p.messages, i)).collect::<Result<_>>()?;
        Ok(Self {
            model,
            messages,
            stream: p.stream,
            options: Options {
                temperature: p.temperature,
                top_p: p.top_p,
                top_k: p.top_k,
                num_predict: p.max_output_tokens(),
                seed: p.seed,
                stop: stop_list(p.stop.as_ref()),
                presence_penalty: p.presence_penalty,
                frequency_penalty: p.frequency_penalty,
            },
            tools: p.tools.as_deref().filter(|_| !matches!(choice, Some(ToolChoice::None))),
            think,
            format,
        })
    }
}

fn message(messages: &[Message], i: usize) -> Result<Msg<'_>> {
    let m = &messages[i];
    let mut images = Vec::new();
    let content = match &m.content {
        None => Cow::Borrowed(""),
        Some(Content::Text(text)) => Cow::Borrowed(text.as_str()),
        Some(content @ Content::Parts(parts)) => {
            for part in parts {
                if let ContentPart::ImageUrl { image_url, .. } = part {
                    let (_, data) = image_url.as_data_url().ok_or_else(|| {
                        LlmError::bad_input(format!(
                            "messages[{i}] has an image URL, but Ollama takes images only inline: pass it as a data: URL (data:image/png;base64,...)"
                        ))
                    })?;
                    images.push(data);
                }
            }
            Cow::Owned(content.joined_text())
        }
    };
    let tool_calls = (m.tool_calls.iter().flatten())
        .map(|call| {
            Ok(CallOut { function: FunctionOut { name: &call.function.name, arguments: tool_input(i, call)? } })
        })
        .collect::<Result<_>>()?;
    let role = match m.role {
        Role::System | Role::Developer => "system",
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::Tool => "tool",
    };
    let tool_name = (m.role == Role::Tool).then(|| answered_tool_name(messages, i)).flatten();
    Ok(Msg { role, content, images, tool_calls, tool_name })
}
