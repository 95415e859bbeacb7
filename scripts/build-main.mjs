// Bundles the main-process entry points with esbuild (Node 20, CommonJS):
//   main/web/start.ts       → dist/main/web.cjs            (browser mode: npm run web)
//   main/electron/main.ts   → dist/main/electron-main.cjs  (desktop main process)
//   main/electron/preload.ts→ dist/main/preload.cjs        (sandboxed preload)
//   main/cli/main.ts        → dist/main/cli.cjs            (headless benchmarks: npm run cli -- bench <spec>)
// The native engine, the SQLite wasm build, electron and electron-updater stay
// external: they are loaded from node_modules (or the app's resources) at run time.
// Usage: node scripts/build-main.mjs [--watch] [--only web|electron-main|preload|cli] [--quiet]
import { build, context } from 'esbuild'

const args = process.argv.slice(2)
const watch = args.includes('--watch')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: args.includes('--quiet') ? 'warning' : 'info',
  external: ['electron', 'electron-updater', '@edgequake/llm', 'node-sqlite3-wasm'],
}

const entries = [
  { entryPoints: ['main/web/start.ts'], outfile: 'dist/main/web.cjs' },
  { entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron-main.cjs' },
  // A sandboxed preload may require only 'electron' (and a few Node built-ins): everything else is bundled in.
  { entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] },
  { entryPoints: ['main/cli/main.ts'], outfile: 'dist/main/cli.cjs' },
].filter((e) => !only || e.outfile === `dist/main/${only}.cjs`)
if (entries.length === 0) throw new Error(`--only ${only}: no such entry (web, electron-main, preload, cli)`)

if (watch) {
  for (const entry of entries) await (await context({ ...common, ...entry })).watch()
} else {
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })))
}
