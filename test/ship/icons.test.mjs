// The committed icons are what scripts/make-icons.mjs draws today (compared as
// decoded pixels: zlib's bytes may differ between Node versions), and each
// container is well formed: PNG sizes for Linux, ICO 16–256 px, ICNS ic07–ic10.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { buildIcons, decodePng, ICNS_ENTRIES, ICO_SIZES, LINUX_SIZES, renderIcon } from '../../scripts/make-icons.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const committed = (rel) => readFileSync(join(root, rel))

/** ICO directory entries: size, and the image bytes (PNG or BMP). */
function readIco(buf) {
  assert.equal(buf.readUInt16LE(0), 0)
  assert.equal(buf.readUInt16LE(2), 1, 'ICO type must be 1 (icon)')
  const count = buf.readUInt16LE(4)
  return Array.from({ length: count }, (_, i) => {
    const e = 6 + i * 16
    const length = buf.readUInt32LE(e + 8)
    const offset = buf.readUInt32LE(e + 12)
    return { size: buf[e] || 256, bits: buf.readUInt16LE(e + 6), data: buf.subarray(offset, offset + length) }
  })
}

/** ICNS entries: [type, data]. */
function readIcns(buf) {
  assert.equal(buf.toString('latin1', 0, 4), 'icns')
  assert.equal(buf.readUInt32BE(4), buf.length, 'ICNS length field must be the file length')
  const entries = []
  for (let offset = 8; offset < buf.length; ) {
    const length = buf.readUInt32BE(offset + 4)
    entries.push([buf.toString('latin1', offset, offset + 4), buf.subarray(offset + 8, offset + length)])
    offset += length
  }
  return entries
}

const isPng = (data) => data.subarray(1, 4).toString('latin1') === 'PNG'

let fresh
before(() => {
  fresh = buildIcons()
})

describe('icons', () => {
  test('rendering is deterministic', () => {
    assert.deepEqual(renderIcon(48), renderIcon(48))
  })

  test('the committed PNGs are the current drawing, at their sizes', () => {
    const pngs = [...fresh.keys()].filter((rel) => rel.endsWith('.png'))
    assert.deepEqual(pngs.sort(), ['assets/icon.png', ...LINUX_SIZES.map((s) => `assets/icons/${s}x${s}.png`)].sort())
    for (const rel of pngs) {
      const now = decodePng(fresh.get(rel))
      const then = decodePng(committed(rel))
      assert.equal(then.width, now.width, rel)
      assert.equal(then.height, now.height, rel)
      assert.ok(
        Buffer.from(then.rgba).equals(Buffer.from(now.rgba)),
        `${rel} is stale: run node scripts/make-icons.mjs`,
      )
    }
    assert.equal(decodePng(committed('assets/icon.png')).width, 1024)
  })

  test('icon.ico holds 16–256 px, 32-bit, with the current pixels', () => {
    const entries = readIco(committed('assets/icon.ico'))
    const freshEntries = readIco(fresh.get('assets/icon.ico'))
    assert.deepEqual(
      entries.map((e) => e.size),
      ICO_SIZES,
    )
    entries.forEach((e, i) => {
      assert.equal(e.bits, 32)
      if (isPng(e.data)) {
        assert.ok(Buffer.from(decodePng(e.data).rgba).equals(Buffer.from(decodePng(freshEntries[i].data).rgba)))
      } else {
        assert.equal(e.data.readUInt32LE(0), 40, 'BMP entries start with a BITMAPINFOHEADER')
        assert.ok(e.data.equals(freshEntries[i].data), `ICO ${e.size} px is stale`)
      }
    })
    assert.ok(isPng(entries.at(-1).data), 'the 256 px entry is PNG-compressed')
  })

  test('icon.icns holds ic07–ic10 PNGs of 128–1024 px with the current pixels', () => {
    const entries = readIcns(committed('assets/icon.icns'))
    const freshEntries = readIcns(fresh.get('assets/icon.icns'))
    assert.deepEqual(
      entries.map(([type]) => type),
      ICNS_ENTRIES.map(([type]) => type),
    )
    entries.forEach(([type, data], i) => {
      const png = decodePng(data)
      const size = ICNS_ENTRIES[i][1]
      assert.equal(png.width, size, type)
      assert.ok(Buffer.from(png.rgba).equals(Buffer.from(decodePng(freshEntries[i][1]).rgba)), `${type} is stale`)
    })
  })
})
