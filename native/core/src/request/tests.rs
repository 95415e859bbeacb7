//! Tests of the parameter parser: names, types, ranges, passthrough.
use super::*;

#[test]
fn wrong_type_names_the_field() {
    let err =
        CompletionParams::from_json(r#"{"model":"openai/x","messages":[{"role":"user","content":5}]}"#).unwrap_err();
    assert!(err.message.contains("messages[0]"), "{}", err.message);
}

#[test]
fn unknown_parameter_is_rejected_with_its_name() {
    let err = CompletionParams::from_json(
        r#"{"model":"openai/x","messages":[{"role":"user","content":"hi"}],"temprature":1}"#,
    )
    .unwrap_err();
    assert!(err.message.contains("temprature"), "{}", err.message);
}

#[test]
fn content_parts_and_images_parse() {
    let p = CompletionParams::from_json(
        r#"{"model":"openai/x","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}"#,
    )
    .unwrap();
    assert_eq!(p.messages[0].content.as_ref().unwrap().joined_text(), "a");
}

#[test]
fn out_of_range_numbers_name_the_field_and_its_range() {
    for (field, value) in [
        ("timeout", "1e19"),
        ("first_byte_timeout", "1e300"),
        ("stream_timeout", "0"),
        ("timeout", "-1"),
        ("temperature", "5"),
        ("mock_ttft_ms", "1e20"),
        ("mock_tokens_per_second", "1e300"),
        ("max_event_bytes", "1500.5"),
        ("num_retries", "1000"),
    ] {
        let json = format!(r#"{{"model":"openai/x","messages":[{{"role":"user","content":"hi"}}],"{field}":{value}}}"#);
        let err = CompletionParams::from_json(&json).unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::BadRequestError);
        assert!(err.message.contains(field) && err.message.contains(" to "), "{field}={value}: {}", err.message);
    }
}

#[test]
fn tool_message_needs_tool_call_id() {
    let err =
        CompletionParams::from_json(r#"{"model":"openai/x","messages":[{"role":"tool","content":"42"}]}"#).unwrap_err();
    assert!(err.message.contains("tool_call_id"));
}
