/**
 * `npm run web`: browser mode. Hosts the core with the real engine, the
 * settings and history in `$EQ_DATA_DIR` (default ~/.edgequake-playground)
 * and keys in a 0600 file there, and prints the one URL that opens the app.
 *   node dist/main/web.cjs [--port N]     (or EQ_PORT=N; default: a free port)
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createPlayground } from '../core/create-playground'
import { createEngine } from '../core/engine'
import { createFileSecretStore } from '../core/settings/file-secret-store'
import { browserDataDir } from '../core/storage/data-dir'
import { startWebServer } from './server'

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } })
  const port = Number(values.port ?? process.env.EQ_PORT ?? 0)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0 to 65535, got ${values.port}`)
  const dataDir = browserDataDir()
  // The bundle lives in dist/main/; the renderer build in dist/renderer/.
  const staticDir = process.env.EQ_STATIC_DIR ? resolve(process.env.EQ_STATIC_DIR) : resolve(__dirname, '../renderer')
  const playground = createPlayground({ engine: createEngine(), dataDir, secrets: createFileSecretStore(dataDir) })
  const server = await startWebServer({ api: playground.api, staticDir, port })
  process.stdout.write(
    [
      'EdgeQuake Playground (browser mode) is running. Open:',
      `  ${server.launchUrl}`,
      `Data: ${dataDir} (API keys are stored unencrypted in secrets.json, readable by you only)`,
      'Ctrl+C to stop.',
      '',
    ].join('\n'),
  )
  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    await server.close()
    await playground.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((err) => {
  console.error(`edgequake-playground: ${(err as Error).message}`)
  process.exit(1)
})
