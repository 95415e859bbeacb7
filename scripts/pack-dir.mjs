#!/usr/bin/env node
// Packs the app for this OS and arch with electron-builder's `dir` target (the unpacked app
// every installer wraps), with electron-builder.yml as the release uses it, fuses included,
// but unsigned and unpublished. Electron itself comes the way a release gets it (downloaded
// by electron-builder), so this runs where GitHub is reachable: CI's packaged-app smoke job.
//
//   node scripts/pack-dir.mjs [--out DIR]     (default: release-smoke/)
//       prints the packed app (the .app bundle, the .exe, or the Linux executable)
//
// The main/renderer bundles and this host's engine binary must be built first
// (npm run build); the packaged-app smoke test and test/ship/electron-fuses.test.mjs
// then take the result through EQ_PACKAGED_APP.

import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findPackagedBinary } from './electron-fuses.mjs'
import { ensureBuilt, ROOT } from './stage-app.mjs'

const require = createRequire(join(ROOT, 'package.json'))

export async function packDir(out = join(ROOT, 'release-smoke')) {
  const { build, Platform, Arch } = require('electron-builder')
  // electron-builder logs to stdout; keep it for the packed path only.
  createRequire(require.resolve('electron-builder'))('builder-util').setPrinter((m) => process.stderr.write(`${m}\n`))
  await build({
    projectDir: ROOT,
    targets: Platform.current().createTarget('dir', Arch[process.arch]),
    publish: 'never',
    config: {
      directories: { output: out },
      // Unsigned: no identity is looked up (fuses are still flipped, and re-signed ad hoc on macOS).
      mac: { identity: null, notarize: false },
      publish: { provider: 'github', owner: 'edgequake-smoke', repo: 'edgequake-playground' },
    },
  })
  return findPackagedBinary(out)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out')
  ensureBuilt()
  packDir(i >= 0 ? resolve(process.argv[i + 1]) : undefined)
    .then((app) => console.log(app))
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
