//! Tests for the Ollama wire module: a recorded NDJSON stream modelled on
//! https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-streaming,
//! split at every byte.

use serde_json::json;

use super::*;
use crate::accumulate::Accumulator;
use crate::error::ErrorKind;
use crate::parts::FinishReason;
use crate::provider::decoder_test_util::{assert_every_split_decodes_alike, decode_pieces};
use crate::provider::registry;

/// Thinking, text with accents and emoji, a whole tool call, the final timing line.
const STREAM: &str = concat!(
    "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-06-01T10:00:00.123456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"L'utilisateur veut… \"},\"done\":false}\n",
    "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-06-01T10:00:00.223456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Ça marche : \"},\"done\":false}\n",
    "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-06-01T10:00:00.323456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"crème brûlée 🍮\"},\"done\":false}\r\n",
    "\n",
    "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-06-01T10:00:00.423456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}}]},\"done\":false}\n",
    "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-06-01T10:00:00.523456Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,\"load_duration\":1334875,\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,\"eval_count\":282,\"eval_duration\":4535599000}\n",
);

fn decode(parts: &[&[u8]]) -> Result<Accumulator> {
    decode_pieces::<OllamaStream>(parts)
}

fn ctx(key: Option<&str>) -> CallContext<'static> {
    CallContext {
        spec: registry::find("ollama").unwrap(),
        model: "qwen3:8b",
        base_url: "http://localhost:11434".into(),
        api_key: key.map(str::to_owned),
        api_version: None,
    }
}

fn request(json: &str) -> Result<(HttpCall, Value)> {
    let call = Ollama.chat_request(&ctx(None), &CompletionParams::from_json(json)?)?;
    let body = serde_json::from_slice(call.body.as_deref().unwrap()).unwrap();
    Ok((call, body))
}

#[test]
fn decodes_thinking_text_tool_call_and_timings() {
    let acc = decode(&[STREAM.as_bytes()]).unwrap();
    assert_eq!(acc.id.as_deref(), Some("ollama-2025-06-01T10:00:00.123456Z"));
    assert_eq!(acc.model.as_deref(), Some("qwen3:8b"));
    assert_eq!(acc.reasoning, "L'utilisateur veut… ");
    assert_eq!(acc.content, "Ça marche : crème brûlée 🍮");
    let call = &acc.tool_calls[0];
    assert_eq!(
        (call.id.as_str(), call.name.as_str(), call.arguments.as_str()),
        ("call_0", "get_weather", r#"{"city":"Zürich"}"#)
    );
    assert_eq!(acc.finish_reason(), FinishReason::ToolCalls);
    assert_eq!((acc.usage.prompt_tokens, acc.usage.completion_tokens), (Some(26), Some(282)));
    let timings = acc.ollama.unwrap();
    assert_eq!((timings.eval_count, timings.eval_duration, timings.load_duration), (282, 4535599000, 1334875));
    assert_eq!(timings.total_duration, 4883583458);
}

#[test]
fn every_split_decodes_identically() {
    assert_every_split_decodes_alike::<OllamaStream>(STREAM.as_bytes());
}

#[test]
fn mid_stream_error_keeps_earlier_parts() {
    let body = "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"Déjà\"},\"done\":false}\n{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n";
    let mut acc = Accumulator::default();
    let err = OllamaStream::default().feed(body.as_bytes(), &mut acc).unwrap_err();
    assert_eq!(acc.content, "Déjà");
    assert_eq!(err.kind, ErrorKind::InternalServerError);
    assert!(err.message.contains("unexpected EOF"));
}

#[test]
fn finish_reasons_and_unterminated_last_line() {
    for (native, ours) in [
        ("stop", FinishReason::Stop),
        ("length", FinishReason::Length),
        ("load", FinishReason::Stop),
        ("new", FinishReason::Stop),
    ] {
        let line = format!("{{\"model\":\"m\",\"message\":{{\"role\":\"assistant\",\"content\":\"\"}},\"done\":true,\"done_reason\":\"{native}\"}}");
        // No trailing newline: the decoder must flush the last line at finish.
        let acc = decode(&[line.as_bytes()]).unwrap();
        assert_eq!(acc.finish, Some(ours), "{native}");
    }
}

#[test]
fn non_streaming_response_parses() {
    let body = r#"{"model":"llama3.2","created_at":"2023-12-12T14:13:43.416799Z","message":{"role":"assistant","content":"Bonjour à vous","tool_calls":[{"id":"call_x","function":{"index":0,"name":"f","arguments":{"a":1}}}]},"done":true,"done_reason":"length","total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":26,"prompt_eval_duration":383809000,"eval_count":298,"eval_duration":4799921000}"#;
    let mut acc = Accumulator::default();
    Ollama.parse_chat(body.as_bytes(), &mut acc).unwrap();
    assert_eq!(acc.content, "Bonjour à vous");
    assert_eq!((acc.tool_calls[0].id.as_str(), acc.tool_calls[0].arguments.as_str()), ("call_x", r#"{"a":1}"#));
    assert_eq!(acc.finish_reason(), FinishReason::Length);
    assert_eq!(acc.ollama.unwrap().prompt_eval_duration, 383809000);
}

#[test]
fn request_sets_options_stream_and_messages() {
    let (call, body) = request(
        r#"{"model":"ollama/qwen3:8b","temperature":0.3,"top_p":0.8,"max_completion_tokens":64,"seed":42,"stop":"FIN","frequency_penalty":0.2,
          "reasoning_effort":"low","response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object"}}},
          "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
          "messages":[
            {"role":"developer","content":"Sois bref."},
            {"role":"user","content":[{"type":"text","text":"Que vois-tu ? "},{"type":"image_url","image_url":"data:image/png;base64,iVBORw0KGgo="},{"type":"text","text":"Décris."}]},
            {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Zürich\"}"}}]},
            {"role":"tool","tool_call_id":"c1","content":"18°C"}]}"#,
    )
    .unwrap();
    assert_eq!(call.url, "http://localhost:11434/api/chat");
    assert!(!call.headers.iter().any(|(name, _)| *name == "authorization"));
    // Ollama streams by default, so `false` must be explicit.
    assert_eq!(body["stream"], false);
    assert_eq!(
        body["options"],
        json!({"temperature":0.3,"top_p":0.8,"num_predict":64,"seed":42,"stop":["FIN"],"frequency_penalty":0.2})
    );
    assert_eq!((body["think"].clone(), body["format"].clone()), (json!(true), json!({"type":"object"})));
    assert_eq!(body["tools"][0]["function"]["name"], "get_weather");
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(msgs[0], json!({"role":"system","content":"Sois bref."}));
    assert_eq!(msgs[1], json!({"role":"user","content":"Que vois-tu ? Décris.","images":["iVBORw0KGgo="]}));
    assert_eq!(msgs[2]["tool_calls"], json!([{"function":{"name":"get_weather","arguments":{"city":"Zürich"}}}]));
    assert_eq!(msgs[3], json!({"role":"tool","content":"18°C","tool_name":"get_weather"}));
}

#[test]
fn minimal_request_and_bearer_key() {
    let params = CompletionParams::from_json(r#"{"model":"m","stream":true,"response_format":{"type":"json_object"},"messages":[{"role":"user","content":"Hi"}]}"#).unwrap();
    let call = Ollama.chat_request(&ctx(Some("tok")), &params).unwrap();
    assert!(call.headers.contains(&("authorization", "Bearer tok".into())));
    let body: Value = serde_json::from_slice(call.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"model":"qwen3:8b","messages":[{"role":"user","content":"Hi"}],"stream":true,"format":"json"})
    );
}

#[test]
fn unsupported_inputs_fail_clearly() {
    let err =
        request(r#"{"model":"m","tool_choice":"required","messages":[{"role":"user","content":"Hi"}]}"#).unwrap_err();
    assert!(err.message.contains("tool_choice") && err.message.contains("drop_params"), "{}", err.message);
    assert!(request(
        r#"{"model":"m","tool_choice":"required","drop_params":true,"messages":[{"role":"user","content":"Hi"}]}"#
    )
    .is_ok());
    let (_, body) = request(r#"{"model":"m","tool_choice":"none","tools":[{"type":"function","function":{"name":"f"}}],"messages":[{"role":"user","content":"Hi"}]}"#).unwrap();
    assert!(body.get("tools").is_none());
    let err = request(
        r#"{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":"https://x/a.png"}]}]}"#,
    )
    .unwrap_err();
    assert!(err.message.contains("data: URL"), "{}", err.message);
}

#[test]
fn error_bodies_and_models() {
    assert_eq!(
        Ollama.error_message(br#"{"error":"model 'nope' not found"}"#).as_deref(),
        Some("model 'nope' not found")
    );
    assert_eq!(Ollama.models_request(&ctx(None)).unwrap().url, "http://localhost:11434/api/tags");
    let models = Ollama
        .parse_models(br#"{"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","size":2019393189,"details":{"family":"llama"}}]}"#)
        .unwrap();
    assert_eq!(models, vec![ModelInfo { id: "llama3.2:latest".into(), display_name: None }]);
}

#[test]
fn odd_shapes_are_skipped_and_the_rest_decodes() {
    // Arguments as a JSON string (as OpenAI-style servers send them), a call without
    // a name, a message that is not an object, a duration that is not a number.
    let body = concat!(
        "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"Voilà \",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"q\\\":\\\"ü\\\"}\"}},{\"function\":{\"arguments\":{}}},{\"function\":{\"name\":\"g\"}}]},\"done\":false}\n",
        "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":[\"odd\"],\"thinking\":7},\"done\":false}\n",
        "{\"model\":\"m\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"✔\"},\"done\":true,\"done_reason\":\"stop\",\"eval_count\":3,\"eval_duration\":\"fast\",\"prompt_eval_count\":2}\n",
    );
    assert_every_split_decodes_alike::<OllamaStream>(body.as_bytes());
    let acc = decode(&[body.as_bytes()]).unwrap();
    assert_eq!(acc.content, "Voilà ✔");
    let calls: Vec<_> = acc.tool_calls.iter().map(|c| (c.name.as_str(), c.arguments.as_str())).collect();
    assert_eq!(calls, [("f", r#"{"q":"ü"}"#), ("g", "{}")]);
    assert_eq!((acc.usage.prompt_tokens, acc.usage.completion_tokens), (Some(2), Some(3)));
    assert_eq!(acc.ollama.unwrap().eval_duration, 0);
}

#[test]
fn an_error_object_is_still_an_error() {
    let body = b"{\"error\":{\"message\":\"model requires more system memory\"}}\n";
    let err = decode(&[body]).unwrap_err();
    assert_eq!(err.message, "model requires more system memory");
}
