//! Request translation shared by the native (non-OpenAI) wires: OpenAI's `stop`,
//! `tool_choice`, tool-call arguments and `reasoning_effort`, understood once.

use serde_json::{json, Value};

use crate::error::{LlmError, Result};
use crate::request::{Content, Message, Role, Stop, ToolCall};

/// `stop` as the list every non-OpenAI API wants.
pub(crate) fn stop_list(stop: Option<&Stop>) -> Vec<&str> {
    match stop {
        None => Vec::new(),
        Some(Stop::One(s)) => vec![s.as_str()],
        Some(Stop::Many(v)) => v.iter().map(String::as_str).collect(),
    }
}

/// An assistant tool call's `arguments` (JSON text, as OpenAI sends it) as the JSON
/// object the native APIs want back; empty arguments mean no arguments.
pub(crate) fn tool_input(i: usize, call: &ToolCall) -> Result<Value> {
    let args = call.function.arguments.trim();
    if args.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_str(args).map_err(|e| {
        LlmError::bad_input(format!(
            "messages[{i}] tool call '{}' has `arguments` that are not JSON ({e}): pass them back as the model returned them",
            call.id
        ))
    })
}

/// LiteLLM's thinking budgets for `reasoning_effort`; `None` turns thinking off.
/// "minimal" gets the low budget: 1024 is Anthropic's minimum.
pub(crate) fn thinking_budget(effort: &str) -> Result<Option<u32>> {
    match effort {
        "none" => Ok(None),
        "minimal" | "low" => Ok(Some(1024)),
        "medium" => Ok(Some(2048)),
        "high" => Ok(Some(4096)),
        other => Err(LlmError::bad_input(format!(
            "`reasoning_effort` is '{other}': use 'low', 'medium', 'high', 'minimal' or 'none'"
        ))),
    }
}

/// OpenAI's `tool_choice`, understood once for every native API.
pub(crate) enum ToolChoice<'a> {
    Auto,
    Required,
    None,
    Named(&'a str),
}

impl<'a> ToolChoice<'a> {
    pub(crate) fn parse(choice: &'a Value) -> Result<Self> {
        match choice.as_str() {
            Some("auto") => return Ok(Self::Auto),
            Some("required") => return Ok(Self::Required),
            Some("none") => return Ok(Self::None),
            _ => {}
        }
        choice.pointer("/function/name").and_then(Value::as_str).map(Self::Named).ok_or_else(|| {
            LlmError::bad_input(format!(
                "`tool_choice` {choice} is not understood: use 'auto', 'required', 'none' or {{\"type\":\"function\",\"function\":{{\"name\":\"...\"}}}}"
            ))
        })
    }
}

/// The function name a tool message answers: that of the latest earlier assistant
/// tool call with its `tool_call_id` (Gemini and Ollama name results; OpenAI ids them).
pub(crate) fn answered_tool_name(messages: &[Message], i: usize) -> Option<&str> {
    let id = messages[i].tool_call_id.as_deref()?;
    (messages[..i].iter().rev())
        .flat_map(|m| m.tool_calls.iter().flatten())
        .find(|call| call.id == id)
        .map(|call| call.function.name.as_str())
        .or(messages[i].name.as_deref())
}

/// A turn on the wire: its role and its parts.
pub(crate) type WireTurn<P> = (&'static str, Vec<P>);

/// A conversation as the native APIs want it: system and developer text split off
/// (joined by blank lines), consecutive same-role turns merged (Anthropic requires
/// alternation, and parallel tool results travel together in one user turn), empty
/// turns dropped. `convert` gives every other message's wire role and parts.
pub(crate) fn system_and_turns<'m, P>(
    messages: &'m [Message],
    mut convert: impl FnMut(usize, &'m Message) -> Result<WireTurn<P>>,
) -> Result<(Option<String>, Vec<WireTurn<P>>)> {
    let mut system = Vec::new();
    let mut turns: Vec<WireTurn<P>> = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        if matches!(m.role, Role::System | Role::Developer) {
            system.extend(m.content.as_ref().map(Content::joined_text));
            continue;
        }
        let (role, mut parts) = convert(i, m)?;
        match turns.last_mut() {
            _ if parts.is_empty() => {}
            Some((last_role, last)) if *last_role == role => last.append(&mut parts),
            _ => turns.push((role, parts)),
        }
    }
    Ok(((!system.is_empty()).then(|| system.join("\n\n")), turns))
}
