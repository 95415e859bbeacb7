//! `stream_chunk_builder(chunks)`: rebuilds the whole `chat.completion` from the
//! chunks a stream yielded, as LiteLLM's helper of the same name does. The chunks
//! go back through the same [`Accumulator`] a whole response uses, so tool calls,
//! signed thinking blocks and finish reasons are assembled in one place for every
//! binding. A stream that never said how it finished keeps `finish_reason: null`.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::accumulate::{Accumulator, MAX_TOOL_CALL_INDEX};
use crate::error::{LlmError, Result};
use crate::parts::{PartSink, StreamPart};

#[derive(Serialize)]
struct Rebuilt<'a> {
    id: &'a Value,
    object: &'static str,
    created: &'a Value,
    model: &'a Value,
    choices: [Choice<'a>; 1],
    usage: &'a Value,
}

#[derive(Serialize)]
struct Choice<'a> {
    index: u32,
    message: Value,
    finish_reason: Option<&'a str>,
}

/// The chunks as JSON (an array) → the completion as JSON, or `None` for no chunks.
pub fn stream_chunk_builder(chunks_json: &str) -> Result<Option<String>> {
    let chunks: Vec<Value> = serde_json::from_str(chunks_json).map_err(|e| {
        LlmError::bad_input(format!("stream_chunk_builder() takes the array of chunks a stream yielded: {e}"))
    })?;
    let Some(first) = chunks.first() else {
        return Ok(None);
    };
    let mut acc = Accumulator::default();
    let mut finish: Option<String> = None;
    let mut usage = &Value::Null;
    for (i, chunk) in chunks.iter().enumerate() {
        if !chunk["usage"].is_null() {
            usage = &chunk["usage"];
        }
        let choice = &chunk["choices"][0];
        feed_delta(&choice["delta"], i, &mut acc)?;
        if let Some(reason) = choice["finish_reason"].as_str() {
            finish = Some(reason.to_owned());
        }
    }
    let rebuilt = Rebuilt {
        id: &first["id"],
        object: "chat.completion",
        created: &first["created"],
        model: &first["model"],
        choices: [Choice { index: 0, message: message(&acc), finish_reason: finish.as_deref() }],
        usage,
    };
    Ok(Some(serde_json::to_string(&rebuilt).expect("a completion serializes")))
}

fn text(v: &Value) -> Option<Cow<'_, str>> {
    v.as_str().filter(|s| !s.is_empty()).map(Cow::Borrowed)
}

fn feed_delta(delta: &Value, chunk: usize, acc: &mut Accumulator) -> Result<()> {
    if let Some(t) = text(&delta["content"]) {
        acc.part(StreamPart::Text { text: t });
    }
    if let Some(t) = text(&delta["reasoning_content"]) {
        acc.part(StreamPart::Reasoning { text: t });
    }
    for block in delta["thinking_blocks"].as_array().into_iter().flatten() {
        let Some(signature) = text(&block["signature"]) else { continue };
        if let Some(t) = text(&block["thinking"]) {
            acc.part(StreamPart::Reasoning { text: t });
        }
        acc.part(StreamPart::ReasoningSignature { signature });
    }
    for call in delta["tool_calls"].as_array().into_iter().flatten() {
        let raw = &call["index"];
        let index = match raw {
            Value::Null => Some(0),
            _ => raw.as_u64().and_then(|i| u32::try_from(i).ok()).filter(|i| *i <= MAX_TOOL_CALL_INDEX),
        };
        let index = index.ok_or_else(|| {
            LlmError::bad_input(format!(
                "chunk {chunk} has a tool call with index {raw}: indices run from 0 to {MAX_TOOL_CALL_INDEX}"
            ))
        })?;
        acc.part(StreamPart::ToolCall {
            index,
            id: text(&call["id"]),
            name: text(&call["function"]["name"]),
            arguments: text(&call["function"]["arguments"]).unwrap_or_default(),
        });
    }
    Ok(())
}

fn message(acc: &Accumulator) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("role".into(), "assistant".into());
    let content =
        if acc.content.is_empty() && !acc.tool_calls.is_empty() { Value::Null } else { acc.content.clone().into() };
    m.insert("content".into(), content);
    if !acc.reasoning.is_empty() {
        m.insert("reasoning_content".into(), acc.reasoning.clone().into());
    }
    if !acc.thinking_blocks.is_empty() {
        let blocks = acc
            .thinking_blocks
            .iter()
            .map(|b| serde_json::json!({"type": "thinking", "thinking": b.thinking, "signature": b.signature}))
            .collect();
        m.insert("thinking_blocks".into(), Value::Array(blocks));
    }
    if !acc.tool_calls.is_empty() {
        let calls = acc
            .tool_calls
            .iter()
            .map(|c| serde_json::json!({"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}))
            .collect();
        m.insert("tool_calls".into(), Value::Array(calls));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn build(chunks: Value) -> Value {
        serde_json::from_str(&stream_chunk_builder(&chunks.to_string()).unwrap().unwrap()).unwrap()
    }

    #[test]
    fn rebuilds_text_tools_thinking_and_usage() {
        let c = |delta: Value, finish: Value| json!({"id": "x", "created": 5, "model": "m", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
        let out = build(json!([
            c(json!({"role": "assistant", "reasoning_content": "think"}), Value::Null),
            c(json!({"thinking_blocks": [{"type": "thinking", "thinking": "", "signature": "s1"}]}), Value::Null),
            c(json!({"content": "Hi"}), Value::Null),
            c(
                json!({"tool_calls": [{"index": 1, "id": "t", "type": "function", "function": {"name": "f", "arguments": "{\"a\""}}]}),
                Value::Null
            ),
            c(json!({"tool_calls": [{"index": 1, "function": {"arguments": ":1}"}}]}), Value::Null),
            c(json!({}), json!("tool_calls")),
            json!({"id": "x", "created": 5, "model": "m", "choices": [], "usage": {"prompt_tokens": 3}}),
        ]));
        assert_eq!(out["object"], "chat.completion");
        let m = &out["choices"][0]["message"];
        assert_eq!(m["content"], "Hi");
        assert_eq!(m["reasoning_content"], "think");
        assert_eq!(m["thinking_blocks"], json!([{"type": "thinking", "thinking": "think", "signature": "s1"}]));
        assert_eq!(m["tool_calls"][0]["function"], json!({"name": "f", "arguments": "{\"a\":1}"}));
        assert_eq!(out["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(out["usage"], json!({"prompt_tokens": 3}));
    }

    #[test]
    fn no_chunks_is_none_and_a_cut_stream_keeps_finish_null() {
        assert_eq!(stream_chunk_builder("[]").unwrap(), None);
        let out = build(json!([{"id": "x", "choices": [{"delta": {"content": "Hel"}, "finish_reason": null}]}]));
        assert_eq!(out["choices"][0]["finish_reason"], Value::Null);
    }

    #[test]
    fn a_huge_index_is_refused() {
        let chunks =
            json!([{"choices": [{"delta": {"tool_calls": [{"index": 1e12, "function": {"arguments": "{}"}}]}}]}]);
        assert!(stream_chunk_builder(&chunks.to_string()).is_err());
    }
}
