//! The messages, content parts and tools of a call, as OpenAI and LiteLLM spell
//! them: the nested shapes `CompletionParams` (request.rs) is made of.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ContentPart {
    Text {
        text: String,
        /// Anthropic's prompt-caching breakpoint (`{"type": "ephemeral"}`); never sent
        /// to other wires (see `Message::cache_control`).
        #[serde(default, skip_serializing)]
        #[cfg_attr(test, ts(as = "Option<CacheControl>", optional))]
        cache_control: Option<Value>,
    },
    ImageUrl {
        /// An object, or the URL alone.
        #[cfg_attr(test, ts(type = "{ url: string; detail?: 'auto' | 'low' | 'high' } | string"))]
        image_url: ImageUrl,
        #[serde(default, skip_serializing)]
        #[cfg_attr(test, ts(as = "Option<CacheControl>", optional))]
        cache_control: Option<Value>,
    },
}

impl ContentPart {
    pub fn cache_control(&self) -> Option<&Value> {
        match self {
            Self::Text { cache_control, .. } | Self::ImageUrl { cache_control, .. } => cache_control.as_ref(),
        }
    }
}

/// `image_url` as OpenAI defines it; a bare string is accepted and normalized.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(from = "ImageUrlInput")]
pub struct ImageUrl {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ImageUrlInput {
    Object { url: String, detail: Option<String> },
    Bare(String),
}

impl From<ImageUrlInput> for ImageUrl {
    fn from(input: ImageUrlInput) -> Self {
        match input {
            ImageUrlInput::Object { url, detail } => Self { url, detail },
            ImageUrlInput::Bare(url) => Self { url, detail: None },
        }
    }
}

impl ImageUrl {
    /// `(mime, base64)` when the URL is a `data:` URL (what Anthropic and Gemini need inline).
    pub fn as_data_url(&self) -> Option<(&str, &str)> {
        let rest = self.url.strip_prefix("data:")?;
        let (mime, data) = rest.split_once(";base64,")?;
        Some((mime, data))
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum Content {
    Text(String),
    Parts(Vec<ContentPart>),
}

impl Content {
    /// The text of the content, parts joined; images are skipped.
    pub fn joined_text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Parts(parts) => parts
                .iter()
                .filter_map(|p| match p {
                    ContentPart::Text { text, .. } => Some(text.as_str()),
                    ContentPart::ImageUrl { .. } => None,
                })
                .collect::<Vec<_>>()
                .join(""),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FunctionCall {
    pub name: String,
    /// JSON text, as OpenAI sends it.
    #[serde(default)]
    pub arguments: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ToolCall {
    pub id: String,
    #[serde(rename = "type", default = "function_type")]
    #[cfg_attr(test, ts(type = "'function'"))]
    pub kind: String,
    pub function: FunctionCall,
}

pub(crate) fn function_type() -> String {
    "function".to_owned()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, optional_fields))]
pub struct Message {
    pub role: Role,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub content: Option<Content>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<Vec<ToolCall>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    /// Signed reasoning blocks of an assistant turn, as responses return them
    /// (`message.thinking_blocks`). Only Anthropic takes them back; never sent to
    /// OpenAI-compatible servers.
    #[serde(default, skip_serializing)]
    pub thinking_blocks: Option<Vec<ThinkingBlockInput>>,
    /// Anthropic's prompt-caching breakpoint on the whole message (LiteLLM's
    /// spelling): it marks the message's last block. Other wires cannot take it:
    /// refused there unless `drop_params`, and never serialized.
    #[serde(default, skip_serializing)]
    #[cfg_attr(test, ts(as = "Option<CacheControl>"))]
    pub cache_control: Option<Value>,
}

impl Message {
    /// Whether this message or any of its content parts asks for prompt caching.
    pub fn has_cache_control(&self) -> bool {
        self.cache_control.is_some()
            || matches!(&self.content, Some(Content::Parts(parts)) if parts.iter().any(|p| p.cache_control().is_some()))
    }
}

/// A signed reasoning block passed back on an assistant turn (its `type: 'thinking'`,
/// as responses give it, is accepted and not needed).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ThinkingBlockInput {
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<String>", optional))]
    pub thinking: String,
    pub signature: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, rename = "FunctionDefinition", optional_fields))]
pub struct FunctionDef {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A JSON Schema object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub parameters: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct Tool {
    #[serde(rename = "type", default = "function_type")]
    #[cfg_attr(test, ts(type = "'function'"))]
    pub kind: String,
    pub function: FunctionDef,
    /// Prompt caching (Anthropic) of the tool definitions up to this one.
    #[serde(default, skip_serializing)]
    #[cfg_attr(test, ts(as = "Option<CacheControl>", optional))]
    pub cache_control: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct StreamOptions {
    #[serde(default)]
    #[cfg_attr(test, ts(as = "Option<bool>", optional))]
    pub include_usage: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum Stop {
    One(String),
    Many(Vec<String>),
}

impl Stop {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Self::One(s) => vec![s.clone()],
            Self::Many(v) => v.clone(),
        }
    }
}

/// Anthropic's prompt-caching breakpoint, as the TypeScript types describe it: the
/// engine passes the object on as `Value` (refused on other wires unless `drop_params`).
#[cfg(test)]
#[derive(ts_rs::TS)]
#[ts(export, optional_fields)]
#[allow(dead_code)]
struct CacheControl {
    #[ts(rename = "type", type = "'ephemeral'")]
    kind: String,
    /// Anthropic's cache lifetime, e.g. `'1h'` (default 5 minutes).
    ttl: Option<String>,
}
