//! The Gemini `generateContent` request body: `contents` with role `model` for the
//! assistant, tool calls as `functionCall` / `functionResponse` parts,
//! `systemInstruction`, `generationConfig`, `tools` and `toolConfig`.
//! Wire reference: https://ai.google.dev/api/generate-content#request-body

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{LlmError, Result};
use crate::provider::reject_unsupported;
use crate::provider::translate::{
    answered_tool_name, stop_list, system_and_turns, thinking_budget, tool_input, ToolChoice,
};
use crate::request::{CompletionParams, Content, ContentPart, Message, Role};

/// Gemini 3 rejects replayed function calls that lack the thought signature it
/// issued. Tool-call parts have no slot to keep one, so replayed calls carry the
/// sentinel Google documents for history it did not produce.
/// https://ai.google.dev/gemini-api/docs/thought-signatures
const SKIP_SIGNATURE: &str = "skip_thought_signature_validator";

/// The request body; absent parameters are omitted.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Body<'a> {
    contents: Vec<Turn<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_instruction: Option<Instruction<'a>>,
    #[serde(skip_serializing_if = "GenerationConfig::is_empty")]
    generation_config: GenerationConfig<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<Tools<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_config: Option<Value>,
}

#[derive(Serialize)]
struct Turn<'a> {
    role: &'static str,
    parts: Vec<Part<'a>>,
}

#[derive(Serialize)]
struct Instruction<'a> {
    parts: [Part<'a>; 1],
}

/// One part; untagged because Gemini tells parts apart by which field is present.
#[derive(Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
enum Part<'a> {
    Text {
        text: Cow<'a, str>,
    },
    InlineData {
        inline_data: Blob<'a>,
    },
    FileData {
        file_data: FileRef<'a>,
    },
    FunctionCall {
        function_call: Call<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        thought_signature: Option<&'static str>,
    },
    FunctionResponse {
        function_response: Reply<'a>,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Blob<'a> {
    mime_type: &'a str,
    data: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    mime_type: Option<&'static str>,
    file_uri: &'a str,
}

#[derive(Serialize)]
struct Call<'a> {
    name: &'a str,
    args: Value,
}

#[derive(Serialize)]
struct Reply<'a> {
    name: &'a str,
    response: Value,
}

#[derive(Serialize, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
struct GenerationConfig<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_k: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_output_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop_sequences: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    presence_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency_penalty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_mime_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_json_schema: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking_config: Option<Value>,
    /// OpenAI's `n`, as LiteLLM maps it.
    #[serde(skip_serializing_if = "Option::is_none")]
    candidate_count: Option<u32>,
    /// OpenAI's `logprobs` / `top_logprobs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    response_logprobs: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logprobs: Option<u32>,
}

impl GenerationConfig<'_> {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One entry of `tools`: function declarations, or Google Search grounding (what
/// LiteLLM sends for `web_search_options`).
#[derive(Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
enum Tools<'a> {
    Functions { function_declarations: Vec<Declaration<'a>> },
    Search { google_search: Value },
}

fn tools(declarations: Vec<Declaration<'_>>, web_search: bool) -> Vec<Tools<'_>> {
    let mut tools = Vec::new();
    if !declarations.is_empty() {
        tools.push(Tools::Functions { function_declarations: declarations });
    }
    if web_search {
        tools.push(Tools::Search { google_search: json!({}) });
    }
    tools
}

/// `parametersJsonSchema` takes the JSON Schema OpenAI tools carry as is; the older
/// `parameters` field takes an OpenAPI subset that rejects e.g. `additionalProperties`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Declaration<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters_json_schema: Option<&'a Value>,
}

impl<'a> Body<'a> {
    pub(super) fn new(model: &str, p: &'a CompletionParams) -> Result<Self> {
        reject_unsupported(
            "gemini",
            p.drop_params,
            &[
                ("user", p.user.is_some()),
                ("logit_bias", p.logit_bias.is_some()),
                ("parallel_tool_calls", p.parallel_tool_calls.is_some()),
                ("service_tier", p.service_tier.is_some()),
                ("prediction", p.prediction.is_some()),
                ("modalities", p.non_text_modalities()),
                ("audio", p.audio.is_some()),
                ("cache_control", p.has_cache_control()),
            ],
        )?;
        let (system, contents) = contents(&p.messages, requires_signature(model))?;
        let format = p.response_format.as_ref();
        let (response_mime_type, response_json_schema) = match format.and_then(|f| f["type"].as_str()) {
            Some("json_object") => (Some("application/json"), None),
            Some("json_schema") => (Some("application/json"), format.and_then(|f| f.pointer("/json_schema/schema"))),
            _ => (None, None),
        };
        let budget = match &p.thinking {
            Some(thinking) => Some(thinking.budget()?),
            None => p.reasoning_effort.as_deref().map(thinking_budget).transpose()?,
        };
        let thinking_config = match budget {
            Some(Some(budget)) => Some(json!({"thinkingBudget": budget, "includeThoughts": true})),
            Some(None) => Some(json!({"thinkingBudget": 0})),
            None => None,
        };
        let declarations: Vec<_> = (p.tools.iter().flatten())
            .map(|t| Declaration {
                name: &t.function.name,
                description: t.function.description.as_deref(),
                parameters_json_schema: t.function.parameters.as_ref(),
            })
            .collect();
        let tool_config = p.tool_choice.as_ref().map(ToolChoice::parse).transpose()?.map(|choice| {
            let config = match choice {
                ToolChoice::Auto => json!({"mode": "AUTO"}),
                ToolChoice::Required => json!({"mode": "ANY"}),
                ToolChoice::None => json!({"mode": "NONE"}),
                ToolChoice::Named(name) => {
                    json!({"mode": "ANY", "allowedFunctionNames": [name]})
                }
            };
            json!({ "functionCallingConfig": config })
        });
        Ok(Self {
            contents,
            system_instruction: system.map(|text| Instruction { parts: [Part::Text { text: text.into() }] }),
            generation_config: GenerationConfig {
                temperature: p.temperature,
                top_p: p.top_p,
                top_k: p.top_k,
                max_output_tokens: p.max_output_tokens(),
                stop_sequences: stop_list(p.stop.as_ref()),
                seed: p.seed,
                presence_penalty: p.presence_penalty,
                frequency_penalty: p.frequency_penalty,
                response_mime_type,
                response_json_schema,
                thinking_config,
                candidate_count: p.n,
                response_logprobs: p.logprobs.filter(|on| *on),
                logprobs: p.top_logprobs.filter(|_| p.logprobs == Some(true)),
            },
            tools: tools(declarations, p.web_search_options.is_some()),
            tool_config,
        })
    }
}

/// Gemini 3 and later validate thought signatures on replayed function calls.
fn requires_signature(model: &str) -> bool {
    let major = model.strip_prefix("gemini-").and_then(|rest| rest.split(['.', '-']).next());
    major.and_then(|m| m.parse::<u32>().ok()).is_some_and(|m| m >= 3)
}

/// The system instruction and the turns; parallel tool results travel together in
/// one user turn.
fn contents(messages: &[Message], sign_calls: bool) -> Result<(Option<String>, Vec<Turn<'_>>)> {
    let (system, turns) = system_and_turns(messages, |i, m| {
        let mut parts = Vec::new();
        let role = match m.role {
            Role::Assistant => {
                content_parts(m.content.as_ref(), &mut parts);
                for (n, call) in m.tool_calls.iter().flatten().enumerate() {
                    let function_call = Call { name: &call.function.name, args: tool_input(i, call)? };
                    // The signature belongs on the first call of each step only.
                    let thought_signature = (sign_calls && n == 0).then_some(SKIP_SIGNATURE);
                    parts.push(Part::FunctionCall { function_call, thought_signature });
                }
                "model"
            }
            Role::Tool => {
                let name = answered_tool_name(messages, i).ok_or_else(|| {
                    LlmError::bad_input(format!(
                        "messages[{i}] answers tool call '{}', but no earlier assistant message has a tool call with that id: Gemini needs the function's name",
                        m.tool_call_id.as_deref().unwrap_or_default()
                    ))
                })?;
                let text = m.content.as_ref().map(Content::joined_text).unwrap_or_default();
                // `response` must be an object: JSON objects pass through, anything else is wrapped.
                let response = match serde_json::from_str::<Value>(&text) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => json!({ "content": text }),
                };
                parts.push(Part::FunctionResponse { function_response: Reply { name, response } });
                "user"
            }
            _ => {
                content_parts(m.content.as_ref(), &mut parts);
                "user"
            }
        };
        Ok((role, parts))
    })?;
    Ok((system, turns.into_iter().map(|(role, parts)| Turn { role, parts }).collect()))
}

fn content_parts<'a>(content: Option<&'a Content>, out: &mut Vec<Part<'a>>) {
    match content {
        None => {}
        Some(Content::Text(text)) => push_text(text, out),
        Some(Content::Parts(parts)) => {
            for part in parts {
                match part {
                    ContentPart::Text { text, .. } => push_text(text, out),
                    ContentPart::ImageUrl { image_url, .. } => {
                        let part = match image_url.as_data_url() {
                            Some((mime_type, data)) => Part::InlineData { inline_data: Blob { mime_type, data } },
                            // Best effort: Gemini fetches some URLs itself and wants a MIME type.
                            None => Part::FileData {
                                file_data: FileRef {
                                    mime_type: mime_from_extension(&image_url.url),
                                    file_uri: &image_url.url,
                                },
                            },
                        };
                        out.push(part);
                    }
                }
            }
        }
    }
}

/// Empty text parts are left out (assistant turns that only call tools carry `""`).
fn push_text<'a>(text: &'a str, out: &mut Vec<Part<'a>>) {
    if !text.is_empty() {
        out.push(Part::Text { text: Cow::Borrowed(text) });
    }
}

fn mime_from_extension(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next()?;
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        _ => return None,
    })
}
