// The committed icons are what assets/icon.svg renders to (scripts/make-icons.mjs,
// resvg): a PNG per Linux size plus the 1024 px master electron-builder turns into
// the macOS .icns and the Windows .ico, which the config points at.

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { buildIcons, LINUX_SIZES } from '../../scripts/make-icons.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const committed = (rel) => readFileSync(join(root, rel))

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file')
  assert.equal(buf.subarray(12, 16).toString('latin1'), 'IHDR')
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)]
}

describe('icons', () => {
  const fresh = buildIcons()

  test('one SVG source, and exactly the PNGs it renders to (no hand-made .icns or .ico)', () => {
    const assets = readdirSync(join(root, 'assets'))
    assert.ok(assets.includes('icon.svg'))
    assert.ok(!assets.some((f) => f.endsWith('.icns') || f.endsWith('.ico')), `${assets}`)
    const pngs = [
      ...assets.filter((f) => f.endsWith('.png')).map((f) => `assets/${f}`),
      ...readdirSync(join(root, 'assets/icons')).map((f) => `assets/icons/${f}`),
    ]
    assert.deepEqual(pngs.sort(), [...fresh.keys()].sort())
  })

  test('each PNG has its size; the master is 1024 px (what electron-builder needs for .icns)', () => {
    assert.deepEqual(pngSize(committed('assets/icon.png')), [1024, 1024])
    for (const size of LINUX_SIZES)
      assert.deepEqual(pngSize(committed(`assets/icons/${size}x${size}.png`)), [size, size])
  })

  // resvg renders the same bytes for the same input and version on one platform;
  // other platforms' float rounding may move an anti-aliased pixel, so compare here only.
  test('the committed PNGs are current (run `node scripts/make-icons.mjs` after editing the SVG)', {
    skip: process.platform !== 'linux' || process.arch !== 'x64' ? 'compared on linux-x64 only' : false,
  }, () => {
    for (const [rel, png] of fresh) assert.ok(committed(rel).equals(png), `${rel} is stale`)
  })
})
