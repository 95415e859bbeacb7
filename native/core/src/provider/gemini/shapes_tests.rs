//! Gemini's other shapes, each a recorded stream split at every byte: function-call
//! arguments streamed as `partialArgs`
//! (https://googleapis.github.io/js-genai/release_docs/interfaces/types.FunctionCall.html),
//! `toolUsePromptTokenCount` (https://ai.google.dev/api/generate-content#UsageMetadata),
//! and parts of shapes we do not know.

use super::*;
use crate::accumulate::Accumulator;
use crate::parts::{FinishReason, UsagePart};
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};

fn decode(body: &str) -> Accumulator {
    assert_every_split_decodes_alike::<GeminiStream>(body.as_bytes());
    decode_pieces::<GeminiStream>(&[body.as_bytes()]).unwrap()
}

/// Text, then a call whose arguments stream in pieces (opened by name +
/// `willContinue`, closed by an empty `functionCall`), then a whole call.
const PARTIAL_ARGS: &str = concat!(
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"text\": \"Je règle ça.\"}]}}],\"modelVersion\": \"gemini-3-pro-preview\",\"responseId\": \"pa-1\"}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"functionCall\": {\"name\": \"set_light\",\"willContinue\": true}}]}}]}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"functionCall\": {\"partialArgs\": [{\"jsonPath\": \"$.room\",\"stringValue\": \"Salle \",\"willContinue\": true}],\"willContinue\": true}}]}}]}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"functionCall\": {\"partialArgs\": [{\"jsonPath\": \"$.room\",\"stringValue\": \"à manger 🍽\"}],\"willContinue\": true}}]}}]}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"functionCall\": {\"partialArgs\": [{\"jsonPath\": \"$.brightness\",\"numberValue\": 50},{\"jsonPath\": \"$.on\",\"boolValue\": true}],\"willContinue\": true}}]}}]}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"functionCall\": {}}]}}]}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"role\": \"model\",\"parts\": [{\"functionCall\": {\"name\": \"get_time\",\"args\": {\"tz\": \"CET\"}}}]},\"finishReason\": \"STOP\"}],\"usageMetadata\": {\"promptTokenCount\": 30,\"candidatesTokenCount\": 12,\"totalTokenCount\": 42}}\r\n\r\n",
);

#[test]
fn partial_args_assemble_into_whole_calls() {
    let acc = decode(PARTIAL_ARGS);
    assert_eq!(acc.content, "Je règle ça.");
    let calls: Vec<_> = acc.tool_calls.iter().map(|c| (c.id.as_str(), c.name.as_str(), c.arguments.as_str())).collect();
    assert_eq!(
        calls,
        [
            ("call_0", "set_light", r#"{"brightness":50,"on":true,"room":"Salle à manger 🍽"}"#),
            ("call_1", "get_time", r#"{"tz":"CET"}"#),
        ]
    );
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
}

#[test]
fn a_streamed_call_left_open_closes_at_the_finish_reason() {
    let body = concat!(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"f\",\"willContinue\": true,\"partialArgs\": [{\"jsonPath\": \"$.q\",\"stringValue\": \"ü\"}]}}]}}]}\r\n\r\n",
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}]},\"finishReason\": \"STOP\"}]}\r\n\r\n",
    );
    let acc = decode(body);
    assert_eq!((acc.tool_calls[0].name.as_str(), acc.tool_calls[0].arguments.as_str()), ("f", r#"{"q":"ü"}"#));
}

#[test]
fn tool_use_prompt_tokens_count_as_prompt() {
    let body = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Résultat : 6.\"}]},\"finishReason\": \"STOP\"}],\"usageMetadata\": {\"promptTokenCount\": 100,\"candidatesTokenCount\": 20,\"toolUsePromptTokenCount\": 35,\"thoughtsTokenCount\": 15,\"totalTokenCount\": 170,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 100}],\"toolUsePromptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 35}]}}\r\n\r\n";
    let usage = decode(body).usage;
    assert_eq!((usage.prompt_tokens, usage.completion_tokens, usage.reasoning_tokens), (Some(135), Some(35), Some(15)));
    assert_eq!(usage.prompt_tokens.unwrap() + usage.completion_tokens.unwrap(), 170, "prompt + completion = total");
}

#[test]
fn unknown_part_shapes_are_skipped() {
    // Code execution parts, a nameless call piece with no call open, a call whose
    // name is not a string, `thought` not a boolean, an inline image: none of them
    // stop the stream.
    let body = concat!(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"executableCode\": {\"language\": \"PYTHON\",\"code\": \"print(1)\"}},{\"codeExecutionResult\": {\"outcome\": \"OUTCOME_OK\",\"output\": \"1\"}}]}}],\"responseId\": \"u\",\"modelVersion\": \"gemini-2.5-flash\"}\r\n\r\n",
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"partialArgs\": [{\"jsonPath\": \"$.x\",\"numberValue\": 1}]}},{\"functionCall\": {\"name\": 7}},{\"text\": \"Vu \",\"thought\": \"yes\"}]}}]}\r\n\r\n",
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"inlineData\": {\"mimeType\": \"image/png\",\"data\": \"iVBO\"}},{\"text\": \"✔\",\"thoughtSignature\": \"c2ln\"}]},\"finishReason\": \"STOP\"}],\"usageMetadata\": \"n/a\"}\r\n\r\n",
    );
    let acc = decode(body);
    assert_eq!((acc.content.as_str(), acc.reasoning.as_str()), ("Vu ✔", ""));
    assert!(acc.tool_calls.is_empty());
    assert_eq!(acc.usage, UsagePart::default());
}
