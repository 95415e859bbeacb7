//! TEMPORARY scaffold, replaced by the real Anthropic wire module before commit.
use super::{CallContext, HttpCall, ModelInfo, Provider, StreamDecoder};
use crate::error::{LlmError, Result};
use crate::parts::PartSink;
use crate::request::CompletionParams;

pub struct Anthropic;

impl Provider for Anthropic {
    fn chat_request(&self, _: &CallContext<'_>, _: &CompletionParams) -> Result<HttpCall> { Err(LlmError::bad_input("anthropic: scaffold")) }
    fn parse_chat(&self, _: &[u8], _: &mut dyn PartSink) -> Result<()> { Err(LlmError::bad_input("anthropic: scaffold")) }
    fn stream_decoder(&self) -> Box<dyn StreamDecoder> { unimplemented!() }
    fn error_message(&self, _: &[u8]) -> Option<String> { None }
    fn models_request(&self, _: &CallContext<'_>) -> Result<HttpCall> { Err(LlmError::bad_input("anthropic: scaffold")) }
    fn parse_models(&self, _: &[u8]) -> Result<Vec<ModelInfo>> { Ok(vec![]) }
}
