//! Function-call arguments streamed in pieces (`functionCall.partialArgs`, sent when
//! a request sets `toolConfig.functionCallingConfig.streamFunctionCallArguments`;
//! Vertex AI only for now). The call opens with its `name` and `willContinue: true`,
//! each later `functionCall` part carries `partialArgs` (a JSON path and one typed
//! value; string values continue over several pieces while `willContinue` is set),
//! and an empty `functionCall: {}` closes it.
//! Reference: https://googleapis.github.io/js-genai/release_docs/interfaces/types.PartialArg.html
//! and the Vercel AI SDK's Vertex provider, which assembles them the same way.

use serde::Deserialize;
use serde_json::{Map, Number, Value};

use crate::provider::lenient::Text;

/// One `partialArgs` item.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PartialArgWire<'a> {
    #[serde(borrow, default)]
    json_path: Text<'a>,
    #[serde(borrow, default)]
    string_value: Text<'a>,
    #[serde(default)]
    number_value: Option<f64>,
    #[serde(default)]
    bool_value: Option<bool>,
    #[serde(default)]
    null_value: Option<Value>,
    #[serde(default)]
    will_continue: bool,
}

/// The arguments of the call being streamed.
pub(super) struct OpenArgs {
    /// The tool-call ordinal the arguments belong to.
    pub index: u32,
    args: Value,
    /// The path whose string value the next piece continues.
    continuing: Option<String>,
}

/// One step of a JSON path: `.name`, `['name']` or `[3]`.
enum Step {
    Key(String),
    Index(usize),
}

impl OpenArgs {
    pub fn new(index: u32, args: Option<Value>) -> Self {
        let args = args.filter(Value::is_object).unwrap_or_else(|| Value::Object(Map::new()));
        Self { index, args, continuing: None }
    }

    /// Applies one piece. A piece whose path or value we cannot read is skipped.
    pub fn apply(&mut self, piece: PartialArgWire<'_>) {
        let Some(path) = piece.json_path.0 else { return };
        let continues = self.continuing.as_deref() == Some(&*path);
        self.continuing = piece.will_continue.then(|| path.to_string());
        let value = if let Some(s) = piece.string_value.0 {
            Value::String(s.into_owned())
        } else if let Some(n) = piece.number_value {
            number(n)
        } else if let Some(b) = piece.bool_value {
            Value::Bool(b)
        } else if piece.null_value.is_some() {
            Value::Null
        } else {
            return;
        };
        let Some(steps) = parse_path(&path) else { return };
        let Some(slot) = slot(&mut self.args, &steps) else { return };
        match (slot, value) {
            (Value::String(existing), Value::String(more)) if continues => existing.push_str(&more),
            (slot, value) => *slot = value,
        }
    }

    /// The arguments as JSON text, once the call is complete.
    pub fn finish(self) -> String {
        self.args.to_string()
    }
}

/// Whole numbers print as integers (`50`, not `50.0`), as the model wrote them.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// RFC 9535 paths as Google sends them: `$`, `.name`, `['name']`, `["name"]`, `[3]`.
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            steps.push(Step::Key(after[..end].to_owned()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inner = &after[..end];
            let quoted = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\''));
            let quoted = quoted.or_else(|| inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')));
            steps.push(match quoted {
                Some(key) => Step::Key(key.to_owned()),
                None => Step::Index(inner.parse().ok()?),
            });
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(steps)
}

/// The value at `steps`, creating objects and arrays on the way. An array grows by
/// at most one element per piece: an index from the wire never sizes an allocation.
fn slot<'v>(mut at: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    for step in steps {
        at = match step {
            Step::Key(key) => {
                if !at.is_object() {
                    *at = Value::Object(Map::new());
                }
                at.as_object_mut()?.entry(key.clone()).or_insert(Value::Null)
            }
            Step::Index(i) => {
                if !at.is_array() {
                    *at = Value::Array(Vec::new());
                }
                let items = at.as_array_mut()?;
                if *i == items.len() {
                    items.push(Value::Null);
                }
                items.get_mut(*i)?
            }
        };
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(json: &str) -> PartialArgWire<'_> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn pieces_assemble_into_the_arguments_object() {
        let mut open = OpenArgs::new(0, None);
        for json in [
            r#"{"jsonPath":"$.location","stringValue":"Zü","willContinue":true}"#,
            r#"{"jsonPath":"$.location","stringValue":"rich, CH"}"#,
            r#"{"jsonPath":"$.brightness","numberValue":50}"#,
            r#"{"jsonPath":"$.ratio","numberValue":0.5}"#,
            r#"{"jsonPath":"$.opts['dry run']","boolValue":true}"#,
            r#"{"jsonPath":"$.tags[0]","stringValue":"a"}"#,
            r#"{"jsonPath":"$.tags[1]","stringValue":"b"}"#,
            r#"{"jsonPath":"$.tags[7]","stringValue":"too far: skipped"}"#,
            r#"{"jsonPath":"$.none","nullValue":"NULL_VALUE"}"#,
            r#"{"jsonPath":"not a path","stringValue":"skipped"}"#,
            r#"{"stringValue":"no path: skipped"}"#,
        ] {
            open.apply(piece(json));
        }
        let args: Value = serde_json::from_str(&open.finish()).unwrap();
        assert_eq!(
            args,
            serde_json::json!({"location":"Zürich, CH","brightness":50,"ratio":0.5,"opts":{"dry run":true},"tags":["a","b"],"none":null})
        );
    }

    #[test]
    fn a_string_without_continuation_replaces() {
        let mut open = OpenArgs::new(0, Some(serde_json::json!({"q":"old"})));
        open.apply(piece(r#"{"jsonPath":"$.q","stringValue":"new"}"#));
        assert_eq!(open.finish(), r#"{"q":"new"}"#);
    }
}
