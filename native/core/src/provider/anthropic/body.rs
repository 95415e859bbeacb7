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
    system: Option<System<'a>>,
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
    tools: Vec<AnyTool<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_choice: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thinking: Option<Thinking>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_tier: Option<&'a str>,
}

/// The system prompt: a plain string, or text blocks when any carries a
/// prompt-caching breakpoint.
#[derive(Serialize)]
#[serde(untagged)]
enum System<'a> {
    Text(String),
    Blocks(Vec<Cached<'a>>),
}

#[derive(Serialize)]
struct Turn<'a> {
    role: &'static str,
    content: Blocks<'a>,
}

/// A content list. A lone text block without a cache breakpoint goes out as a plain
/// string, the documented short form, so simple requests look like Anthropic's own examples.
struct Blocks<'a>(Vec<Cached<'a>>);

impl Serialize for Blocks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [Cached { block: Block::Text { text }, cache_control: None }] => s.serialize_str(text),
            blocks => blocks.serialize(s),
        }
    }
}

/// A block with its optional prompt-caching breakpoint (`cache_control`).
/// https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
#[derive(Serialize)]
struct Cached<'a> {
    #[serde(flatten)]
    block: Block<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_control: Option<&'a Value>,
}

impl<'a> From<Block<'a>> for Cached<'a> {
    fn from(block: Block<'a>) -> Self {
        Self { block, cache_control: None }
    }
}

/// A message-level `cache_control` marks the message's last block (LiteLLM's rule).
fn mark_last<'a>(blocks: &mut [Cached<'a>], cache_control: Option<&'a Value>) {
    if let (Some(last), Some(cc)) = (blocks.last_mut(), cache_control) {
        last.cache_control = Some(cc);
    }
}

/// A function tool, or a server tool Anthropic runs itself (web search).
#[derive(Serialize)]
#[serde(untagged)]
enum AnyTool<'a> {
    Function(ToolDef<'a>),
    Server(Value),
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
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_control: Option<&'a Value>,
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
                ("n", p.many_choices()),
                ("logprobs", p.logprobs == Some(true)),
                ("top_logprobs", p.top_logprobs.is_some()),
                ("logit_bias", p.logit_bias.is_some()),
                ("prediction", p.prediction.is_some()),
                ("modalities", p.non_text_modalities()),
                ("audio", p.audio.is_some()),
            ],
        )?;
        let (system, messages) = turns(&p.messages)?;
        let budget = match &p.thinking {
            Some(thinking) => thinking.budget()?,
            None => p.reasoning_effort.as_deref().map(thinking_budget).transpose()?.flatten(),
        };
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
            cache_control: t.cache_control.as_ref(),
        });
        let mut tools: Vec<AnyTool<'_>> = tools.map(AnyTool::Function).collect();
        tools.extend(p.web_search_options.as_ref().map(|o| AnyTool::Server(web_search_tool(o))));
        let mut tool_choice = p.tool_choice.as_ref().map(ToolChoice::parse).transpose()?.map(|c| match c {
            ToolChoice::Auto => json!({"type": "auto"}),
            ToolChoice::Required => json!({"type": "any"}),
            ToolChoice::None => json!({"type": "none"}),
            ToolChoice::Named(name) => json!({"type": "tool", "name": name}),
        });
        if p.parallel_tool_calls == Some(false) && !tools.is_empty() {
            // Anthropic says it the other way round, inside `tool_choice`.
            let choice = tool_choice.get_or_insert_with(|| json!({"type": "auto"}));
            choice["disable_parallel_tool_use"] = json!(true);
        }
        let user_id = p.user.as_deref().or_else(|| p.metadata.as_ref()?.get("user_id")?.as_str());
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
            tools,
            tool_choice,
            thinking: budget.map(|budget_tokens| Thinking { kind: "enabled", budget_tokens }),
            metadata: user_id.map(|user_id| Metadata { user_id }),
            service_tier: p.service_tier.as_deref(),
        })
    }
}

/// OpenAI's `web_search_options` as Anthropic's web search server tool, as LiteLLM
/// maps it: `search_context_size` low/medium/high → at most 1/5/10 searches.
/// https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
fn web_search_tool(options: &Value) -> Value {
    let mut tool = json!({"type": "web_search_20250305", "name": "web_search"});
    let max_uses = match options["search_context_size"].as_str() {
        Some("low") => Some(1),
        Some("medium") => Some(5),
        Some("high") => Some(10),
        _ => None,
    };
    if let Some(max_uses) = max_uses {
        tool["max_uses"] = json!(max_uses);
    }
    if let Some(approximate) = options.pointer("/user_location/approximate").filter(|v| v.is_object()) {
        let mut location = approximate.clone();
        location["type"] = json!("approximate");
        tool["user_location"] = location;
    }
    tool
}

/// The system prompt and the alternating turns Anthropic requires; tool results
/// travel in user turns.
fn turns(messages: &[Message]) -> Result<(Option<System<'_>>, Vec<Turn<'_>>)> {
    let (system, turns) = system_and_turns(messages, |i, m| {
        let mut content: Vec<Cached<'_>> = Vec::new();
        let role = match m.role {
            Role::Assistant => {
                // Signed thinking goes first, as Anthropic returned it.
                for block in m.thinking_blocks.iter().flatten() {
                    content.push(Block::Thinking { thinking: &block.thinking, signature: &block.signature }.into());
                }
                blocks(m.content.as_ref(), &mut content);
                for call in m.tool_calls.iter().flatten() {
                    let input = tool_input(i, call)?;
                    content.push(Block::ToolUse { id: &call.id, name: &call.function.name, input }.into());
                }
                "assistant"
            }
            Role::Tool => {
                let mut result = Vec::new();
                blocks(m.content.as_ref(), &mut result);
                let tool_use_id = m.tool_call_id.as_deref().unwrap_or_default();
                content.push(Block::ToolResult { tool_use_id, content: Blocks(result) }.into());
                "user"
            }
            _ => {
                blocks(m.content.as_ref(), &mut content);
                "user"
            }
        };
        mark_last(&mut content, m.cache_control.as_ref());
        Ok((role, content))
    })?;
    let turns = turns.into_iter().map(|(role, content)| Turn { role, content: Blocks(content) }).collect();
    Ok((system_prompt(messages, system), turns))
}

/// The joined system text, or (when a system message asks for prompt caching) its
/// text blocks with their breakpoints.
fn system_prompt(messages: &[Message], joined: Option<String>) -> Option<System<'_>> {
    let system = messages.iter().filter(|m| matches!(m.role, Role::System | Role::Developer));
    if !system.clone().any(Message::has_cache_control) {
        return joined.map(System::Text);
    }
    let mut out = Vec::new();
    for m in system {
        let start = out.len();
        blocks(m.content.as_ref(), &mut out);
        out.retain(|b: &Cached<'_>| matches!(b.block, Block::Text { .. }));
        mark_last(&mut out[start..], m.cache_control.as_ref());
    }
    Some(System::Blocks(out))
}

/// Text and image blocks; empty text is left out because Anthropic rejects it
/// (assistant turns that only call tools often carry `content: ""`).
fn blocks<'a>(content: Option<&'a Content>, out: &mut Vec<Cached<'a>>) {
    match content {
        None => {}
        Some(Content::Text(text)) => push_text(text, None, out),
        Some(Content::Parts(parts)) => {
            for part in parts {
                match part {
                    ContentPart::Text { text, cache_control } => push_text(text, cache_control.as_ref(), out),
                    ContentPart::ImageUrl { image_url, cache_control } => {
                        let source = match image_url.as_data_url() {
                            Some((media_type, data)) => ImageSource::Base64 { media_type, data },
                            None => ImageSource::Url { url: &image_url.url },
                        };
                        out.push(Cached { block: Block::Image { source }, cache_control: cache_control.as_ref() });
                    }
                }
            }
        }
    }
}

fn push_text<'a>(text: &'a str, cache_control: Option<&'a Value>, out: &mut Vec<Cached<'a>>) {
    if !text.is_empty() {
        out.push(Cached { block: Block::Text { text }, cache_control });
    }
}

#[cfg(test)]
mod tests;
