// ESM entry: the same implementation as index.cjs (one module instance, one binding).
import { createRequire } from 'node:module'

const llm = createRequire(import.meta.url)('./index.cjs')

export const {
  completion,
  stream_parts,
  acompletion,
  stream_chunk_builder,
  list_models,
  providers,
  param_ranges,
  warm,
  embedding,
  aembedding,
  responses,
  aresponses,
  price_table,
  cost_per_token,
  completion_cost,
  token_counter,
  count_tokens,
  redact,
  REDACTED,
  EdgeQuakeLLMError,
  BadRequestError,
  ContextWindowExceededError,
  ContentPolicyViolationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  Timeout,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ServiceUnavailableError,
  APIConnectionError,
  APIError,
  AbortError,
} = llm
export default llm
