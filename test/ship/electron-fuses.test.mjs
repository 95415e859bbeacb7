// Electron fuses: electron-builder.yml asks for the ones the app must ship with (through
// electron-builder's own `electronFuses`, validated by its schema), and a packaged app's
// binary has them. The binary check runs where a real packaged app exists: CI's
// packaged-app smoke job packs one with `electron-builder --dir` and points EQ_PACKAGED_APP
// at it. Here, where Electron's binary cannot be downloaded, it skips saying so; the
// stand-in binary staged by test/ship/stage-app.test.mjs is read back there instead.

import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { findPackagedBinary, fuseProblems, REQUIRED_FUSES, readFuses } from '../../scripts/electron-fuses.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(join(root, 'package.json'))
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'))
const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config')
builderRequire('builder-util').setPrinter((message) => process.stderr.write(`${message}\n`))
const quietLogger = { isEnabled: false, add() {} }

let config
before(async () => {
  config = await getConfig(root, null, null)
})

describe('electronFuses in electron-builder.yml', () => {
  test('runAsNode, NODE_OPTIONS and --inspect off; asar integrity and asar-only on; no file:// privileges', () => {
    const { resetAdHocDarwinSignature, ...set } = config.electronFuses
    assert.deepEqual(set, REQUIRED_FUSES)
  })

  test('unsigned macOS builds are re-signed ad hoc after the flip, so they still start on Apple silicon', () => {
    assert.equal(config.electronFuses.resetAdHocDarwinSignature, true)
  })

  test("electron-builder's schema accepts the fuses, and refuses a misspelt one", async () => {
    await validateConfiguration(config, quietLogger)
    const broken = structuredClone(config)
    broken.electronFuses.runAsnode = false
    await assert.rejects(validateConfiguration(broken, quietLogger), /electronFuses/)
  })

  test('the required set is the one from the issue and Electron guidance', () => {
    assert.deepEqual(Object.keys(REQUIRED_FUSES).sort(), [
      'enableEmbeddedAsarIntegrityValidation',
      'enableNodeCliInspectArguments',
      'enableNodeOptionsEnvironmentVariable',
      'grantFileProtocolExtraPrivileges',
      'onlyLoadAppFromAsar',
      'runAsNode',
    ])
    assert.deepEqual(fuseProblems({ ...REQUIRED_FUSES, runAsNode: true }), ['runAsNode is true, must be false'])
  })
})

const packaged = process.env.EQ_PACKAGED_APP
describe('the packaged app binary', {
  skip:
    !packaged &&
    "no packaged app (EQ_PACKAGED_APP unset: CI packs one with Electron's real binary); the staged stand-in is checked by stage-app.test.mjs",
}, () => {
  test(`${packaged}: every required fuse is set in the binary`, async () => {
    const binary = findPackagedBinary(packaged)
    const actual = await readFuses(binary)
    assert.deepEqual(fuseProblems(actual), [], `${binary}: ${JSON.stringify(actual)}`)
  })
})
