//! Reading provider payloads leniently. A field whose shape differs from the one we
//! expect is skipped, not fatal, so the rest of the event still decodes: a provider
//! that adds a shape (Mistral's content arrays, Gemini's `partialArgs`, a usage
//! object with a new nested field) must not cost the caller the whole answer.
//! When an event truly cannot be read (not JSON, or a required container of the
//! wrong type) [`parse_event`] says at which field.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_path_to_error::Segment;

use super::wire_util::bad_payload;
use crate::error::{LlmError, Result};

/// Parses one event (or whole response). On failure the message names the field
/// path where reading stopped; the path is computed only then, so the per-chunk
/// path pays nothing for it.
pub fn parse_event<'a, T: Deserialize<'a>>(provider: &str, data: &'a str) -> Result<T> {
    serde_json::from_str(data).map_err(|err| {
        let mut de = serde_json::Deserializer::from_str(data);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(traced)
                if traced.path().iter().all(|s| !matches!(s, Segment::Unknown))
                    && traced.path().iter().next().is_some() =>
            {
                let excerpt: String = data.chars().take(160).collect();
                LlmError::api_error(
                    None,
                    format!(
                        "{provider} sent a response we could not read at `{}` ({}): {excerpt}",
                        traced.path(),
                        traced.inner()
                    ),
                )
            }
            _ => bad_payload(provider, &err, data),
        }
    })
}

/// A `T`, or `None` when the field holds anything `T` cannot be read from (including
/// `null`). Costs a second parse of the field, so it wraps the fields that are rare
/// or small (usage, errors, tool calls), not the per-token text.
pub struct Lenient<T>(pub Option<T>);

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = <&'de RawValue>::deserialize(d)?.get();
        // `"usage": null` is on every OpenAI chunk: skip it without building an error.
        if raw == "null" {
            return Ok(Self(None));
        }
        Ok(Self(serde_json::from_str(raw).ok()))
    }
}

/// A string field that is skipped when it holds anything else. Borrows from the
/// event unless the string has escapes; no second parse.
#[derive(Default)]
pub struct Text<'a>(pub Option<Cow<'a, str>>);

impl<'a> Text<'a> {
    /// The text, when present and not empty.
    pub fn non_empty(self) -> Option<Cow<'a, str>> {
        self.0.filter(|t| !t.is_empty())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct TextVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_any(TextVisitor(PhantomData))
    }
}

/// A list whose unreadable items are skipped; anything but an array reads as empty.
pub struct Items<T>(pub Vec<T>);

impl<T> Default for Items<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> IntoIterator for Items<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let Lenient(items) = Lenient::<Vec<Lenient<T>>>::deserialize(d)?;
        Ok(Self(items.into_iter().flatten().filter_map(|item| item.0).collect()))
    }
}

impl<T> IntoIterator for Lenient<T> {
    type Item = T;
    type IntoIter = std::option::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// JSON text of tool arguments: a string as sent (OpenAI), or an object written out
/// as JSON (some OpenAI-compatible servers send the object itself).
#[derive(Default)]
pub struct JsonText<'a>(pub Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for JsonText<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = <&'de RawValue>::deserialize(d)?.get();
        Ok(Self(match raw.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<Text<'a>>(raw).ok().and_then(|t| t.0),
            Some(b'{' | b'[') => Some(Cow::Borrowed(raw)),
            _ => None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize)]
    struct Sample<'a> {
        #[serde(borrow, default)]
        name: Text<'a>,
        #[serde(default)]
        count: Lenient<u32>,
        #[serde(borrow, default)]
        args: JsonText<'a>,
        #[serde(default)]
        list: Items<u32>,
    }

    #[test]
    fn odd_shapes_are_skipped_and_the_rest_reads() {
        let s: Sample =
            serde_json::from_str(r#"{"name":["x"],"count":"7","args":{"a":1},"list":[1,"two",3]}"#).unwrap();
        assert!(s.name.0.is_none() && s.count.0.is_none());
        assert_eq!((s.args.0.as_deref(), s.list.0), (Some(r#"{"a":1}"#), vec![1, 3]));
        let s: Sample = serde_json::from_str(r#"{"name":"caf\u00e9","count":7,"args":"{}","list":{"a":1}}"#).unwrap();
        assert_eq!((s.name.0.as_deref(), s.count.0, s.args.0.as_deref()), (Some("café"), Some(7), Some("{}")));
        assert!(s.list.0.is_empty());
    }

    #[test]
    fn unreadable_event_names_the_field() {
        #[derive(Debug, Deserialize)]
        struct Outer {
            #[allow(dead_code)]
            choices: Vec<Inner>,
        }
        #[derive(Debug, Deserialize)]
        struct Inner {
            #[allow(dead_code)]
            delta: std::collections::HashMap<String, u32>,
        }
        let err = parse_event::<Outer>("provider", r#"{"choices":[{"delta":"nope"}]}"#).unwrap_err();
        assert!(err.message.contains("`choices[0].delta`"), "{}", err.message);
        let err = parse_event::<Outer>("provider", "{not json").unwrap_err();
        assert!(err.message.contains("could not parse"), "{}", err.message);
    }
}
