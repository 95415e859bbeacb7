//! Builds a whole completion from stream parts: used for non-streaming responses
//! (provider parsers emit parts too, so there is one mechanism), for
//! `mock_response`, and for the summary a stream reports when it ends.

use serde::Serialize;

use crate::parts::{FinishReason, OllamaTimings, PartSink, StreamPart, UsagePart};

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
    pub tool_calls: Vec<AssembledToolCall>,
    pub finish: Option<FinishReason>,
    pub usage: UsagePart,
    pub ollama: Option<OllamaTimings>,
}

impl PartSink for Accumulator {
    fn part(&mut self, part: StreamPart<'_>) {
        match part {
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
                let index = index as usize;
                if self.tool_calls.len() <= index {
                    self.tool_calls.resize_with(index + 1, AssembledToolCall::default);
                }
                let call = &mut self.tool_calls[index];
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
}
