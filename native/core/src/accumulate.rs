//! Builds a whole completion from stream parts: used for non-streaming responses
//! (provider parsers emit parts too, so there is one mechanism), for
//! `mock_response`, and for the summary a stream reports when it ends.

use serde::Serialize;

use crate::error::LlmError;
use crate::parts::{FinishReason, OllamaTimings, PartSink, StreamPart, UsagePart, MAX_CHOICE_INDEX};
use crate::server_timing::ServerTimings;

/// The highest tool-call index a reply may use. Indices come from the server, so
/// they never size an allocation; one beyond this is a broken reply, not a call.
pub const MAX_TOOL_CALL_INDEX: u32 = 1023;

/// The error for a tool-call index beyond [`MAX_TOOL_CALL_INDEX`].
pub fn tool_call_index_error(index: u32) -> LlmError {
    LlmError::api_error(
        None,
        format!(
            "the server sent a tool call with index {index}; a valid reply uses indices 0 to {MAX_TOOL_CALL_INDEX}"
        ),
    )
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AssembledToolCall {
    pub id: String,
    pub name: String,
    pub arguments: String,
}

/// A signed reasoning block (Anthropic's `thinking` block).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ThinkingBlock {
    pub thinking: String,
    pub signature: String,
}

#[derive(Debug, Clone, Default)]
pub struct Accumulator {
    pub id: Option<String>,
    pub model: Option<String>,
    pub content: String,
    pub reasoning: String,
    /// Signed blocks; each covers the reasoning text since the previous one.
    pub thinking_blocks: Vec<ThinkingBlock>,
    signed_up_to: usize,
    /// In order of first appearance; `tool_call_indices[i]` is the wire index of `tool_calls[i]`.
    pub tool_calls: Vec<AssembledToolCall>,
    tool_call_indices: Vec<u32>,
    pub finish: Option<FinishReason>,
    pub usage: UsagePart,
    pub ollama: Option<OllamaTimings>,
    /// What the server reported about its own timing.
    pub server: ServerTimings,
    /// Log probabilities of this choice's tokens (`{"content": [...]}`, arrays
    /// joined across chunks).
    pub logprobs: Option<serde_json::Value>,
    /// Message fields passed on unread (`audio`, `annotations`, `refusal`), merged.
    pub message_fields: serde_json::Map<String, serde_json::Value>,
    /// Choices other than 0 (`n > 1`), in order of first appearance, with their index.
    pub others: Vec<(u32, Accumulator)>,
    /// The choice the next per-choice part belongs to.
    choice: u32,
    /// The first way the reply broke the protocol; the whole response is refused.
    pub protocol_error: Option<LlmError>,
}

impl PartSink for Accumulator {
    fn part(&mut self, part: StreamPart<'_>) {
        let per_choice = matches!(
            part,
            StreamPart::Text { .. }
                | StreamPart::Reasoning { .. }
                | StreamPart::ReasoningSignature { .. }
                | StreamPart::ToolCall { .. }
                | StreamPart::Finish { .. }
                | StreamPart::Logprobs { .. }
                | StreamPart::MessageField { .. }
        );
        if per_choice && self.choice != 0 {
            let index = self.choice;
            let slot = match self.others.iter().position(|(i, _)| *i == index) {
                Some(slot) => slot,
                None => {
                    self.others.push((index, Accumulator::default()));
                    self.others.len() - 1
                }
            };
            self.others[slot].1.part(part);
            if let Some(e) = self.others[slot].1.protocol_error.take() {
                self.protocol_error.get_or_insert(e);
            }
            return;
        }
        match part {
            StreamPart::Choice { index } if index > MAX_CHOICE_INDEX => {
                self.protocol_error.get_or_insert_with(|| choice_index_error(index));
            }
            StreamPart::Choice { index } => self.choice = index,
            StreamPart::Logprobs { logprobs } => self.add_logprobs(&logprobs),
            StreamPart::Server(report) => self.server.record(&report),
            StreamPart::Event { .. } => {}
            StreamPart::MessageField { name, json } => {
                if let Ok(piece) = serde_json::from_str::<serde_json::Value>(&json) {
                    let have = self.message_fields.entry(name).or_insert(serde_json::Value::Null);
                    merge_delta(have, piece);
                }
            }
            StreamPart::Meta { id, model } => {
                self.id.get_or_insert_with(|| id.into_owned());
                self.model.get_or_insert_with(|| model.into_owned());
            }
            StreamPart::Text { text } => self.content.push_str(&text),
            StreamPart::Reasoning { text } => self.reasoning.push_str(&text),
            StreamPart::ReasoningSignature { signature } => {
                let thinking = self.reasoning[self.signed_up_to..].to_owned();
                self.signed_up_to = self.reasoning.len();
                self.thinking_blocks.push(ThinkingBlock { thinking, signature: signature.into_owned() });
            }
            StreamPart::ToolCall { index, id, name, arguments } => {
                if index > MAX_TOOL_CALL_INDEX {
                    self.protocol_error.get_or_insert_with(|| tool_call_index_error(index));
                    return;
                }
                let slot = match self.tool_call_indices.iter().position(|&i| i == index) {
                    Some(slot) => slot,
                    None => {
                        self.tool_call_indices.push(index);
                        self.tool_calls.push(AssembledToolCall::default());
                        self.tool_calls.len() - 1
                    }
                };
                let call = &mut self.tool_calls[slot];
                if let Some(id) = id {
                    call.id = id.into_owned();
                }
                if let Some(name) = name {
                    call.name.push_str(&name);
                }
                call.arguments.push_str(&arguments);
            }
            StreamPart::Usage(u) => self.usage.merge(&u),
            StreamPart::Finish { reason } => self.finish = Some(reason),
            StreamPart::Ollama(t) => self.ollama = Some(t),
        }
    }
}

impl Accumulator {
    /// Tool calls win over a plain "stop" (Gemini and Ollama say STOP for calls).
    pub fn finish_reason(&self) -> FinishReason {
        self.finish.unwrap_or(FinishReason::Stop).given_tool_calls(!self.tool_calls.is_empty())
    }

    /// Every choice with its index, in index order: this one (0) and the others.
    pub fn choices(&self) -> Vec<(u32, &Accumulator)> {
        let mut all: Vec<(u32, &Accumulator)> = vec![(0, self)];
        all.extend(self.others.iter().map(|(i, acc)| (*i, acc)));
        all.sort_by_key(|(i, _)| *i);
        all
    }

    /// Characters generated across every choice (for the token estimate).
    pub fn generated_chars(&self) -> usize {
        self.choices().iter().map(|(_, a)| a.content.chars().count() + a.reasoning.chars().count()).sum()
    }

    /// Joins a chunk's `logprobs` object into this choice's: arrays are appended.
    fn add_logprobs(&mut self, json: &str) {
        let Ok(serde_json::Value::Object(new)) = serde_json::from_str::<serde_json::Value>(json) else { return };
        let serde_json::Value::Object(all) = self.logprobs.get_or_insert_with(|| serde_json::json!({})) else {
            return;
        };
        for (key, value) in new {
            match (all.get_mut(&key), value) {
                (Some(serde_json::Value::Array(have)), serde_json::Value::Array(more)) => have.extend(more),
                (_, value) => {
                    all.insert(key, value);
                }
            }
        }
    }
}

/// Merges a streamed piece into what arrived before: strings join (audio `data`
/// and `transcript` arrive in pieces), arrays extend, objects merge key by key,
/// anything else is replaced.
fn merge_delta(have: &mut serde_json::Value, piece: serde_json::Value) {
    use serde_json::Value;
    match (have, piece) {
        (Value::String(a), Value::String(b)) => a.push_str(&b),
        (Value::Array(a), Value::Array(b)) => a.extend(b),
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge_delta(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (have, piece) => *have = piece,
    }
}

/// The error for a choice index beyond [`MAX_CHOICE_INDEX`].
pub fn choice_index_error(index: u32) -> LlmError {
    LlmError::api_error(
        None,
        format!("the server sent a choice with index {index}; a valid reply uses indices 0 to {MAX_CHOICE_INDEX}"),
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn tool_call_fragments_assemble_by_index() {
        let mut acc = Accumulator::default();
        acc.part(StreamPart::ToolCall {
            index: 0,
            id: Some(Cow::Borrowed("c1")),
            name: Some(Cow::Borrowed("get")),
            arguments: Cow::Borrowed(""),
        });
        acc.part(StreamPart::ToolCall { index: 0, id: None, name: None, arguments: Cow::Borrowed("{\"a\":") });
        acc.part(StreamPart::ToolCall { index: 0, id: None, name: None, arguments: Cow::Borrowed("1}") });
        assert_eq!(acc.tool_calls[0].arguments, "{\"a\":1}");
        assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    }

    #[test]
    fn huge_indices_allocate_nothing_and_refuse_the_reply() {
        let mut acc = Accumulator::default();
        let call = |index| StreamPart::ToolCall { index, id: None, name: None, arguments: Cow::Borrowed("{}") };
        acc.part(call(7));
        acc.part(call(u32::MAX));
        assert_eq!(acc.tool_calls.len(), 1);
        assert!(acc.protocol_error.is_some());
    }
}
