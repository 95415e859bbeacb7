/**
 * A child process for the history crash test: runs one long column with the
 * fake engine and prints every `parts` event's text as it is emitted, until
 * the parent kills it with SIGKILL mid-stream. Bundled on the fly by the test.
 */
import { createPlayground } from '../../main/core/create-playground'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'
import { FakeEngine } from './fake-engine'

const dataDir = process.argv[2]!
const engine = new FakeEngine()
engine.script('openai/endless', { chunks: Array.from({ length: 10_000 }, (_, i) => `w${i} `), ttftMs: 1, gapMs: 2 })
const playground = createPlayground({ engine, dataDir, secrets: createMemorySecretStore(), localServers: [] })
void playground.api.startRun(
  {
    messages: [{ role: 'user', content: 'crash me' }],
    params: {},
    columns: [{ columnId: 'a', model: 'openai/endless' }],
  },
  (event) => {
    if (event.type === 'run-started') process.stdout.write(`RUN ${event.runId}\n`)
    if (event.type === 'parts') {
      const text = event.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')
      process.stdout.write(`PARTS ${JSON.stringify(text)}\n`)
    }
  },
)
