//! Where a call goes and with which key: `api_key` / `api_base` from the call, else
//! the provider's environment variables (LiteLLM's names), else the defaults.

use crate::error::{ErrorKind, LlmError, Result};

use crate::provider::{registry, CallContext, ProviderSpec, Wire};
use crate::request::CompletionParams;

/// Reads an environment variable, treating empty as unset.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

pub struct Target<'a> {
    pub spec: &'static ProviderSpec,
    /// The wire this model is called on (`responses/<model>` → the Responses API).
    pub wire: Wire,
    pub ctx: CallContext<'a>,
}

pub fn resolve<'a>(
    model: &'a str,
    api_base: Option<&str>,
    api_key: Option<&str>,
    api_version: Option<&str>,
    needs_key: bool,
) -> Result<Target<'a>> {
    let (spec, model) = registry::resolve_model(model)?;
    let (wire, model) = registry::wire_for(spec, model);
    let (base_url, base_source) = match api_base {
        Some(base) => (base.to_owned(), "`api_base`".to_owned()),
        None => match env(spec.base_env) {
            Some(base) => (base, spec.base_env.to_owned()),
            None => (spec.default_base.to_owned(), "the default base URL".to_owned()),
        },
    };
    let base_url = base_url.trim().trim_end_matches('/').to_owned();
    check_base_url(&base_url, &base_source)?;
    let (api_key, key_source) = match api_key {
        Some(key) => (Some(key.to_owned()), "`api_key`".to_owned()),
        None => (spec.key_env.and_then(env), spec.key_env.unwrap_or("the environment").to_owned()),
    };
    if let Some(key) = &api_key {
        check_key(key, &key_source)?;
    }
    if needs_key && spec.key_required && api_key.is_none() {
        let env_hint = spec.key_env.map(|v| format!(" or set {v}")).unwrap_or_default();
        return Err(LlmError::new(
            ErrorKind::AuthenticationError,
            format!("no API key for {}: pass `api_key`{env_hint}", spec.name),
        )
        .with_context(spec.name, model));
    }
    let api_version =
        api_version.map(str::to_owned).or_else(|| env("AZURE_API_VERSION").filter(|_| spec.wire == Wire::Azure));
    Ok(Target { spec, wire, ctx: CallContext { spec, model, base_url, api_key, api_version } })
}

/// Only `http://` and `https://` bases can be called; anything else fails before a request.
/// An empty base (Azure has no default) is left to the provider, which says what to set.
fn check_base_url(base: &str, source: &str) -> Result<()> {
    if base.is_empty() {
        return Ok(());
    }
    let scheme = base.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") if base.parse::<http::Uri>().is_ok() => Ok(()),
        Some("http" | "https") => {
            Err(LlmError::bad_input(format!("{source} is not a valid URL: give e.g. 'https://host/v1'")))
        }
        Some(other) => Err(LlmError::bad_input(format!(
            "{source} uses the scheme '{other}': only http:// and https:// are supported"
        ))),
        None => Err(LlmError::bad_input(format!(
            "{source} has no scheme: give a full URL such as 'https://host/v1' or 'http://127.0.0.1:8080/v1'"
        ))),
    }
}

/// A key must fit in an HTTP header: no line breaks or control characters (a key
/// pasted with its newline is the usual cause). The key itself is never quoted.
fn check_key(key: &str, source: &str) -> Result<()> {
    match key.char_indices().find(|(_, c)| (c.is_control() && *c != '\t') || !c.is_ascii()) {
        None => Ok(()),
        Some((at, c)) => {
            let what = match c {
                '\r' | '\n' => "a line break",
                c if c.is_control() => "a control character",
                _ => "a non-ASCII character",
            };
            Err(LlmError::bad_input(format!(
                "the API key from {source} contains {what} at position {at}: copy the key again without it"
            )))
        }
    }
}

pub fn for_params(params: &CompletionParams) -> Result<Target<'_>> {
    resolve(
        &params.model,
        params.api_base.as_deref(),
        params.api_key.as_deref(),
        params.api_version.as_deref(),
        params.mock_response.is_none(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_schemes_and_bad_keys_fail_naming_the_field() {
        let err = resolve("openai/x", Some("ftp://host/v1"), Some("k-123456"), None, true).err().unwrap();
        assert_eq!(err.kind, ErrorKind::BadRequestError);
        assert!(err.message.contains("api_base") && err.message.contains("ftp"), "{}", err.message);
        let err = resolve("openai/x", None, Some("abc123\r\nX-Evil: 1"), None, true).err().unwrap();
        assert_eq!(err.kind, ErrorKind::BadRequestError);
        assert!(err.message.contains("api_key") && err.message.contains("line break"), "{}", err.message);
        assert!(!err.message.contains("abc123"), "{}", err.message);
        assert!(resolve("openai/x", Some("HTTP://127.0.0.1:1/v1/"), Some("k"), None, true).is_ok());
    }
}
