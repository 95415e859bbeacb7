//! Sending with the call's limits: total deadline, first-byte timeout, caller
//! cancellation, and `num_retries` with exponential backoff and full jitter that
//! honours `retry-after` / `retry-after-ms`. Retries happen only before any body
//! byte was handed to the caller, so a retry never duplicates output.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::body::{check_answer_type, excerpt_text, BodyReader, MAX_ERROR_BODY_BYTES};
use super::timing::TimingRecorder;
use crate::error::{LlmError, Result};
use crate::http::client::{send, Connection, Sent};
use crate::provider::{HttpCall, Provider};
use crate::request::check_range;

/// The limits of one call, from `timeout`, `first_byte_timeout`, `stream_timeout`
/// and `num_retries`, each range-checked before it becomes a `Duration`.
#[derive(Debug, Clone)]
pub struct Limits {
    pub timeout: Duration,
    pub deadline: Instant,
    pub first_byte: Duration,
    /// Longest silence allowed between two reads of a stream.
    pub idle: Option<Duration>,
    pub retries: u32,
}

/// LiteLLM's default request timeout is 600 s.
const DEFAULT_TIMEOUT_S: f64 = 600.0;
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// The longest `retry-after` we honour; a server's larger (or non-finite) value is
/// clamped to it, and the call's deadline still applies.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A caller's seconds as a `Duration`, after the range check of [`check_range`].
fn seconds(name: &str, value: f64) -> Result<Duration> {
    check_range(name, value)?;
    Ok(Duration::from_secs_f64(value))
}

impl Limits {
    pub fn new(
        start: Instant,
        timeout_s: Option<f64>,
        first_byte_s: Option<f64>,
        idle_s: Option<f64>,
        retries: Option<u32>,
    ) -> Result<Self> {
        let timeout = seconds("timeout", timeout_s.unwrap_or(DEFAULT_TIMEOUT_S))?;
        let first_byte = match first_byte_s {
            Some(s) => seconds("first_byte_timeout", s)?.min(timeout),
            None => timeout,
        };
        let idle = idle_s.map(|s| seconds("stream_timeout", s)).transpose()?;
        if let Some(n) = retries {
            check_range("num_retries", f64::from(n))?;
        }
        // `timeout` is at most a day, so this cannot overflow an Instant.
        Ok(Self { timeout, deadline: start + timeout, first_byte, idle, retries: retries.unwrap_or(0) })
    }

    pub fn timeout_error(&self) -> LlmError {
        LlmError::timeout(format!(
            "the call did not finish within timeout={}s: raise `timeout` or check the provider",
            self.timeout.as_secs_f64()
        ))
    }

    /// When the next read of a stream must have happened: the idle limit from now, or the deadline.
    pub fn read_deadline(&self, now: Instant) -> (Instant, bool) {
        match self.idle {
            Some(idle) if now + idle < self.deadline => (now + idle, true),
            _ => (self.deadline, false),
        }
    }

    pub fn idle_error(&self) -> LlmError {
        let idle = self.idle.map_or(0.0, |d| d.as_secs_f64());
        LlmError::timeout(format!(
            "the stream received nothing for stream_timeout={idle}s: the server stalled (raise `stream_timeout` if it is just slow)"
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

/// Sends `call` until it gets a 2xx answer, a final error, or runs out of retries.
/// A request that failed on a reused connection the server had closed is sent
/// again once on a new connection whatever `num_retries` says: the server never
/// saw it (browsers and Go's net/http do the same).
pub async fn send_with_retries(
    call: &HttpCall,
    extra_headers: Option<&BTreeMap<String, String>>,
    provider: &dyn Provider,
    limits: &Limits,
    cancel: &CancellationToken,
    timing: &mut TimingRecorder,
) -> Result<Sent> {
    let mut attempt = 0;
    let mut connection = Connection::Pooled;
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
        let sending = async { Ok(send(call, extra_headers, connection).await) };
        let err = match guarded(cancel, headers_deadline, first_byte_error, sending).await {
            Err(limit_or_abort) => limit_or_abort,
            Ok(Ok(sent)) if sent.response.status().is_success() => {
                let Sent { response, arrival } = sent;
                let checking = check_answer_type(response);
                let response = guarded(cancel, limits.deadline, || limits.timeout_error(), checking).await?;
                return Ok(Sent { response, arrival });
            }
            Ok(Ok(sent)) => error_from_response(sent, provider, limits, cancel).await,
            Ok(Err(failed)) if failed.stale_connection && connection == Connection::Pooled => {
                connection = Connection::Fresh;
                continue;
            }
            Ok(Err(failed)) => failed.error,
        };
        connection = Connection::Pooled;
        if !err.retryable() || attempt >= limits.retries {
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

/// Reads (at most [`MAX_ERROR_BODY_BYTES`] of) a non-2xx response into the
/// provider's message, typed by status.
async fn error_from_response(
    sent: Sent,
    provider: &dyn Provider,
    limits: &Limits,
    cancel: &CancellationToken,
) -> LlmError {
    let status = sent.response.status().as_u16();
    let headers = sent.response.headers();
    let retry_after = retry_after(headers);
    if (300..400).contains(&status) {
        let location = headers.get(http::header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("(no Location)");
        // Not followed: a redirect would carry the key's headers to wherever it points.
        return LlmError::api_error(
            Some(status),
            format!(
                "the server redirected (HTTP {status}) to {location}; redirects are not followed, so the key is                  never sent elsewhere: set `api_base` to the final URL"
            ),
        );
    }
    let body = guarded(cancel, limits.deadline, || limits.timeout_error(), async {
        BodyReader::new(sent.response)?.read_prefix(MAX_ERROR_BODY_BYTES).await
    })
    .await;
    let body = match body {
        Ok(body) => body,
        Err(e) => return e.with_status(status),
    };
    let message = provider.error_message(&body).unwrap_or_else(|| {
        let text = excerpt_text(&body);
        if text.is_empty() {
            format!("HTTP {status}")
        } else {
            format!("HTTP {status}: {text}")
        }
    });
    LlmError::from_status(status, &message).with_retry_after(retry_after)
}

/// `retry-after-ms` (OpenAI) or `retry-after` in seconds; a negative or non-finite
/// value is ignored. HTTP-date forms are rare from LLM APIs and fall back to our
/// own backoff.
fn retry_after(headers: &http::HeaderMap) -> Option<f64> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<f64>().ok());
    get("retry-after-ms").map(|ms| ms / 1000.0).or_else(|| get("retry-after")).filter(|s| s.is_finite() && *s >= 0.0)
}

/// Exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s) with full jitter, unless
/// the provider said how long to wait (clamped to [`MAX_RETRY_AFTER`] before it
/// becomes a `Duration`).
fn backoff(attempt: u32, retry_after: Option<f64>) -> Duration {
    if let Some(seconds) = retry_after {
        return Duration::from_secs_f64(seconds.clamp(0.0, MAX_RETRY_AFTER.as_secs_f64()));
    }
    let ceiling = (Duration::from_millis(500) * 2u32.saturating_pow(attempt.min(16))).min(MAX_BACKOFF);
    ceiling.mul_f64(0.5 + fastrand::f64() * 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in [0, 1, 2, 3, 9, 40, u32::MAX] {
            let d = backoff(attempt, None);
            let ceiling = (Duration::from_millis(500) * 2u32.saturating_pow(attempt.min(16))).min(MAX_BACKOFF);
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

    #[test]
    fn hostile_retry_after_values_never_panic() {
        for value in ["inf", "Infinity", "1e20", "NaN", "-5", "1e308"] {
            let mut h = http::HeaderMap::new();
            h.insert("retry-after", value.parse().unwrap());
            let d = backoff(0, retry_after(&h));
            assert!(d <= MAX_RETRY_AFTER, "{value}: {d:?}");
            let mut h = http::HeaderMap::new();
            h.insert("retry-after-ms", value.parse().unwrap());
            assert!(backoff(0, retry_after(&h)) <= MAX_RETRY_AFTER.max(MAX_BACKOFF), "{value}");
        }
    }

    #[test]
    fn out_of_range_limits_are_bad_requests() {
        let now = Instant::now();
        for (t, fb, idle) in [(Some(1e19), None, None), (None, Some(f64::INFINITY), None), (None, None, Some(-1.0))] {
            let err = Limits::new(now, t, fb, idle, None).unwrap_err();
            assert_eq!(err.kind, crate::ErrorKind::BadRequestError, "{}", err.message);
        }
    }
}
