//! The Anthropic Messages request body: system lifted to the top level, strictly
//! alternating turns, tool calls as `tool_use` / `tool_result` blocks.
//! Wire reference: https://docs.anthropic.com/en/api/messages
//! Also home to the request helpers Gemini and Ollama share (stop list, tool
//! arguments, tool choice, thinking budget).

use std::borrow::Cow;

use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use crate::error::Result;
use crate::provider::reject_unsupported;
use crate::provider::translate::{stop_list, system_and_turns, thinking_budget, tool_input, ToolChoice};
use crate::request::{CompletionParams, Content, ContentPart, Message, Role};

/// Anthropic requires `max_tokens`; LiteLLM sends this when the caller sets none.
const DEFAULT_MAX_TOKENS: u32 = 4096;

/// The request body; absent parameters are omitted.
#[derive(Serialize)]
pub(super) struct Body<'a> {
    model: &'a str,
    max_tokens: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<String>,
    messages: Vec<Turn<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_k: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop_sequences: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tools: Vec<ToolDef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking: Option<Thinking>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata<'a>>,
}

#[derive(Serialize)]
struct Turn<'a> {
    role: &'static str,
    content: Blocks<'a>,
}

/// A content list. A lone text block goes out as a plain string, the documented
/// short form, so simple requests look like Anthropic's own examples.
struct Blocks<'a>(Vec<Block<'a>>);

impl Serialize for Blocks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [Block::Text { text }] => s.serialize_str(text),
            blocks => blocks.serialize(s),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block<'a> {
    Text {
        text: &'a str,
    },
    /// A signed thinking block handed back from the previous response.
    Thinking {
        thinking: &'a str,
        signature: &'a str,
    },
    Image {
        source: ImageSource<'a>,
    },
    ToolUse {
        id: &'a str,
        name: &'a str,
        input: Value,
    },
    ToolResult {
        tool_use_id: &'a str,
        content: Blocks<'a>,
    },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ImageSource<'a> {
    Base64 { media_type: &'a str, data: &'a str },
    Url { url: &'a str },
}

#[derive(Serialize)]
struct ToolDef<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    input_schema: Cow<'a, Value>,
}

#[derive(Serialize)]
struct Thinking {
    #[serde(rename = "type")]
    kind: &'static str,
    budget_tokens: u32,
}

#[derive(Serialize)]
struct Metadata<'a> {
    user_id: &'a str,
}

impl<'a> Body<'a> {
    pub(super) fn new(model: &'a str, p: &'a CompletionParams) -> Result<Self> {
        reject_unsupported(
            "anthropic",
            p.drop_params,
            &[
                ("seed", p.seed.is_some()),
                ("presence_penalty", p.presence_penalty.is_some()),
                ("frequency_penalty", p.frequency_penalty.is_some()),
                ("response_format", p.response_format.is_some()),
            ],
        )?;
        let (system, messages) = turns(&p.messages)?;
        let budget = p.reasoning_effort.as_deref().map(thinking_budget).transpose()?.flatten();
        let mut max_tokens = p.max_output_tokens().unwrap_or(DEFAULT_MAX_TOKENS);
        if let Some(budget) = budget {
            // Thinking counts against max_tokens, which must exceed the budget: keep
            // the caller's allowance for the visible answer on top of the budget.
            if max_tokens <= budget {
                max_tokens += budget;
            }
        }
        let tools = p.tools.iter().flatten().map(|t| ToolDef {
            name: &t.function.name,
            description: t.function.description.as_deref(),
            input_schema: t
                .function
                .parameters
                .as_ref()
                .map_or_else(|| Cow::Owned(json!({"type": "object", "properties": {}})), Cow::Borrowed),
        });
        let tool_choice = p.tool_choice.as_ref().map(ToolChoice::parse).transpose()?.map(|c| match c {
            ToolChoice::Auto => json!({"type": "auto"}),
            ToolChoice::Required => json!({"type": "any"}),
            ToolChoice::None => json!({"type": "none"}),
            ToolChoice::Named(name) => json!({"type": "tool", "name": name}),
        });
        Ok(Self {
            model,
            max_tokens,
            system,
            messages,
            stream: p.stream,
            temperature: p.temperature,
            top_p: p.top_p,
            top_k: p.top_k,
            stop_sequences: stop_list(p.stop.as_ref()),
            tools: tools.collect(),
            tool_choice,
            thinking: budget.map(|budget_tokens| Thinking { kind: "enabled", budget_tokens }),
            metadata: p.user.as_deref().map(|user_id| Metadata { user_id }),
        })
    }
}

/// The system prompt and the alternating turns Anthropic requires; tool results
/// travel in user turns.
fn turns(messages: &[Message]) -> Result<(Option<String>, Vec<Turn<'_>>)> {
    let (system, turns) = system_and_turns(messages, |i, m| {
        let mut content = Vec::new();
        let role = match m.role {
            Role::Assistant => {
                // Signed thinking goes first, as Anthropic returned it.
                for block in m.thinking_blocks.iter().flatten() {
                    content.push(Block::Thinking { thinking: &block.thinking, signature: &block.signature });
                }
                blocks(m.content.as_ref(), &mut content);
                for call in m.tool_calls.iter().flatten() {
                    let input = tool_input(i, call)?;
                    content.push(Block::ToolUse { id: &call.id, name: &call.function.name, input });
                }
                "assistant"
            }
            Role::Tool => {
                let mut result = Vec::new();
                blocks(m.content.as_ref(), &mut result);
                let tool_use_id = m.tool_call_id.as_deref().unwrap_or_default();
                content.push(Block::ToolResult { tool_use_id, content: Blocks(result) });
                "user"
            }
            _ => {
                blocks(m.content.as_ref(), &mut content);
                "user"
            }
        };
        Ok((role, content))
    })?;
    Ok((system, turns.into_iter().map(|(role, content)| Turn { role, content: Blocks(content) }).collect()))
}

/// Text and image blocks; empty text is left out because Anthropic rejects it
/// (assistant turns that only call tools often carry `content: ""`).
fn blocks<'a>(content: Option<&'a Content>, out: &mut Vec<Block<'a>>) {
    match content {
        None => {}
        Some(Content::Text(text)) => push_text(text, out),
        Some(Content::Parts(parts)) => {
            for part in parts {
                match part {
                    ContentPart::Text { text } => push_text(text, out),
                    ContentPart::ImageUrl { image_url } => {
                        let source = match image_url.as_data_url() {
                            Some((media_type, data)) => ImageSource::Base64 { media_type, data },
                            None => ImageSource::Url { url: &image_url.url },
                        };
                        out.push(Block::Image { source });
                    }
                }
            }
        }
    }
}

fn push_text<'a>(text: &'a str, out: &mut Vec<Block<'a>>) {
    if !text.is_empty() {
        out.push(Block::Text { text });
    }
}
