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
use crate::parts::MAX_CHOICE_INDEX;
use crate::parts::{PartSink, StreamPart};

#[derive(Serialize)]
struct Rebuilt<'a> {
    id: &'a Value,
    object: &'static str,
    created: &'a Value,
    model: &'a Value,
    choices: Vec<Choice<'a>>,
    usage: &'a Value,
}

#[derive(Serialize)]
struct Choice<'a> {
    index: u32,
    message: Value,
    finish_reason: Option<&'a str>,
    logprobs: Option<&'a Value>,
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
    let mut finishes: Vec<(u32, String)> = Vec::new();
    let mut usage = &Value::Null;
    let mut legacy_functions = false;
    for (i, chunk) in chunks.iter().enumerate() {
        if !chunk["usage"].is_null() {
            usage = &chunk["usage"];
        }
        for choice in chunk["choices"].as_array().into_iter().flatten() {
            let index = choice_index(&choice["index"], i)?;
            acc.part(StreamPart::Choice { index });
            if let Some(logprobs) = choice.get("logprobs").filter(|l| l.is_object()) {
                acc.part(StreamPart::Logprobs { logprobs: Cow::Owned(logprobs.to_string()) });
            }
            legacy_functions |= feed_delta(&choice["delta"], i, &mut acc)?;
            if let Some(reason) = choice["finish_reason"].as_str() {
                finishes.retain(|(at, _)| *at != index);
                finishes.push((index, reason.to_owned()));
            }
        }
    }
    let choices = acc
        .choices()
        .into_iter()
        .map(|(index, a)| Choice {
            index,
            message: message(a, legacy_functions),
            finish_reason: finishes.iter().find(|(at, _)| *at == index).map(|(_, r)| r.as_str()),
            logprobs: a.logprobs.as_ref(),
        })
        .collect();
    let rebuilt = Rebuilt {
        id: &first["id"],
        object: "chat.completion",
        created: &first["created"],
        model: &first["model"],
        choices,
        usage,
    };
    Ok(Some(serde_json::to_string(&rebuilt).expect("a completion serializes")))
}

fn choice_index(raw: &Value, chunk: usize) -> Result<u32> {
    let index = match raw {
        Value::Null => Some(0),
        _ => raw.as_u64().and_then(|i| u32::try_from(i).ok()).filter(|i| *i <= MAX_CHOICE_INDEX),
    };
    index.ok_or_else(|| {
        LlmError::bad_input(format!(
            "chunk {chunk} has a choice with index {raw}: indices run from 0 to {MAX_CHOICE_INDEX}"
        ))
    })
}

fn text(v: &Value) -> Option<Cow<'_, str>> {
    v.as_str().filter(|s| !s.is_empty()).map(Cow::Borrowed)
}

/// Feeds one delta; returns whether it was a legacy `function_call` delta.
fn feed_delta(delta: &Value, chunk: usize, acc: &mut Accumulator) -> Result<bool> {
    let function_call = &delta["function_call"];
    if function_call.is_object() {
        acc.part(StreamPart::ToolCall {
            index: 0,
            id: None,
            name: text(&function_call["name"]),
            arguments: text(&function_call["arguments"]).unwrap_or_default(),
        });
    }
    if let Some(t) = text(&delta["content"]) {
        acc.part(StreamPart::Text { text: t });
    }
    for name in ["audio", "annotations", "refusal"] {
        if let Some(v) = delta.get(name).filter(|v| !v.is_null()) {
            acc.part(StreamPart::MessageField { name, json: Cow::Owned(v.to_string()) });
        }
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
    Ok(function_call.is_object())
}

fn message(acc: &Accumulator, legacy_functions: bool) -> Value {
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
    for (name, value) in &acc.message_fields {
        m.insert(name.clone(), value.clone());
    }
    if legacy_functions {
        if let Some(c) = acc.tool_calls.first() {
            m.insert("function_call".into(), serde_json::json!({"name": c.name, "arguments": c.arguments}));
        }
    } else if !acc.tool_calls.is_empty() {
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

#[cfg(test)]
mod choice_tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn rebuilds_every_choice_with_its_logprobs_and_legacy_function_calls() {
        let c = |index: u32, delta: Value, finish: Value, logprobs: Value| json!({"id": "x", "created": 1, "model": "m", "choices": [{"index": index, "delta": delta, "finish_reason": finish, "logprobs": logprobs}]});
        let chunks = json!([
            c(0, json!({"content": "A"}), Value::Null, json!({"content": [{"token": "A"}]})),
            c(1, json!({"content": "B"}), Value::Null, Value::Null),
            c(0, json!({"content": "a"}), json!("stop"), json!({"content": [{"token": "a"}]})),
            c(1, json!({}), json!("length"), Value::Null),
        ]);
        let out: Value = serde_json::from_str(&stream_chunk_builder(&chunks.to_string()).unwrap().unwrap()).unwrap();
        assert_eq!(out["choices"][0]["message"]["content"], "Aa");
        assert_eq!(out["choices"][0]["logprobs"], json!({"content": [{"token": "A"}, {"token": "a"}]}));
        assert_eq!(
            (out["choices"][1]["index"].clone(), out["choices"][1]["message"]["content"].clone()),
            (json!(1), json!("B"))
        );
        assert_eq!(out["choices"][1]["finish_reason"], "length");
        let legacy = json!([
            c(0, json!({"function_call": {"name": "f", "arguments": ""}}), Value::Null, Value::Null),
            c(0, json!({"function_call": {"arguments": "{}"}}), json!("function_call"), Value::Null),
        ]);
        let out: Value = serde_json::from_str(&stream_chunk_builder(&legacy.to_string()).unwrap().unwrap()).unwrap();
        assert_eq!(out["choices"][0]["message"]["function_call"], json!({"name": "f", "arguments": "{}"}));
        assert!(out["choices"][0]["message"].get("tool_calls").is_none());
    }
}
