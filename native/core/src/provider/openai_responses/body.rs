//! `completion()` parameters as a Responses API request (the bridge LiteLLM runs
//! for `openai/responses/<model>` and Responses-only models): messages become
//! input items, tool calls `function_call` items, tool results
//! `function_call_output` items; `reasoning_effort` becomes
//! `reasoning: {effort, summary: "auto"}` so the summaries stream back as
//! `reasoning_content`.
//! Wire reference: https://platform.openai.com/docs/api-reference/responses/create

use serde_json::{json, Map, Value};

use crate::error::Result;
use crate::provider::body_extras::{body_bytes, Unknown};
use crate::provider::reject_unsupported;
use crate::provider::translate::ToolChoice;
use crate::request::{CompletionParams, Content, ContentPart, Message, Role};

/// The request body as JSON bytes.
pub(crate) fn body(model: &str, p: &CompletionParams) -> Result<Vec<u8>> {
    reject_unsupported(
        "the Responses API bridge",
        p.drop_params,
        &[
            ("n", p.many_choices()),
            ("logprobs", p.logprobs == Some(true)),
            ("top_logprobs", p.top_logprobs.is_some()),
            ("logit_bias", p.logit_bias.is_some()),
            ("seed", p.seed.is_some()),
            ("stop", p.stop.is_some()),
            ("presence_penalty", p.presence_penalty.is_some()),
            ("frequency_penalty", p.frequency_penalty.is_some()),
            ("prediction", p.prediction.is_some()),
            ("modalities", p.non_text_modalities()),
            ("audio", p.audio.is_some()),
            ("thinking", p.thinking.is_some()),
            ("web_search_options", p.web_search_options.is_some()),
            ("cache_control", p.has_cache_control()),
        ],
    )?;
    let mut b = Map::new();
    b.insert("model".into(), json!(model));
    b.insert("input".into(), Value::Array(input_items(&p.messages)));
    if p.stream {
        b.insert("stream".into(), json!(true));
    }
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            b.insert(k.into(), v);
        }
    };
    put("temperature", p.temperature.map(Value::from));
    put("top_p", p.top_p.map(Value::from));
    put("max_output_tokens", p.max_output_tokens().map(Value::from));
    put("user", p.user.clone().map(Value::from));
    put("parallel_tool_calls", p.parallel_tool_calls.map(Value::from));
    put("metadata", p.metadata.clone().map(Value::Object));
    put("service_tier", p.service_tier.clone().map(Value::from));
    put("reasoning", p.reasoning_effort.as_ref().map(|effort| json!({"effort": effort, "summary": "auto"})));
    put("text", p.response_format.as_ref().and_then(text_format));
    if let Some(tools) = &p.tools {
        let tools = tools
            .iter()
            .map(|t| {
                let mut tool = json!({"type": "function", "name": t.function.name});
                for (k, v) in [
                    ("description", t.function.description.clone().map(Value::from)),
                    ("parameters", t.function.parameters.clone()),
                    ("strict", t.function.strict.map(Value::from)),
                ] {
                    if let Some(v) = v {
                        tool[k] = v;
                    }
                }
                tool
            })
            .collect();
        put("tools", Some(Value::Array(tools)));
    }
    if let Some(choice) = &p.tool_choice {
        let choice = match ToolChoice::parse(choice)? {
            ToolChoice::Auto => json!("auto"),
            ToolChoice::Required => json!("required"),
            ToolChoice::None => json!("none"),
            ToolChoice::Named(name) => json!({"type": "function", "name": name}),
        };
        put("tool_choice", Some(choice));
    }
    Ok(body_bytes(&Value::Object(b), p, Unknown::TopLevel))
}

/// OpenAI's `response_format` as the Responses API's `text.format`.
fn text_format(format: &Value) -> Option<Value> {
    match format["type"].as_str()? {
        "json_object" => Some(json!({"format": {"type": "json_object"}})),
        "json_schema" => {
            let s = &format["json_schema"];
            let mut f = json!({"type": "json_schema", "name": s["name"].as_str().unwrap_or("response")});
            for key in ["schema", "strict", "description"] {
                if !s[key].is_null() {
                    f[key] = s[key].clone();
                }
            }
            Some(json!({ "format": f }))
        }
        _ => None,
    }
}

/// Messages as input items, in order.
fn input_items(messages: &[Message]) -> Vec<Value> {
    let mut items = Vec::with_capacity(messages.len());
    for m in messages {
        match m.role {
            Role::Tool => items.push(json!({
                "type": "function_call_output",
                "call_id": m.tool_call_id.as_deref().unwrap_or_default(),
                "output": m.content.as_ref().map(Content::joined_text).unwrap_or_default(),
            })),
            Role::Assistant => {
                let text = m.content.as_ref().map(Content::joined_text).unwrap_or_default();
                if !text.is_empty() {
                    items.push(json!({"role": "assistant", "content": text}));
                }
                for call in m.tool_calls.iter().flatten() {
                    items.push(json!({
                        "type": "function_call",
                        "call_id": call.id,
                        "name": call.function.name,
                        "arguments": call.function.arguments,
                    }));
                }
            }
            Role::System | Role::Developer | Role::User => {
                let role = match m.role {
                    Role::System => "system",
                    Role::Developer => "developer",
                    _ => "user",
                };
                items.push(json!({"role": role, "content": content(m.content.as_ref())}));
            }
        }
    }
    items
}

/// A string stays a string; parts become `input_text` / `input_image` parts.
fn content(content: Option<&Content>) -> Value {
    match content {
        None => json!(""),
        Some(Content::Text(t)) => json!(t),
        Some(Content::Parts(parts)) => Value::Array(
            parts
                .iter()
                .map(|part| match part {
                    ContentPart::Text { text, .. } => json!({"type": "input_text", "text": text}),
                    ContentPart::ImageUrl { image_url, .. } => {
                        let mut image = json!({"type": "input_image", "image_url": image_url.url});
                        if let Some(detail) = &image_url.detail {
                            image["detail"] = json!(detail);
                        }
                        image
                    }
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_tools_and_reasoning_become_responses_fields() {
        let p = CompletionParams::from_json(
            r#"{"model":"openai/responses/o3","stream":true,"reasoning_effort":"low","max_tokens":50,
              "messages":[{"role":"system","content":"be brief"},
                {"role":"user","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":"https://x/i.png"}]},
                {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                {"role":"tool","tool_call_id":"c1","content":"42"}],
              "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
              "tool_choice":{"type":"function","function":{"name":"f"}},
              "response_format":{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"}}}}"#,
        )
        .unwrap();
        let b: Value = serde_json::from_slice(&body("o3", &p).unwrap()).unwrap();
        assert_eq!(b["input"][0], json!({"role": "system", "content": "be brief"}));
        assert_eq!(b["input"][1]["content"][1], json!({"type": "input_image", "image_url": "https://x/i.png"}));
        assert_eq!(b["input"][2], json!({"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"}));
        assert_eq!(b["input"][3], json!({"type": "function_call_output", "call_id": "c1", "output": "42"}));
        assert_eq!(b["reasoning"], json!({"effort": "low", "summary": "auto"}));
        assert_eq!((b["max_output_tokens"].clone(), b["stream"].clone()), (json!(50), json!(true)));
        assert_eq!(b["tools"][0], json!({"type": "function", "name": "f", "parameters": {"type": "object"}}));
        assert_eq!(b["tool_choice"], json!({"type": "function", "name": "f"}));
        assert_eq!(b["text"]["format"]["type"], "json_schema");
    }
}
