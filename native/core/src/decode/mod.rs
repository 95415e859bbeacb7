//! Byte-stream decoders shared by the providers: Server-Sent Events and
//! newline-delimited JSON. Both work on bytes and only turn whole lines into
//! text, so a network read that splits a multi-byte UTF-8 character is harmless.

pub mod lines;
pub mod sse;

#[cfg(test)]
pub(crate) mod split_test;
