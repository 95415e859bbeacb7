// How OpenAI-compatible servers differ from OpenAI on the wire, for the scripts
// that ask for it (README "Scripts"): where reasoning goes (DeepSeek, gpt-oss,
// OpenRouter's reasoning_details, Mistral's thinking chunks) and Groq's usage.

/** @typedef {import('./types.mjs').Plan} Plan */

const J = JSON.stringify

/** @param {Plan} plan */
export function groqUsage(plan) {
  const u = plan.usage
  return {
    id: `req_fake_${plan.seq}`,
    usage: {
      queue_time: 0.01,
      prompt_tokens: u.prompt_tokens,
      prompt_time: 0.001,
      completion_tokens: u.completion_tokens,
      completion_time: 0.002,
      total_tokens: u.prompt_tokens + u.completion_tokens,
      total_time: 0.003,
    },
  }
}

/** Mistral's ThinkChunk (https://docs.mistral.ai/capabilities/reasoning/). */
export const thinkingChunk = (/** @type {string} */ text) => ({ type: 'thinking', thinking: [{ type: 'text', text }] })

/** OpenRouter's reasoning_details items (https://openrouter.ai/docs/use-cases/reasoning-tokens). */
export const textDetail = (/** @type {string} */ text) => ({ type: 'reasoning.text', text, format: 'unknown' })
export const encryptedDetail = (/** @type {Plan} */ plan) => ({
  type: 'reasoning.encrypted',
  data: plan.signature,
  format: 'unknown',
  index: 1,
})

/**
 * One streamed reasoning delta, where the scripted server puts it.
 * @param {Plan} plan
 * @param {string} r
 */
export function reasoningDelta(plan, r) {
  switch (plan.reasoningField) {
    case 'reasoning': // gpt-oss on Groq/OpenRouter
      return `{"reasoning":${J(r)}}`
    case 'reasoning_details': // OpenRouter, with no reasoning string beside it
      return `{"content":"","reasoning":null,"reasoning_details":[${J({ ...textDetail(r), index: 0 })}]}`
    case 'thinking_chunks': // Mistral's reasoning models
      return `{"content":${J([thinkingChunk(r)])}}`
    default: // DeepSeek sends content:null beside reasoning_content
      return `{"content":null,"reasoning_content":${J(r)}}`
  }
}
