//! OpenAI `chat.completion.chunk` objects, written as JSON straight from stream
//! parts: the one place chunks are shaped, for every binding (Node and Python
//! parse the batch and hand the objects out as they are). This runs once per
//! chunk: the id, model and `created` are escaped once per stream and spliced in.

use std::io::Write as _;

use crate::parts::StreamPart;

/// Per-stream state: the chunk prefix (`{"id":…,"object":…,"created":…,"model":…,`)
/// and whether the first delta (which carries `role`) went out.
#[derive(Debug)]
pub struct ChunkShaper {
    id: String,
    model: String,
    created: u64,
    prefix: Vec<u8>,
    role_sent: bool,
}

impl ChunkShaper {
    pub fn new(model: &str, created: u64) -> Self {
        let mut shaper =
            Self { id: String::new(), model: model.to_owned(), created, prefix: Vec::new(), role_sent: false };
        shaper.rebuild_prefix();
        shaper
    }

    fn rebuild_prefix(&mut self) {
        self.prefix.clear();
        self.prefix.extend_from_slice(b"{\"id\":");
        serde_json::to_writer(&mut self.prefix, &self.id).expect("strings serialize");
        let _ = write!(self.prefix, ",\"object\":\"chat.completion.chunk\",\"created\":{},\"model\":", self.created);
        serde_json::to_writer(&mut self.prefix, &self.model).expect("strings serialize");
    }

    /// Writes the chunk for `part` (none for meta and usage, which only update
    /// state), comma-separated after whatever `out` holds. Returns whether one was written.
    pub fn write(&mut self, part: &StreamPart<'_>, at: &str, out: &mut Vec<u8>) -> bool {
        match part {
            StreamPart::Meta { id, model } => {
                self.id = id.to_string();
                if !model.is_empty() {
                    self.model = model.to_string();
                }
                self.rebuild_prefix();
                false
            }
            StreamPart::Usage(_) | StreamPart::Ollama(_) => false,
            StreamPart::Text { text } => self.delta(out, at, |d| field(d, "content", text)),
            StreamPart::Reasoning { text } => self.delta(out, at, |d| field(d, "reasoning_content", text)),
            StreamPart::ReasoningSignature { signature } => self.delta(out, at, |d| {
                d.extend_from_slice(b"\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":");
                serde_json::to_writer(&mut *d, signature).expect("strings serialize");
                d.extend_from_slice(b"}]");
            }),
            StreamPart::ToolCall { index, id, name, arguments } => self.delta(out, at, |d| {
                let _ = write!(d, "\"tool_calls\":[{{\"index\":{index}");
                if let Some(id) = id {
                    d.extend_from_slice(b",\"id\":");
                    serde_json::to_writer(&mut *d, id).expect("strings serialize");
                    d.extend_from_slice(b",\"type\":\"function\"");
                }
                d.extend_from_slice(b",\"function\":{");
                if let Some(name) = name {
                    field(d, "name", name);
                    d.push(b',');
                }
                field(d, "arguments", arguments);
                d.extend_from_slice(b"}}]");
            }),
            StreamPart::Finish { reason } => {
                self.open(out);
                out.extend_from_slice(b"\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"");
                out.extend_from_slice(reason.as_str().as_bytes());
                self.close(out, at);
                true
            }
        }
    }

    /// The last chunk of a successful stream: `choices: []` and the usage (JSON).
    pub fn write_usage(&self, usage_json: &[u8], at: &str, out: &mut Vec<u8>) {
        self.open(out);
        out.extend_from_slice(b"\"choices\":[],\"usage\":");
        out.extend_from_slice(usage_json);
        out.extend_from_slice(b",\"_arrival_ms\":");
        out.extend_from_slice(at.as_bytes());
        out.push(b'}');
    }

    fn open(&self, out: &mut Vec<u8>) {
        if !out.is_empty() {
            out.push(b',');
        }
        out.extend_from_slice(&self.prefix);
        out.push(b',');
    }

    /// Closes a choice opened with `"finish_reason":"…`.
    fn close(&self, out: &mut Vec<u8>, at: &str) {
        out.extend_from_slice(b"\",\"logprobs\":null}],\"_arrival_ms\":");
        out.extend_from_slice(at.as_bytes());
        out.push(b'}');
    }

    fn delta(&mut self, out: &mut Vec<u8>, at: &str, body: impl FnOnce(&mut Vec<u8>)) -> bool {
        self.open(out);
        out.extend_from_slice(b"\"choices\":[{\"index\":0,\"delta\":{");
        if !self.role_sent {
            self.role_sent = true;
            out.extend_from_slice(b"\"role\":\"assistant\",");
        }
        body(out);
        out.extend_from_slice(b"},\"finish_reason\":null,\"logprobs\":null}],\"_arrival_ms\":");
        out.extend_from_slice(at.as_bytes());
        out.push(b'}');
        true
    }
}

fn field(out: &mut Vec<u8>, name: &str, value: &str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
    serde_json::to_writer(&mut *out, value).expect("strings serialize");
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::{json, Value};

    use super::*;
    use crate::parts::FinishReason;

    fn shaped(parts: &[StreamPart<'_>]) -> Vec<Value> {
        let mut shaper = ChunkShaper::new("asked-model", 1700000000);
        let mut out = Vec::new();
        for p in parts {
            shaper.write(p, "1.500", &mut out);
        }
        shaper.write_usage(br#"{"prompt_tokens":1}"#, "2.000", &mut out);
        let mut array = b"[".to_vec();
        array.extend_from_slice(&out);
        array.push(b']');
        serde_json::from_slice(&array).expect("valid JSON")
    }

    #[test]
    fn chunks_have_openai_shape_role_first_and_arrival() {
        let chunks = shaped(&[
            StreamPart::Meta { id: Cow::Borrowed("c-\"1"), model: Cow::Borrowed("served") },
            StreamPart::Reasoning { text: Cow::Borrowed("hm") },
            StreamPart::Text { text: Cow::Borrowed("é\n") },
            StreamPart::ToolCall {
                index: 2,
                id: Some(Cow::Borrowed("t")),
                name: Some(Cow::Borrowed("f")),
                arguments: Cow::Borrowed("{\"a\""),
            },
            StreamPart::ToolCall { index: 2, id: None, name: None, arguments: Cow::Borrowed(":1}") },
            StreamPart::ReasoningSignature { signature: Cow::Borrowed("sig") },
            StreamPart::Finish { reason: FinishReason::ToolCalls },
        ]);
        let head = |c: &Value| (c["id"].clone(), c["model"].clone(), c["object"].clone(), c["created"].clone());
        for c in &chunks {
            assert_eq!(head(c), (json!("c-\"1"), json!("served"), json!("chat.completion.chunk"), json!(1700000000)));
        }
        assert_eq!(chunks[0]["choices"][0]["delta"], json!({"role": "assistant", "reasoning_content": "hm"}));
        assert_eq!(chunks[1]["choices"][0]["delta"], json!({"content": "é\n"}));
        assert_eq!(
            chunks[2]["choices"][0]["delta"]["tool_calls"][0],
            json!({"index": 2, "id": "t", "type": "function", "function": {"name": "f", "arguments": "{\"a\""}})
        );
        assert_eq!(
            chunks[3]["choices"][0]["delta"]["tool_calls"][0],
            json!({"index": 2, "function": {"arguments": ":1}"}})
        );
        assert_eq!(chunks[4]["choices"][0]["delta"]["thinking_blocks"][0]["signature"], json!("sig"));
        assert_eq!(chunks[5]["choices"][0]["finish_reason"], json!("tool_calls"));
        assert_eq!(chunks[5]["choices"][0]["delta"], json!({}));
        assert_eq!(chunks[0]["_arrival_ms"], json!(1.5));
        assert_eq!(chunks[6]["choices"], json!([]));
        assert_eq!(chunks[6]["usage"], json!({"prompt_tokens": 1}));
        assert_eq!(chunks.len(), 7);
    }
}
