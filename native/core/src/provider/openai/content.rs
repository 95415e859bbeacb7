//! The shapes an OpenAI-compatible message's text and reasoning arrive in besides
//! plain strings:
//! - `content` as an array of typed parts. Mistral's reasoning models send
//!   `[{"type":"thinking","thinking":[{"type":"text","text":…}]}, {"type":"text","text":…}]`
//!   (https://docs.mistral.ai/capabilities/reasoning/, the `ThinkChunk`/`TextChunk`
//!   schemas); other servers send `{"type":"text"|"output_text","text":…}` parts.
//!   Thinking parts become reasoning, text parts content; other kinds (references,
//!   images) are skipped.
//! - `reasoning_details`, OpenRouter's normalized reasoning
//!   (https://openrouter.ai/docs/use-cases/reasoning-tokens): `reasoning.text` and
//!   `reasoning.summary` items carry readable text; `reasoning.encrypted` carries
//!   none. Read only when no `reasoning`/`reasoning_content` string came with them,
//!   since OpenRouter sends the same text in both.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::parts::{PartSink, StreamPart};
use crate::provider::lenient::{Lenient, Text};

/// `content` (or a thinking part's `thinking`): a string, an array of parts, or
/// anything else (skipped).
#[derive(Default)]
pub(super) enum Content<'a> {
    #[default]
    None,
    Text(Cow<'a, str>),
    Parts(Vec<ContentPart<'a>>),
}

#[derive(Deserialize)]
pub(super) struct ContentPart<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    thinking: Content<'a>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Content<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct ContentVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ContentVisitor<'a> {
            type Value = Content<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
                let mut parts = Vec::new();
                while let Some(Lenient(part)) = seq.next_element::<Lenient<ContentPart<'a>>>()? {
                    parts.extend(part);
                }
                Ok(Content::Parts(parts))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Content::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Content::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Content::Text(Cow::Owned(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Content::None)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
                Ok(Content::None)
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
                Ok(Content::None)
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
                Ok(Content::None)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
                Ok(Content::None)
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Content::None)
            }
        }
        d.deserialize_any(ContentVisitor(PhantomData))
    }
}

/// Which stream part a content part's text becomes.
#[derive(Clone, Copy)]
enum As {
    Text,
    Reasoning,
}

impl<'a> Content<'a> {
    /// Emits plain text and text parts as content, thinking parts as reasoning, in order.
    pub(super) fn emit(self, sink: &mut dyn PartSink) {
        self.emit_as(As::Text, sink);
    }

    fn emit_as(self, role: As, sink: &mut dyn PartSink) {
        match self {
            Content::None => {}
            Content::Text(text) => emit_text(text, role, sink),
            Content::Parts(parts) => {
                for part in parts {
                    match part.kind.0.as_deref() {
                        Some("thinking") => part.thinking.emit_as(As::Reasoning, sink),
                        Some("reasoning") => {
                            part.text.non_empty().into_iter().for_each(|t| emit_text(t, As::Reasoning, sink))
                        }
                        Some("text" | "output_text") | None => {
                            part.text.non_empty().into_iter().for_each(|t| emit_text(t, role, sink))
                        }
                        Some(_) => {} // references, images, documents: nothing to show as text
                    }
                }
            }
        }
    }
}

fn emit_text<'a>(text: Cow<'a, str>, role: As, sink: &mut dyn PartSink) {
    if text.is_empty() {
        return;
    }
    sink.part(match role {
        As::Text => StreamPart::Text { text },
        As::Reasoning => StreamPart::Reasoning { text },
    });
}

/// One `reasoning_details` item.
#[derive(Deserialize)]
pub(super) struct ReasoningDetail<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow, default)]
    text: Text<'a>,
    #[serde(borrow, default)]
    summary: Text<'a>,
}

impl<'a> ReasoningDetail<'a> {
    /// The readable reasoning of this item: `reasoning.text` → text,
    /// `reasoning.summary` → summary; encrypted and unknown kinds have none.
    pub(super) fn into_text(self) -> Option<Cow<'a, str>> {
        match self.kind.0.as_deref() {
            Some("reasoning.text") => self.text.non_empty(),
            Some("reasoning.summary") => self.summary.non_empty(),
            _ => None,
        }
    }
}
