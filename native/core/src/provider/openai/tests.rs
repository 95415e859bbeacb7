//! Tests for the OpenAI-compatible wire module: recorded streams modelled on
//! https://platform.openai.com/docs/api-reference/chat/streaming, split at every byte.

use super::*;
use crate::accumulate::Accumulator;
use crate::error::ErrorKind;
use crate::parts::FinishReason;
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

/// `n: 2` with logprobs, llama.cpp's `timings` and Groq's server times.
const MANY: &str = concat!(
    "data: {\"id\":\"c2\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A\"},\"logprobs\":{\"content\":[{\"token\":\"A\",\"logprob\":-0.1}]}},{\"index\":1,\"delta\":{\"content\":\"B\"},\"logprobs\":null}]}\n\n",
    "data: {\"id\":\"c2\",\"model\":\"m\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"}},{\"index\":0,\"delta\":{\"content\":\"a\"},\"logprobs\":{\"content\":[{\"token\":\"a\",\"logprob\":-0.2}]}}]}\n\n",
    "data: {\"id\":\"c2\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"},{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"}],\"timings\":{\"cache_n\":3,\"prompt_n\":9,\"prompt_ms\":12.5,\"prompt_per_second\":720.0,\"predicted_n\":4,\"predicted_ms\":40.0,\"predicted_per_second\":100.0}}\n\n",
    "data: {\"id\":\"c2\",\"model\":\"m\",\"choices\":[],\"x_groq\":{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":4,\"queue_time\":0.25,\"prompt_time\":0.001,\"completion_time\":0.5,\"total_time\":0.75}}}\n\n",
    "data: [DONE]\n\n",
);

#[test]
fn several_choices_logprobs_and_server_timings() {
    let acc = decode(&[MANY.as_bytes()]).unwrap();
    assert_eq!((acc.content.as_str(), acc.finish), ("Aa", Some(FinishReason::Stop)));
    let (index, one) = &acc.others[0];
    assert_eq!((*index, one.content.as_str(), one.finish), (1, "Bb", Some(FinishReason::Length)));
    let tokens: Vec<&str> = acc.logprobs.as_ref().unwrap()["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["token"].as_str().unwrap())
        .collect();
    assert_eq!(tokens, ["A", "a"]);
    assert!(one.logprobs.is_none());
    let llama = acc.server.llama_cpp.unwrap();
    assert_eq!((llama.cache_n, llama.prompt_ms, llama.predicted_per_second), (Some(3.0), Some(12.5), Some(100.0)));
    let groq = acc.server.groq.unwrap();
    assert_eq!((groq.queue_ms, groq.completion_ms, groq.total_ms), (Some(250.0), Some(500.0), Some(750.0)));
    assert_every_split_decodes_alike::<OpenAiStream>(MANY.as_bytes());
}

#[test]
fn a_choice_index_beyond_the_limit_refuses_the_reply() {
    let body = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":4000000000,\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n";
    let acc = decode(&[body.as_bytes()]).unwrap();
    assert!(acc.protocol_error.is_some());
    assert!(acc.others.is_empty());
}

#[test]
fn audio_annotations_and_refusal_pass_through_and_merge() {
    let body = concat!(
        "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"audio\":{\"id\":\"audio_1\",\"transcript\":\"Hel\",\"data\":\"AAA\"}}}]}\n\n",
        "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"audio\":{\"transcript\":\"lo\",\"data\":\"BBB\",\"expires_at\":9}},\"refusal\":null}]}\n\n",
        "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"annotations\":[{\"type\":\"url_citation\",\"url_citation\":{\"url\":\"https://x\"}}]},\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n",
    );
    let acc = decode(&[body.as_bytes()]).unwrap();
    let f = &acc.message_fields;
    assert_eq!(
        f["audio"],
        serde_json::json!({"id": "audio_1", "transcript": "Hello", "data": "AAABBB", "expires_at": 9})
    );
    assert_eq!(f["annotations"][0]["url_citation"]["url"], "https://x");
    assert!(!f.contains_key("refusal"), "null fields are not passed on");
}
