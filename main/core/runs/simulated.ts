/**
 * The "Simulated" provider: `simulated/<name>` columns run through the real
 * engine with `mock_response`, so they exercise the same stream, timing and
 * event path as a network call with no key and no network. Their pacing (first
 * token delay, token rate) comes from Settings; they double as the baseline of
 * the app's own overhead.
 */
export const SIMULATED_PROVIDER = 'simulated'
/** The Simulated provider's name on screen (it is the app's, not the engine's registry). */
export const SIMULATED_LABEL = 'Simulated'

export const SIMULATED_MODELS = [
  { id: 'simulated/alpha', label: 'Simulated α' },
  { id: 'simulated/beta', label: 'Simulated β' },
  { id: 'simulated/gamma', label: 'Simulated γ' },
] as const

export function isSimulated(model: string): boolean {
  return model.startsWith(`${SIMULATED_PROVIDER}/`)
}

/** The engine model id a simulated column is sent as (the mock never touches the network). */
export function simulatedEngineModel(model: string): string {
  return `openai/${model.slice(SIMULATED_PROVIDER.length + 1) || 'simulated'}`
}

/**
 * A deterministic multi-paragraph markdown answer (a heading, a list, a code
 * block) that echoes the prompt's first words, so columns visibly answer the
 * prompt and the renderer's markdown path is exercised while streaming.
 */
export function simulatedAnswer(prompt: string, model: string): string {
  const words = prompt.trim().split(/\s+/).filter(Boolean).slice(0, 8).join(' ')
  const topic = words
    ? `“${words.replace(/[`*_]/g, '')}${prompt.trim().split(/\s+/).length > 8 ? '…' : ''}”`
    : 'your prompt'
  return [
    `## Simulated answer from \`${model}\``,
    '',
    `You asked about ${topic}. This reply is generated locally by the **Simulated** provider: no key, no network, and a pace you set in Settings (first-token delay and tokens per second).`,
    '',
    'What it is good for:',
    '',
    '1. Trying the playground before adding any key.',
    "2. Measuring the app's own overhead: the difference between the configured pace and the measured one.",
    '3. Checking that several columns start together and stream smoothly.',
    '',
    'A code block, streamed like any other text:',
    '',
    '```js',
    "import { completion } from '@edgequake/llm'",
    '',
    'const stream = await completion({',
    `  model: '${model}',`,
    `  messages: [{ role: 'user', content: ${JSON.stringify(words || 'Hello')} }],`,
    '  stream: true,',
    '})',
    'for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "")',
    '```',
    '',
    '> Real providers answer with their own words and their own latency; compare them side by side with this baseline.',
  ].join('\n')
}
