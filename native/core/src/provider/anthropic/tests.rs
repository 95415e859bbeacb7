//! Tests for the Anthropic wire module: a recorded stream modelled on
//! https://docs.anthropic.com/en/api/messages-streaming, split at every byte.

use serde_json::Value;

use super::decode::finish_reason;
use super::*;
use crate::accumulate::Accumulator;
use crate::error::ErrorKind;
use crate::parts::{FinishReason, UsagePart};
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};
use crate::provider::registry;

/// Thinking, text (accents, emoji, a JSON line padded with trailing spaces), a tool
/// call whose JSON arrives in pieces, a tool called without arguments, pings.
const STREAM: &str = concat!(
    "event: message_start\n",
    "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-20250514\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":100,\"output_tokens\":2}}}\n\n",
    "event: content_block_start\n",
    "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}\n\n",
    "event: ping\n",
    "data: {\"type\": \"ping\"}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"L'utilisateur veut la météo…\"}}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h\"}}\n\n",
    "event: content_block_stop\n",
    "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
    "event: content_block_start\n",
    "data: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Voilà, je vérifie \"}}   \n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"à Zürich 🌦️\"}}\n\n",
    "event: content_block_stop\n",
    "data: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
    "event: content_block_start\n",
    "data: {\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"name\":\"get_weather\",\"input\":{}}}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Zü\"}}\n\n",
    "event: ping\n",
    "data: {\"type\": \"ping\"}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"rich\\\"}\"}}\n\n",
    "event: content_block_stop\n",
    "data: {\"type\":\"content_block_stop\",\"index\":2}\n\n",
    "event: content_block_start\n",
    "data: {\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"get_time\",\"input\":{}}}\n\n",
    "event: content_block_delta\n",
    "data: {\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n",
    "event: content_block_stop\n",
    "data: {\"type\":\"content_block_stop\",\"index\":3}\n\n",
    "event: message_delta\n",
    "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}\n\n",
    "event: message_stop\n",
    "data: {\"type\":\"message_stop\"}\n\n",
);

fn decode(parts: &[&[u8]]) -> Result<Accumulator> {
    decode_pieces::<AnthropicStream>(parts)
}

fn ctx() -> CallContext<'static> {
    CallContext {
        spec: registry::find("anthropic").unwrap(),
        model: "claude-sonnet-4-0",
        base_url: "https://api.anthropic.com".into(),
        api_key: Some("sk-ant-test".into()),
        api_version: None,
    }
}

fn request(json: &str) -> Result<(HttpCall, Value)> {
    let call = Anthropic.chat_request(&ctx(), &CompletionParams::from_json(json)?)?;
    let body = serde_json::from_slice(call.body.as_deref().unwrap()).unwrap();
    Ok((call, body))
}

#[test]
fn decodes_thinking_text_tools_and_usage() {
    let acc = decode(&[STREAM.as_bytes()]).unwrap();
    assert_eq!(acc.id.as_deref(), Some("msg_01XFDUDYJgAACzvnptvVoYEL"));
    assert_eq!(acc.model.as_deref(), Some("claude-sonnet-4-20250514"));
    assert_eq!(acc.reasoning, "L'utilisateur veut la météo…");
    assert_eq!(acc.thinking_blocks.len(), 1);
    assert_eq!(acc.thinking_blocks[0].thinking, acc.reasoning);
    assert_eq!(acc.thinking_blocks[0].signature, "EqQBCgIYAhIM1gbcDa9GJwZA2b3h");
    assert_eq!(acc.content, "Voilà, je vérifie à Zürich 🌦️");
    assert_eq!(acc.tool_calls.len(), 2);
    assert_eq!(acc.tool_calls[0].id, "toolu_01T1x1fJ34qAmk2tNTrN7Up6");
    assert_eq!(acc.tool_calls[0].name, "get_weather");
    assert_eq!(acc.tool_calls[0].arguments, "{\"city\": \"Zürich\"}");
    assert_eq!((acc.tool_calls[1].name.as_str(), acc.tool_calls[1].arguments.as_str()), ("get_time", "{}"));
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    // Cached tokens count in prompt_tokens, as in OpenAI's usage.
    let expected = UsagePart {
        prompt_tokens: Some(572),
        completion_tokens: Some(89),
        cached_tokens: Some(100),
        reasoning_tokens: None,
        cache_creation_tokens: Some(0),
    };
    assert_eq!(acc.usage, expected);
}

#[test]
fn every_split_decodes_identically() {
    assert_every_split_decodes_alike::<AnthropicStream>(STREAM.as_bytes());
}

#[test]
fn mid_stream_error_keeps_earlier_parts() {
    let body = concat!(
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Bonjour\"}}\n\n",
        "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n",
    );
    let mut acc = Accumulator::default();
    let err = AnthropicStream::default().feed(body.as_bytes(), &mut acc).unwrap_err();
    assert_eq!(acc.content, "Bonjour");
    assert_eq!(err.kind, ErrorKind::ServiceUnavailableError);
    assert!(err.retryable());
}

#[test]
fn finish_reasons_map_like_litellm() {
    for (native, ours) in [
        ("end_turn", FinishReason::Stop),
        ("stop_sequence", FinishReason::Stop),
        ("max_tokens", FinishReason::Length),
        ("tool_use", FinishReason::ToolCalls),
        ("refusal", FinishReason::ContentFilter),
        ("pause_turn", FinishReason::Stop),
    ] {
        assert_eq!(finish_reason(native), ours, "{native}");
    }
}

#[test]
fn non_streaming_message_parses() {
    let body = br#"{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"text","text":"Je regarde."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":7}}"#;
    let mut acc = Accumulator::default();
    Anthropic.parse_chat(body, &mut acc).unwrap();
    assert_eq!((acc.reasoning.as_str(), acc.content.as_str()), ("hmm", "Je regarde."));
    assert_eq!((acc.thinking_blocks[0].thinking.as_str(), acc.thinking_blocks[0].signature.as_str()), ("hmm", "s"));
    assert_eq!(acc.tool_calls[0].arguments, "{\"city\":\"Paris\"}");
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    assert_eq!(
        (acc.usage.prompt_tokens, acc.usage.completion_tokens, acc.usage.cached_tokens),
        (Some(15), Some(7), Some(5))
    );
}

#[test]
fn request_lifts_system_merges_turns_and_maps_tools() {
    let (call, body) = request(
        r#"{"model":"anthropic/claude-sonnet-4-0","stream":true,"stop":"FIN","user":"u-1","messages":[
            {"role":"system","content":"Sois bref."},
            {"role":"developer","content":[{"type":"text","text":"Réponds en français."}]},
            {"role":"user","content":"Météo ?"},
            {"role":"user","content":[{"type":"image_url","image_url":"data:image/png;base64,iVBORw0KGgo="},{"type":"image_url","image_url":{"url":"https://example.com/a.jpg"}}]},
            {"role":"assistant","content":"","tool_calls":[{"id":"t1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"t2","type":"function","function":{"name":"get_time","arguments":""}}]},
            {"role":"tool","tool_call_id":"t1","content":"18°C"},
            {"role":"tool","tool_call_id":"t2","content":"12:00"},
            {"role":"user","content":"Merci"}],
          "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},{"type":"function","function":{"name":"get_time"}}],
          "tool_choice":{"type":"function","function":{"name":"get_weather"}}}"#,
    )
    .unwrap();
    assert_eq!(call.url, "https://api.anthropic.com/v1/messages");
    assert!(call.headers.contains(&("x-api-key", "sk-ant-test".into())));
    assert!(call.headers.contains(&("anthropic-version", "2023-06-01".into())));
    assert_eq!(body["system"], "Sois bref.\n\nRéponds en français.");
    assert_eq!(body["max_tokens"], 4096);
    assert_eq!(body["stream"], true);
    assert_eq!(body["stop_sequences"], serde_json::json!(["FIN"]));
    assert_eq!(body["metadata"]["user_id"], "u-1");
    let msgs = body["messages"].as_array().unwrap();
    let roles: Vec<&str> = msgs.iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["user", "assistant", "user"]);
    assert_eq!(msgs[0]["content"][0], serde_json::json!({"type":"text","text":"Météo ?"}));
    assert_eq!(
        msgs[0]["content"][1]["source"],
        serde_json::json!({"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="})
    );
    assert_eq!(msgs[0]["content"][2]["source"], serde_json::json!({"type":"url","url":"https://example.com/a.jpg"}));
    // The empty assistant text is dropped; arguments become objects.
    assert_eq!(
        msgs[1]["content"][0],
        serde_json::json!({"type":"tool_use","id":"t1","name":"get_weather","input":{"city":"Paris"}})
    );
    assert_eq!(msgs[1]["content"][1]["input"], serde_json::json!({}));
    // Both tool results and the next user message form one user turn.
    assert_eq!(msgs[2]["content"][0], serde_json::json!({"type":"tool_result","tool_use_id":"t1","content":"18°C"}));
    assert_eq!(msgs[2]["content"][1]["tool_use_id"], "t2");
    assert_eq!(msgs[2]["content"][2], serde_json::json!({"type":"text","text":"Merci"}));
    assert_eq!(body["tools"][0]["input_schema"]["properties"]["city"]["type"], "string");
    assert_eq!(body["tools"][1]["input_schema"], serde_json::json!({"type":"object","properties":{}}));
    assert_eq!(body["tool_choice"], serde_json::json!({"type":"tool","name":"get_weather"}));
}

#[test]
fn simple_request_uses_string_content_and_maps_choice() {
    let (_, body) = request(
        r#"{"model":"m","max_tokens":100,"tool_choice":"required","messages":[{"role":"user","content":"Hi"}]}"#,
    )
    .unwrap();
    assert_eq!(body["messages"], serde_json::json!([{"role":"user","content":"Hi"}]));
    assert_eq!(body["max_tokens"], 100);
    assert_eq!(body["tool_choice"], serde_json::json!({"type":"any"}));
    assert!(body.get("system").is_none() && body.get("stream").is_none());
}

#[test]
fn reasoning_effort_enables_thinking_within_max_tokens() {
    let (_, body) =
        request(r#"{"model":"m","reasoning_effort":"high","messages":[{"role":"user","content":"Hi"}]}"#).unwrap();
    assert_eq!(body["thinking"], serde_json::json!({"type":"enabled","budget_tokens":4096}));
    assert_eq!(body["max_tokens"], 8192);
    let (_, body) = request(
        r#"{"model":"m","reasoning_effort":"low","max_tokens":500,"messages":[{"role":"user","content":"Hi"}]}"#,
    )
    .unwrap();
    assert_eq!((body["thinking"]["budget_tokens"].as_u64(), body["max_tokens"].as_u64()), (Some(1024), Some(1524)));
    let err = request(r#"{"model":"m","reasoning_effort":"extreme","messages":[{"role":"user","content":"Hi"}]}"#)
        .unwrap_err();
    assert!(err.message.contains("reasoning_effort"));
}

#[test]
fn unsupported_params_rejected_unless_dropped() {
    let err = request(r#"{"model":"m","seed":1,"messages":[{"role":"user","content":"Hi"}]}"#).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadRequestError);
    assert!(err.message.contains("seed") && err.message.contains("drop_params"), "{}", err.message);
    let (_, body) = request(r#"{"model":"m","seed":1,"frequency_penalty":0.5,"drop_params":true,"messages":[{"role":"user","content":"Hi"}]}"#).unwrap();
    assert!(body.get("seed").is_none() && body.get("frequency_penalty").is_none());
}

#[test]
fn error_bodies_and_models() {
    let body = br#"{"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}"#;
    assert_eq!(Anthropic.error_message(body).as_deref(), Some("model: claude-nope"));
    let call = Anthropic.models_request(&ctx()).unwrap();
    assert!(call.url.starts_with("https://api.anthropic.com/v1/models"));
    let models = Anthropic
        .parse_models(br#"{"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4","created_at":"2025-05-22T00:00:00Z"}],"has_more":false}"#)
        .unwrap();
    assert_eq!(
        models,
        vec![ModelInfo { id: "claude-sonnet-4-20250514".into(), display_name: Some("Claude Sonnet 4".into()) }]
    );
}

#[test]
fn signed_thinking_goes_back_first_in_the_assistant_turn() {
    let (_, body) = request(
        r#"{"model":"anthropic/claude-x","messages":[
            {"role":"user","content":"Weather?"},
            {"role":"assistant","content":"","thinking_blocks":[{"type":"thinking","thinking":"hmm","signature":"sig-1"}],
             "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
            {"role":"tool","tool_call_id":"toolu_1","content":"sunny"}],"reasoning_effort":"low"}"#,
    )
    .unwrap();
    let assistant = &body["messages"][1]["content"];
    assert_eq!(assistant[0], serde_json::json!({"type": "thinking", "thinking": "hmm", "signature": "sig-1"}));
    assert_eq!(assistant[1]["type"], "tool_use");
}
