//! Sending with the call's limits: total deadline, first-byte timeout, caller
//! cancellation, and `num_retries` with exponential backoff and full jitter that
//! honours `retry-after` / `retry-after-ms`. Retries happen only before any body
//! byte was handed to the caller, so a retry never duplicates output.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use tokio_util::sync::CancellationToken;

use super::timing::TimingRecorder;
use crate::error::{LlmError, Result};
use crate::http::client::{send, Sent};
use crate::provider::{HttpCall, Provider};

/// The limits of one call, from `timeout`, `first_byte_timeout` and `num_retries`.
#[derive(Debug, Clone)]
pub struct Limits {
    pub timeout: Duration,
    pub deadline: Instant,
    pub first_byte: Duration,
    pub retries: u32,
}

/// LiteLLM's default request timeout is 600 s.
const DEFAULT_TIMEOUT_S: f64 = 600.0;
const MAX_BACKOFF: Duration = Duration::from_secs(8);
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

impl Limits {
    pub fn new(start: Instant, timeout_s: Option<f64>, first_byte_s: Option<f64>, retries: Option<u32>) -> Self {
        let timeout = Duration::from_secs_f64(timeout_s.unwrap_or(DEFAULT_TIMEOUT_S));
        let first_byte = first_byte_s.map(Duration::from_secs_f64).unwrap_or(timeout).min(timeout);
        Self { timeout, deadline: start + timeout, first_byte, retries: retries.unwrap_or(0) }
    }

    pub fn timeout_error(&self) -> LlmError {
        LlmError::timeout(format!(
            "the call did not finish within timeout={}s: raise `timeout` or check the provider",
            self.timeout.as_secs_f64()
        ))
    }
}

/// Runs `fut` unless the caller cancels or the deadline passes first.
pub async fn guarded<T>(
    cancel: &CancellationToken,
    deadline: Instant,
    on_deadline: impl FnOnce() -> LlmError,
    fut: impl Future<Output = Result<T>>,
) -> Result<T> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(LlmError::aborted()),
        _ = tokio::time::sleep_until(deadline.into()) => Err(on_deadline()),
        r = fut => r,
    }
}

/// Sends `call` until it gets a 2xx response, a final error, or runs out of retries.
pub async fn send_with_retries(
    call: &HttpCall,
    extra_headers: Option<&BTreeMap<String, String>>,
    provider: &dyn Provider,
    limits: &Limits,
    cancel: &CancellationToken,
    timing: &mut TimingRecorder,
) -> Result<Sent> {
    let mut attempt = 0;
    loop {
        timing.attempts += 1;
        let headers_deadline = (Instant::now() + limits.first_byte).min(limits.deadline);
        let first_byte_error = || {
            if headers_deadline < limits.deadline {
                LlmError::timeout(format!(
                    "no response from the provider within first_byte_timeout={}s",
                    limits.first_byte.as_secs_f64()
                ))
            } else {
                limits.timeout_error()
            }
        };
        let err = match guarded(cancel, headers_deadline, first_byte_error, send(call, extra_headers)).await {
            Ok(sent) if sent.response.status().is_success() => return Ok(sent),
            Ok(sent) => error_from_response(sent, provider, limits, cancel).await,
            Err(e) => e,
        };
        if !err.retryable || attempt >= limits.retries {
            return Err(err);
        }
        let delay = backoff(attempt, err.retry_after);
        if Instant::now() + delay >= limits.deadline {
            return Err(err);
        }
        guarded(cancel, limits.deadline, || limits.timeout_error(), async {
            tokio::time::sleep(delay).await;
            Ok(())
        })
        .await?;
        attempt += 1;
    }
}

/// Reads a non-2xx response into the provider's message, typed by status.
async fn error_from_response(
    sent: Sent,
    provider: &dyn Provider,
    limits: &Limits,
    cancel: &CancellationToken,
) -> LlmError {
    let status = sent.response.status().as_u16();
    let retry_after = retry_after(sent.response.headers());
    let body = guarded(cancel, limits.deadline, || limits.timeout_error(), async {
        sent.response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .map_err(|e| LlmError::connection(format!("reading the error response failed: {e}")))
    })
    .await;
    let body = match body {
        Ok(body) => body,
        Err(e) => return e,
    };
    let message = provider.error_message(&body).unwrap_or_else(|| {
        let text = String::from_utf8_lossy(&body);
        let text: String = text.chars().take(300).collect();
        if text.trim().is_empty() {
            format!("HTTP {status}")
        } else {
            format!("HTTP {status}: {text}")
        }
    });
    LlmError::from_status(status, &message).with_retry_after(retry_after)
}

/// `retry-after-ms` (OpenAI) or `retry-after` in seconds. HTTP-date forms are rare
/// from LLM APIs and fall back to our own backoff.
fn retry_after(headers: &http::HeaderMap) -> Option<f64> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<f64>().ok());
    get("retry-after-ms").map(|ms| ms / 1000.0).or_else(|| get("retry-after")).filter(|s| *s >= 0.0)
}

/// Exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s) with full jitter, unless
/// the provider said how long to wait.
fn backoff(attempt: u32, retry_after: Option<f64>) -> Duration {
    if let Some(seconds) = retry_after {
        return Duration::from_secs_f64(seconds).min(MAX_RETRY_AFTER);
    }
    let ceiling = (Duration::from_millis(500) * 2u32.saturating_pow(attempt)).min(MAX_BACKOFF);
    ceiling.mul_f64(0.5 + fastrand::f64() * 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 0..10 {
            let d = backoff(attempt, None);
            let ceiling = (Duration::from_millis(500) * 2u32.saturating_pow(attempt)).min(MAX_BACKOFF);
            assert!(d <= ceiling && d >= ceiling / 2, "attempt {attempt}: {d:?}");
        }
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        assert_eq!(backoff(3, Some(0.0)), Duration::ZERO);
        assert_eq!(backoff(0, Some(1e6)), MAX_RETRY_AFTER);
        let mut h = http::HeaderMap::new();
        h.insert("retry-after-ms", "250".parse().unwrap());
        h.insert("retry-after", "9".parse().unwrap());
        assert_eq!(retry_after(&h), Some(0.25));
    }
}
