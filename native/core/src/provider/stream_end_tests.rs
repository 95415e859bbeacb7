//! `StreamDecoder::ended` on every wire: a whole recorded stream has ended; the same
//! stream cut anywhere before its terminal signal has not, however it is split.

use super::anthropic::AnthropicStream;
use super::gemini::GeminiStream;
use super::ollama::OllamaStream;
use super::openai::OpenAiStream;
use super::StreamDecoder;
use crate::accumulate::Accumulator;
use crate::decode::split_test::every_split;

/// Decodes `parts` and says whether the decoder saw the end. A body cut inside an
/// event fails to decode that last event; `ended` must still say false then.
fn ended<D: StreamDecoder + Default>(parts: &[&[u8]]) -> bool {
    let mut decoder = D::default();
    let mut acc = Accumulator::default();
    let fed = parts.iter().try_for_each(|part| decoder.feed(part, &mut acc));
    let _ = fed.and_then(|()| decoder.finish(&mut acc));
    decoder.ended()
}

/// The whole body has ended at every split; every prefix that stops before the
/// terminal event (which starts at `terminal`) has not, at every split of it.
fn check<D: StreamDecoder + Default>(body: &str, terminal: &str) {
    let body = body.as_bytes();
    let at = body.windows(terminal.len()).rposition(|w| w == terminal.as_bytes()).expect("terminal in body");
    every_split(body, |parts| {
        let mut decoder = D::default();
        let mut acc = Accumulator::default();
        parts.iter().for_each(|part| decoder.feed(part, &mut acc).unwrap());
        decoder.finish(&mut acc).unwrap();
        assert!(decoder.ended(), "whole stream, split {parts:?}");
    });
    for cut in 0..at {
        assert!(!ended::<D>(&[&body[..cut]]), "cut at {cut}");
    }
    every_split(&body[..at], |parts| assert!(!ended::<D>(parts), "cut before the terminal, split {parts:?}"));
}

const OPENAI: &str = concat!(
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Grüß 👋\"},\"finish_reason\":null}]}\n\n",
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
);

#[test]
fn openai_ends_at_the_finish_reason_or_done() {
    check::<OpenAiStream>(
        OPENAI,
        "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\"",
    );
    // [DONE] alone ends a stream too (servers that send no finish chunk).
    let done_only =
        "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"é\"}}]}\n\ndata: [DONE]\n\n";
    check::<OpenAiStream>(done_only, "data: [DONE]");
    // A `null` finish_reason is not an end.
    assert!(!ended::<OpenAiStream>(&[OPENAI
        .split("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},")
        .next()
        .unwrap()
        .as_bytes()]));
}

#[test]
fn anthropic_ends_at_message_stop() {
    let body = concat!(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüß 👋\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":4}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    );
    check::<AnthropicStream>(body, "event: message_stop");
}

#[test]
fn gemini_ends_at_a_finish_reason_or_a_blocked_prompt() {
    let body = concat!(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Grüß 👋\"}],\"role\": \"model\"},\"index\": 0}],\"modelVersion\": \"gemini-x\",\"responseId\": \"r\"}\r\n\r\n",
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 2,\"candidatesTokenCount\": 3,\"totalTokenCount\": 5}}\r\n\r\n",
    );
    check::<GeminiStream>(body, "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}]");
    let blocked = "data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"},\"usageMetadata\": {\"promptTokenCount\": 8}}\r\n\r\n";
    check::<GeminiStream>(blocked, "data: {\"promptFeedback\"");
}

#[test]
fn ollama_ends_at_done_true() {
    let body = concat!(
        "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"Grüß 👋\"},\"done\":false}\n",
        "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"eval_count\":2}\n",
    );
    check::<OllamaStream>(
        body,
        "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true",
    );
}
