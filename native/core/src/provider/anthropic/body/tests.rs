//! Tests of the Anthropic request body: prompt caching and LiteLLM's parameters.

use serde_json::json;

use super::*;

fn body(json: &str) -> Value {
    let p = CompletionParams::from_json(json).unwrap();
    serde_json::to_value(Body::new("claude", &p).unwrap()).unwrap()
}

#[test]
fn cache_control_reaches_system_blocks_messages_parts_and_tools() {
    let b = body(
        r#"{"model":"anthropic/claude","messages":[
            {"role":"system","content":[{"type":"text","text":"long rules","cache_control":{"type":"ephemeral"}}]},
            {"role":"user","content":"doc","cache_control":{"type":"ephemeral","ttl":"1h"}},
            {"role":"assistant","content":"ok"},
            {"role":"user","content":[{"type":"text","text":"q1"},{"type":"text","text":"q2","cache_control":{"type":"ephemeral"}}]}],
          "tools":[{"type":"function","function":{"name":"f"},"cache_control":{"type":"ephemeral"}}]}"#,
    );
    assert_eq!(b["system"], json!([{"type": "text", "text": "long rules", "cache_control": {"type": "ephemeral"}}]));
    assert_eq!(
        b["messages"][0]["content"],
        json!([{"type": "text", "text": "doc", "cache_control": {"type": "ephemeral", "ttl": "1h"}}])
    );
    assert_eq!(b["messages"][1]["content"], json!("ok"), "no breakpoint: the short form");
    assert_eq!(
        b["messages"][2]["content"],
        json!([{"type": "text", "text": "q1"}, {"type": "text", "text": "q2", "cache_control": {"type": "ephemeral"}}])
    );
    assert_eq!(b["tools"][0]["cache_control"], json!({"type": "ephemeral"}));
    let plain = body(
        r#"{"model":"anthropic/claude","messages":[{"role":"system","content":"s"},{"role":"user","content":"u"}]}"#,
    );
    assert_eq!(plain["system"], json!("s"));
}

#[test]
fn litellm_parameters_map_to_anthropic_fields() {
    let b = body(
        r#"{"model":"anthropic/claude","messages":[{"role":"user","content":"u"}],
          "tools":[{"type":"function","function":{"name":"f"}}],"parallel_tool_calls":false,
          "web_search_options":{"search_context_size":"high","user_location":{"type":"approximate","approximate":{"city":"Paris"}}},
          "thinking":{"type":"enabled","budget_tokens":2000},"max_tokens":100,
          "service_tier":"auto","metadata":{"user_id":"u-1"}}"#,
    );
    assert_eq!(b["tool_choice"], json!({"type": "auto", "disable_parallel_tool_use": true}));
    assert_eq!(
        b["tools"][1],
        json!({"type": "web_search_20250305", "name": "web_search", "max_uses": 10,
               "user_location": {"type": "approximate", "city": "Paris"}})
    );
    assert_eq!(b["thinking"], json!({"type": "enabled", "budget_tokens": 2000}));
    assert_eq!(b["max_tokens"], 2100, "the visible allowance stays on top of the budget");
    assert_eq!((b["service_tier"].clone(), b["metadata"].clone()), (json!("auto"), json!({"user_id": "u-1"})));
}

#[test]
fn openai_only_parameters_are_refused_or_dropped() {
    for extra in [
        r#""n":2"#,
        r#""logprobs":true"#,
        r#""logit_bias":{"1":1}"#,
        r#""prediction":{"type":"content","content":"x"}"#,
    ] {
        let json = format!(r#"{{"model":"anthropic/claude","messages":[{{"role":"user","content":"u"}}],{extra}}}"#);
        let p = CompletionParams::from_json(&json).unwrap();
        let err = Body::new("claude", &p).err().expect(extra);
        assert!(err.message.contains("drop_params"), "{}", err.message);
        let dropped = json.replacen('{', r#"{"drop_params":true,"#, 1);
        let p = CompletionParams::from_json(&dropped).unwrap();
        let b = serde_json::to_value(Body::new("claude", &p).unwrap()).unwrap();
        let name = extra.split('"').nth(1).unwrap();
        assert!(b.get(name).is_none(), "{name} dropped");
    }
}
