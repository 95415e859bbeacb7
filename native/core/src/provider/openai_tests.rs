//! Tests for the OpenAI-compatible wire module: recorded streams modelled on
//! https://platform.openai.com/docs/api-reference/chat/streaming, split at every byte.

use super::*;
use crate::accumulate::Accumulator;
use crate::error::ErrorKind;
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};

const STREAM: &str = concat!(
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\n\n",
    "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think \"},\"finish_reason\":null}]}\n\n",
    ": keep-alive\n\n",
    "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Héllo 🎉\"},\"finish_reason\":null}]}\r\n\r\n",
    "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get\",\"arguments\":\"\"}}]}}]}\n\n",
    "data:{\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"q\\\":1}\"}}]}}]}\n\n",
    "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
    "data: {\"id\":\"c1\",\"model\":\"gpt-x\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12,\"prompt_tokens_details\":{\"cached_tokens\":2},\"completion_tokens_details\":{\"reasoning_tokens\":1}}}\n\n",
    "data: [DONE]\n\n",
);

fn decode(parts: &[&[u8]]) -> Result<Accumulator> {
    decode_pieces::<OpenAiStream>(parts)
}

#[test]
fn decodes_content_reasoning_tools_and_usage() {
    let acc = decode(&[STREAM.as_bytes()]).unwrap();
    assert_eq!(acc.id.as_deref(), Some("c1"));
    assert_eq!(acc.content, "Héllo 🎉");
    assert_eq!(acc.reasoning, "think ");
    assert_eq!(acc.tool_calls[0].id, "call_1");
    assert_eq!(acc.tool_calls[0].arguments, "{\"q\":1}");
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    assert_eq!(acc.usage.completion_tokens, Some(7));
    assert_eq!(acc.usage.cached_tokens, Some(2));
    assert_eq!(acc.usage.reasoning_tokens, Some(1));
}

#[test]
fn every_split_decodes_identically() {
    assert_every_split_decodes_alike::<OpenAiStream>(STREAM.as_bytes());
}

#[test]
fn mid_stream_error_keeps_earlier_parts() {
    let body = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\nevent: error\ndata: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_exceeded\"}}\n\n";
    let mut dec = OpenAiStream::default();
    let mut acc = Accumulator::default();
    let err = dec.feed(body.as_bytes(), &mut acc).unwrap_err();
    assert_eq!(acc.content, "ok");
    assert_eq!(err.kind, ErrorKind::RateLimitError);
}

#[test]
fn azure_filter_chunk_and_gpt_oss_reasoning() {
    let body = "data: {\"id\":\"\",\"choices\":[],\"prompt_filter_results\":[{\"prompt_index\":0}]}\n\ndata: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"delta\":{\"reasoning\":\"r\"}}]}\n\ndata: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"delta\":{},\"finish_reason\":\"model_length\"}]}\n\n";
    let acc = decode(&[body.as_bytes()]).unwrap();
    assert_eq!(acc.reasoning, "r");
    assert_eq!(acc.finish_reason(), FinishReason::Length);
}

#[test]
fn non_streaming_completion_parses() {
    let body = br#"{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi","tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#;
    let mut acc = Accumulator::default();
    OpenAi.parse_chat(body, &mut acc).unwrap();
    assert_eq!(acc.content, "Hi");
    assert_eq!(acc.tool_calls[0].name, "f");
    assert_eq!(acc.usage.prompt_tokens, Some(3));
}
