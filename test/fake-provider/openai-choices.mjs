// OpenAI features that change the shape of each choice: `n` (several choices,
// each chunk naming its `index`), `logprobs` (a `{content: [...]}` object per
// chunk and per whole choice) and llama.cpp's `timings` (its server's own
// timing, on the finish chunk and whole responses). README "Scripts".

/** @typedef {import('./types.mjs').Plan} Plan */

/** Choice i > 0 says who it is, so tests can tell choices apart. */
export const choiceText = (/** @type {number} */ i, /** @type {string} */ c, /** @type {number} */ k) =>
  i > 0 && k === 0 ? `#${i} ${c}` : c

/**
 * One token's log probability, shaped as OpenAI sends it (fixed values).
 * @param {string} token
 */
export const tokenLogprob = (token) => ({
  token,
  logprob: -0.5,
  bytes: Array.from(Buffer.from(token, 'utf8')),
  top_logprobs: [],
})

/**
 * `logprobs` of one content chunk, or null when not asked for.
 * @param {Plan} plan
 * @param {string} token
 */
export const chunkLogprobs = (plan, token) =>
  plan.logprobs ? JSON.stringify({ content: [tokenLogprob(token)], refusal: null }) : 'null'

/**
 * The whole choices of a non-streamed reply: choice 0 as given, then copies.
 * @param {Plan} plan
 * @param {Record<string, any>} first
 */
export function wholeChoices(plan, first) {
  const out = [first]
  for (let i = 1; i < plan.n; i++) {
    const text = plan.chunks.map((c, k) => choiceText(i, c, k)).join('')
    out.push({ ...first, index: i, message: { ...first.message, content: text } })
  }
  if (plan.logprobs) {
    for (const [i, choice] of out.entries()) {
      const tokens = plan.chunks.map((c, k) => choiceText(i, c, k))
      choice.logprobs = { content: tokens.map(tokenLogprob), refusal: null }
    }
  }
  return out
}

/**
 * One streamed audio delta (OpenAI's `delta.audio`): the token as transcript and
 * as base64 "audio" data; the first one carries the id.
 * @param {Plan} plan
 * @param {string} token
 * @param {number} k
 */
export const audioDelta = (plan, token, k) =>
  JSON.stringify({
    audio: {
      ...(k === 0 ? { id: `audio_fake_${plan.seq}` } : {}),
      transcript: token,
      data: Buffer.from(token).toString('base64'),
    },
  })

/** The whole reply's `message.audio`. @param {Plan} plan */
export const wholeAudio = (plan) => ({
  id: `audio_fake_${plan.seq}`,
  expires_at: plan.created + 3600,
  transcript: plan.chunks.join(''),
  data: plan.chunks.map((c) => Buffer.from(c).toString('base64')).join(''),
})
