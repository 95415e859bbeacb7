//! Tests for the Gemini wire module: a recorded `alt=sse` stream modelled on
//! https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent,
//! split at every byte.

use serde_json::json;

use super::decode::finish_reason;
use super::*;
use crate::accumulate::Accumulator;
use crate::error::ErrorKind;
use crate::parts::{FinishReason, UsagePart};
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};
use crate::provider::registry;

/// CRLF separators; a thought part; usage repeated with growing counts; one event
/// with text and two whole function calls.
const STREAM: &str = concat!(
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"**Réfléchir** au café\",\"thought\": true}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 12,\"totalTokenCount\": 35,\"thoughtsTokenCount\": 23},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Xk9aaM2aBqeWvdIPq4KE2Ac\"}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Le café crème ☕ coûte \"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 12,\"candidatesTokenCount\": 5,\"totalTokenCount\": 40,\"thoughtsTokenCount\": 23},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Xk9aaM2aBqeWvdIPq4KE2Ac\"}\r\n\r\n",
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"3,50 € à Zürich 🇨🇭.\"},{\"functionCall\": {\"name\": \"get_price\",\"args\": {\"item\": \"crème brûlée\",\"qty\": 2}}},{\"functionCall\": {\"name\": \"get_time\",\"args\": {}}}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 12,\"candidatesTokenCount\": 20,\"totalTokenCount\": 59,\"thoughtsTokenCount\": 23,\"cachedContentTokenCount\": 4},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"Xk9aaM2aBqeWvdIPq4KE2Ac\"}\r\n\r\n",
);

fn decode(parts: &[&[u8]]) -> Result<Accumulator> {
    decode_pieces::<GeminiStream>(parts)
}

fn ctx(model: &'static str) -> CallContext<'static> {
    CallContext {
        spec: registry::find("gemini").unwrap(),
        model,
        base_url: "https://generativelanguage.googleapis.com".into(),
        api_key: Some("AIzaTestKey123".into()),
        api_version: None,
    }
}

fn request(model: &'static str, json: &str) -> Result<(HttpCall, Value)> {
    let call = Gemini.chat_request(&ctx(model), &CompletionParams::from_json(json)?)?;
    let body = serde_json::from_slice(call.body.as_deref().unwrap()).unwrap();
    Ok((call, body))
}

#[test]
fn decodes_thoughts_text_calls_and_usage() {
    let acc = decode(&[STREAM.as_bytes()]).unwrap();
    assert_eq!(acc.id.as_deref(), Some("Xk9aaM2aBqeWvdIPq4KE2Ac"));
    assert_eq!(acc.model.as_deref(), Some("gemini-2.5-flash"));
    assert_eq!(acc.reasoning, "**Réfléchir** au café");
    assert_eq!(acc.content, "Le café crème ☕ coûte 3,50 € à Zürich 🇨🇭.");
    let calls: Vec<_> = acc.tool_calls.iter().map(|c| (c.id.as_str(), c.name.as_str(), c.arguments.as_str())).collect();
    assert_eq!(calls, [("call_0", "get_price", r#"{"item":"crème brûlée","qty":2}"#), ("call_1", "get_time", "{}")]);
    // Gemini says STOP for calls; the accumulator reports tool_calls.
    assert_eq!(acc.finish, Some(FinishReason::Stop));
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    let expected = UsagePart {
        prompt_tokens: Some(12),
        completion_tokens: Some(43),
        cached_tokens: Some(4),
        reasoning_tokens: Some(23),
        cache_creation_tokens: None,
    };
    assert_eq!(acc.usage, expected);
}

#[test]
fn every_split_decodes_identically() {
    assert_every_split_decodes_alike::<GeminiStream>(STREAM.as_bytes());
}

#[test]
fn mid_stream_error_keeps_earlier_parts() {
    let body = concat!(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Déjà\"}],\"role\": \"model\"}}]}\r\n\r\n",
        "data: {\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted (e.g. check quota).\", \"status\": \"RESOURCE_EXHAUSTED\"}}\r\n\r\n",
    );
    let mut acc = Accumulator::default();
    let err = GeminiStream::default().feed(body.as_bytes(), &mut acc).unwrap_err();
    assert_eq!(acc.content, "Déjà");
    assert_eq!(err.kind, ErrorKind::RateLimitError);
}

#[test]
fn finish_reasons_map_like_litellm() {
    for (native, ours) in [
        ("STOP", FinishReason::Stop),
        ("MAX_TOKENS", FinishReason::Length),
        ("SAFETY", FinishReason::ContentFilter),
        ("RECITATION", FinishReason::ContentFilter),
        ("PROHIBITED_CONTENT", FinishReason::ContentFilter),
        ("IMAGE_SAFETY", FinishReason::ContentFilter),
        ("MALFORMED_FUNCTION_CALL", FinishReason::Stop),
        ("SOMETHING_NEW", FinishReason::Stop),
    ] {
        assert_eq!(finish_reason(native), ours, "{native}");
    }
    let blocked =
        br#"{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}"#;
    let mut acc = Accumulator::default();
    Gemini.parse_chat(blocked, &mut acc).unwrap();
    assert_eq!((acc.finish, acc.usage.prompt_tokens), (Some(FinishReason::ContentFilter), Some(8)));
}

#[test]
fn non_streaming_response_parses() {
    let body = r#"{"candidates":[{"content":{"parts":[{"text":"Voici."},{"functionCall":{"id":"fc-7","name":"lookup","args":{"q":"ü"}}}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":9,"totalTokenCount":12},"modelVersion":"gemini-2.5-pro","responseId":"r1"}"#;
    let mut acc = Accumulator::default();
    Gemini.parse_chat(body.as_bytes(), &mut acc).unwrap();
    assert_eq!((acc.id.as_deref(), acc.content.as_str()), (Some("r1"), "Voici."));
    assert_eq!((acc.tool_calls[0].id.as_str(), acc.tool_calls[0].arguments.as_str()), ("fc-7", r#"{"q":"ü"}"#));
    assert_eq!(acc.finish_reason(), FinishReason::Length);
    assert_eq!((acc.usage.completion_tokens, acc.usage.reasoning_tokens), (Some(9), None));
}

#[test]
fn request_translates_roles_system_config_and_tools() {
    let (call, body) = request(
        "gemini-2.5-flash",
        r#"{"model":"gemini/gemini-2.5-flash","stream":true,"temperature":0.2,"top_p":0.9,"max_tokens":256,"stop":["FIN"],"seed":7,
          "presence_penalty":0.1,"reasoning_effort":"medium",
          "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","additionalProperties":false}}},
          "messages":[
            {"role":"system","content":"Sois bref."},
            {"role":"user","content":[{"type":"text","text":"Prix ?"},{"type":"image_url","image_url":"data:image/jpeg;base64,/9j/4AAQ"},{"type":"image_url","image_url":"https://example.com/menu.png?x=1"}]},
            {"role":"assistant","content":null,"tool_calls":[{"id":"a","type":"function","function":{"name":"get_price","arguments":"{\"item\":\"café\"}"}},{"id":"b","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
            {"role":"tool","tool_call_id":"a","content":"{\"price\":3.5}"},
            {"role":"tool","tool_call_id":"b","content":"midi"},
            {"role":"user","content":"Merci"}],
          "tools":[{"type":"function","function":{"name":"get_price","description":"Price","parameters":{"type":"object","properties":{"item":{"type":"string"}},"additionalProperties":false}}}],
          "tool_choice":{"type":"function","function":{"name":"get_price"}}}"#,
    )
    .unwrap();
    assert_eq!(
        call.url,
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    );
    assert!(!call.url.contains("AIza") && !call.url.contains("key="));
    assert!(call.headers.contains(&("x-goog-api-key", "AIzaTestKey123".into())));
    assert_eq!(body["systemInstruction"], json!({"parts":[{"text":"Sois bref."}]}));
    let contents = body["contents"].as_array().unwrap();
    let roles: Vec<&str> = contents.iter().map(|c| c["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["user", "model", "user"]);
    assert_eq!(contents[0]["parts"][1], json!({"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQ"}}));
    assert_eq!(
        contents[0]["parts"][2],
        json!({"fileData":{"mimeType":"image/png","fileUri":"https://example.com/menu.png?x=1"}})
    );
    assert_eq!(contents[1]["parts"][0], json!({"functionCall":{"name":"get_price","args":{"item":"café"}}}));
    assert_eq!(contents[2]["parts"][0], json!({"functionResponse":{"name":"get_price","response":{"price":3.5}}}));
    assert_eq!(contents[2]["parts"][1], json!({"functionResponse":{"name":"get_time","response":{"content":"midi"}}}));
    assert_eq!(contents[2]["parts"][2], json!({"text":"Merci"}));
    let config = &body["generationConfig"];
    assert_eq!((config["temperature"].as_f64(), config["topP"].as_f64()), (Some(0.2), Some(0.9)));
    assert_eq!((config["maxOutputTokens"].as_u64(), config["seed"].as_i64()), (Some(256), Some(7)));
    assert_eq!((config["stopSequences"].clone(), config["presencePenalty"].as_f64()), (json!(["FIN"]), Some(0.1)));
    assert_eq!(config["responseMimeType"], "application/json");
    assert_eq!(config["responseJsonSchema"], json!({"type":"object","additionalProperties":false}));
    assert_eq!(config["thinkingConfig"], json!({"thinkingBudget":2048,"includeThoughts":true}));
    assert_eq!(
        body["tools"][0]["functionDeclarations"][0]["parametersJsonSchema"]["properties"]["item"]["type"],
        "string"
    );
    assert_eq!(
        body["toolConfig"],
        json!({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_price"]}})
    );
}

#[test]
fn non_streaming_url_and_minimal_body() {
    let (call, body) = request("gemini-2.5-flash", r#"{"model":"m","response_format":{"type":"json_object"},"tool_choice":"none","messages":[{"role":"user","content":"Hi"}]}"#).unwrap();
    assert!(call.url.ends_with("/v1beta/models/gemini-2.5-flash:generateContent"));
    assert_eq!(body["contents"], json!([{"role":"user","parts":[{"text":"Hi"}]}]));
    assert_eq!(body["generationConfig"], json!({"responseMimeType":"application/json"}));
    assert_eq!(body["toolConfig"]["functionCallingConfig"]["mode"], "NONE");
    assert!(body.get("systemInstruction").is_none() && body.get("tools").is_none());
}

#[test]
fn gemini_3_replayed_calls_carry_a_signature() {
    let messages = r#"{"model":"m","messages":[{"role":"user","content":"a"},{"role":"assistant","tool_calls":[{"id":"x","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"y","type":"function","function":{"name":"g","arguments":"{}"}}]},{"role":"tool","tool_call_id":"x","content":"1"},{"role":"tool","tool_call_id":"y","content":"2"}]}"#;
    let (_, body) = request("gemini-3-pro-preview", messages).unwrap();
    assert_eq!(body["contents"][1]["parts"][0]["thoughtSignature"], "skip_thought_signature_validator");
    assert!(body["contents"][1]["parts"][1].get("thoughtSignature").is_none());
    let (_, body) = request("gemini-2.5-flash", messages).unwrap();
    assert!(body["contents"][1]["parts"][0].get("thoughtSignature").is_none());
}

#[test]
fn unanswerable_tool_message_and_unsupported_params_fail() {
    let err = request(
        "gemini-2.5-flash",
        r#"{"model":"m","messages":[{"role":"tool","tool_call_id":"nope","content":"1"}]}"#,
    )
    .unwrap_err();
    assert!(err.message.contains("nope"), "{}", err.message);
    let err = request("gemini-2.5-flash", r#"{"model":"m","user":"u","messages":[{"role":"user","content":"Hi"}]}"#)
        .unwrap_err();
    assert!(err.message.contains("`user`"), "{}", err.message);
    assert!(request(
        "gemini-2.5-flash",
        r#"{"model":"m","user":"u","drop_params":true,"messages":[{"role":"user","content":"Hi"}]}"#
    )
    .is_ok());
}

#[test]
fn error_bodies_and_models() {
    let wrapped = br#"[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}]"#;
    assert_eq!(Gemini.error_message(wrapped).as_deref(), Some("API key not valid. Please pass a valid API key."));
    assert_eq!(
        Gemini.error_message(br#"{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}"#).as_deref(),
        Some("not found")
    );
    let call = Gemini.models_request(&ctx("x")).unwrap();
    assert!(
        call.url.starts_with("https://generativelanguage.googleapis.com/v1beta/models") && !call.url.contains("AIza")
    );
    let models = Gemini
        .parse_models(br#"{"models":[{"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash","supportedGenerationMethods":["generateContent"]}],"nextPageToken":"t"}"#)
        .unwrap();
    assert_eq!(
        models,
        vec![ModelInfo { id: "gemini-2.5-flash".into(), display_name: Some("Gemini 2.5 Flash".into()) }]
    );
}

#[test]
fn several_candidates_become_choices() {
    let body = concat!(
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}],\"role\":\"model\"},\"index\":0},{\"content\":{\"parts\":[{\"text\":\"B\"}],\"role\":\"model\"},\"index\":1}],\"responseId\":\"r\",\"modelVersion\":\"g\"}\r\n\r\n",
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0},{\"content\":{\"parts\":[{\"text\":\"b\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\",\"index\":1}],\"usageMetadata\":{\"promptTokenCount\":2,\"candidatesTokenCount\":4,\"totalTokenCount\":6}}\r\n\r\n",
    );
    let acc = crate::provider::decoder_test_util::decode_pieces::<GeminiStream>(&[body.as_bytes()]).unwrap();
    assert_eq!((acc.content.as_str(), acc.finish), ("Aa", Some(FinishReason::Stop)));
    let (index, other) = &acc.others[0];
    assert_eq!((*index, other.content.as_str(), other.finish), (1, "Bb", Some(FinishReason::Length)));
    crate::provider::decoder_test_util::assert_every_split_decodes_alike::<GeminiStream>(body.as_bytes());
}

#[test]
fn logprobs_result_becomes_openai_logprobs() {
    let body = concat!(
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"index\":0,",
        "\"logprobsResult\":{\"chosenCandidates\":[{\"token\":\"Hi\",\"tokenId\":1,\"logProbability\":-0.25}],",
        "\"topCandidates\":[{\"candidates\":[{\"token\":\"Hi\",\"logProbability\":-0.25},{\"token\":\"Yo\",\"logProbability\":-2.5}]}]}}],",
        "\"responseId\":\"r\",\"modelVersion\":\"g\"}\r\n\r\n",
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}\r\n\r\n",
    );
    let acc = crate::provider::decoder_test_util::decode_pieces::<GeminiStream>(&[body.as_bytes()]).unwrap();
    let lp = acc.logprobs.unwrap();
    assert_eq!(lp["content"][0]["token"], "Hi");
    assert_eq!(lp["content"][0]["logprob"], -0.25);
    assert_eq!(lp["content"][0]["top_logprobs"][1]["token"], "Yo");
    assert_eq!(lp["content"][0]["bytes"], serde_json::json!([72, 105]));
}
