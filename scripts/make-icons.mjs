#!/usr/bin/env node
// Generates every app icon from one source: the vector drawing below (a
// seismograph trace broken by a lightning bolt on a rounded-square gradient),
// rasterized at each size with analytic anti-aliasing. Needs nothing but Node.
//
//   assets/icon.png              1024 px master (electron-builder's fallback)
//   assets/icons/<n>x<n>.png     16…1024 px, the Linux icon set
//   assets/icon.ico              16–128 px as 32-bit BMP entries, 256 px as PNG
//   assets/icon.icns             ic07–ic10 (128, 256, 512, 1024 px) PNG entries
//
// Deterministic: only + - * / sqrt are used on pixels (no sin/exp, whose last
// bit may differ between V8 builds), so every machine renders the same pixels.
// zlib's compressed bytes may still differ between Node versions; the
// test (test/ship/icons.test.mjs) therefore compares decoded pixels.
//
// Usage: node scripts/make-icons.mjs

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync, inflateSync } from 'node:zlib'

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
export const ICNS_ENTRIES = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
]

// ---------------------------------------------------------------- the drawing
// Unit square coordinates (0..1, y down), laid out on Apple's 1024 px icon grid:
// an 824 px body with 100 px margins, so the mac icon sits right in the Dock.

const BODY = { cx: 0.5, cy: 0.5, half: 0.4023, radius: 0.1816 }
const BG_TOP = [124, 58, 237] // violet-600
const BG_BOTTOM = [30, 27, 75] // indigo-950
const GLOW = [34, 211, 238] // cyan-400
const WAVE = [165, 243, 252] // cyan-200
const BOLT_TOP = [254, 240, 138] // yellow-200
const BOLT_BOTTOM = [245, 158, 11] // amber-500
const BOLT_EDGE = [146, 64, 14] // amber-800

// The trace: flat, tremors growing towards the bolt, tremors dying out, flat.
const WAVE_Y = 0.545
const WAVE_POINTS = [
  [0.17, 0],
  [0.25, 0],
  [0.285, -0.035],
  [0.315, 0.045],
  [0.345, -0.07],
  [0.375, 0.06],
  [0.4, 0],
  [0.6, 0],
  [0.625, -0.055],
  [0.655, 0.05],
  [0.69, -0.03],
  [0.72, 0.02],
  [0.75, 0],
  [0.83, 0],
].map(([x, dy]) => [x, WAVE_Y + dy])
const WAVE_WIDTH = 0.03

// The bolt, slanted, its tip below the trace (drawn at 88 % around its middle).
const BOLT = [
  [0.545, 0.16],
  [0.705, 0.16],
  [0.6, 0.425],
  [0.7, 0.425],
  [0.41, 0.865],
  [0.49, 0.54],
  [0.365, 0.54],
].map(([x, y]) => [0.535 + (x - 0.535) * 0.88, 0.51 + (y - 0.51) * 0.88])

const clamp01 = (v) => Math.min(Math.max(v, 0), 1)
const mix = (a, b, t) => a + (b - a) * t
const smooth = (t) => {
  const x = clamp01(t)
  return x * x * (3 - 2 * x)
}

/** Signed distance to the rounded square body (negative inside). */
function bodyDistance(x, y, grow = 0) {
  const half = BODY.half + grow
  const r = BODY.radius + grow
  const qx = Math.abs(x - BODY.cx) - half + r
  const qy = Math.abs(y - BODY.cy) - half + r
  const ox = Math.max(qx, 0)
  const oy = Math.max(qy, 0)
  return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - r
}

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax
  const dy = by - ay
  const t = clamp01(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))
  const px = ax + t * dx - x
  const py = ay + t * dy - y
  return Math.sqrt(px * px + py * py)
}

function polylineDistance(x, y, points) {
  let d = Number.POSITIVE_INFINITY
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]
    const [bx, by] = points[i]
    d = Math.min(d, segmentDistance(x, y, ax, ay, bx, by))
  }
  return d
}

/** Signed distance to a closed polygon (negative inside, even-odd rule). */
function polygonDistance(x, y, poly) {
  let d = Number.POSITIVE_INFINITY
  let inside = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j]
    const [bx, by] = poly[i]
    d = Math.min(d, segmentDistance(x, y, ax, ay, bx, by))
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside
  }
  return inside ? -d : d
}

/** Straight-alpha "over": paints `rgb` with opacity `a` onto pixel `px` (floats 0..1). */
function over(px, rgb, a) {
  if (a <= 0) return
  const outA = a + px[3] * (1 - a)
  for (let c = 0; c < 3; c++) px[c] = ((rgb[c] / 255) * a + px[c] * px[3] * (1 - a)) / outA
  px[3] = outA
}

const lerpRgb = (a, b, t) => [mix(a[0], b[0], t), mix(a[1], b[1], t), mix(a[2], b[2], t)]

/** Renders the icon at `size` px: RGBA, 8 bits per channel, straight alpha. */
export function renderIcon(size) {
  const out = new Uint8Array(size * size * 4)
  const px = [0, 0, 0, 0]
  const aa = 1 / size // one pixel, in unit coordinates
  const cover = (d) => clamp01(0.5 - d / aa)
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size
      const y = (j + 0.5) / size
      px[0] = px[1] = px[2] = px[3] = 0

      // Soft drop shadow under the body.
      const shadow = bodyDistance(x, y - 0.012, -0.004)
      over(px, [0, 0, 0], 0.35 * (1 - smooth((shadow + 0.004) / 0.03)))

      const body = cover(bodyDistance(x, y))
      if (body > 0) {
        const inBody = [0, 0, 0, 0]
        // Background: violet to indigo, top to bottom, with a cyan glow behind the bolt.
        const t = clamp01((y - 0.1) / 0.8)
        const bg = lerpRgb(BG_TOP, BG_BOTTOM, smooth(t))
        over(inBody, bg, 1)
        const gx = (x - 0.53) / 0.3
        const gy = (y - 0.52) / 0.3
        over(inBody, GLOW, 0.28 * (1 - smooth(Math.sqrt(gx * gx + gy * gy))))
        // A faint sheen across the top third.
        over(inBody, [255, 255, 255], 0.07 * (1 - smooth((y - 0.12) / 0.3)))

        // Seismograph trace.
        over(inBody, WAVE, 0.95 * cover(polylineDistance(x, y, WAVE_POINTS) - WAVE_WIDTH / 2))

        // Bolt: a blurred shadow, a dark rim, then the gradient fill.
        const boltShadow = polygonDistance(x - 0.01, y - 0.016, BOLT)
        over(inBody, [15, 10, 40], 0.45 * (1 - smooth((boltShadow + 0.004) / 0.022)))
        const bolt = polygonDistance(x, y, BOLT)
        over(inBody, BOLT_EDGE, 0.8 * cover(bolt - 0.0045))
        const bt = clamp01((y - 0.2) / 0.6)
        over(inBody, lerpRgb(BOLT_TOP, BOLT_BOTTOM, bt), cover(bolt + 0.0015))

        over(
          px,
          inBody.slice(0, 3).map((c) => c * 255),
          body * inBody[3],
        )
      }

      const o = (j * size + i) * 4
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(clamp01(px[c]) * 255)
      out[o + 3] = Math.round(clamp01(px[3]) * 255)
    }
  }
  return out
}

// ----------------------------------------------------------------- containers

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** PNG filter 4 (Paeth) predictor. */
function paeth(a, b, c) {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** Encodes RGBA pixels as a PNG, choosing each row's filter by the usual minimum-sum heuristic. */
export function encodePng(size, rgba) {
  const stride = size * 4
  const raw = Buffer.alloc((stride + 1) * size)
  const candidate = Buffer.alloc(stride)
  const best = Buffer.alloc(stride)
  for (let y = 0; y < size; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride)
    const prev = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : null
    let bestType = 0
    let bestScore = Number.POSITIVE_INFINITY
    for (let type = 0; type <= 4; type++) {
      let score = 0
      for (let i = 0; i < stride; i++) {
        const a = i >= 4 ? row[i - 4] : 0
        const b = prev ? prev[i] : 0
        const c = prev && i >= 4 ? prev[i - 4] : 0
        const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]
        const v = (row[i] - predictor) & 0xff
        candidate[i] = v
        score += v < 128 ? v : 256 - v
      }
      if (score < bestScore) {
        bestScore = score
        bestType = type
        candidate.copy(best)
      }
    }
    raw[y * (stride + 1)] = bestType
    best.copy(raw, y * (stride + 1) + 1)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** Decodes a PNG written by encodePng (8-bit RGBA, non-interlaced) back to pixels. */
export function decodePng(png) {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG')
  let offset = 8
  let width = 0
  let height = 0
  const idat = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('only 8-bit RGBA non-interlaced PNGs')
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * 4
  const out = new Uint8Array(stride * height)
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? out[y * stride + i - 4] : 0
      const b = y > 0 ? out[(y - 1) * stride + i] : 0
      const c = y > 0 && i >= 4 ? out[(y - 1) * stride + i - 4] : 0
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][type]
      out[y * stride + i] = (raw[y * (stride + 1) + 1 + i] + predictor) & 0xff
    }
  }
  return { width, height, rgba: out }
}

/** A classic ICO bitmap entry: BITMAPINFOHEADER, bottom-up BGRA rows, an all-zero AND mask. */
function icoBitmap(size, rgba) {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // XOR bitmap + AND mask
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const src = ((size - 1 - y) * size + x) * 4
      const dst = (y * size + x) * 4
      pixels[dst] = rgba[src + 2]
      pixels[dst + 1] = rgba[src + 1]
      pixels[dst + 2] = rgba[src]
      pixels[dst + 3] = rgba[src + 3]
    }
  }
  const maskStride = Math.ceil(size / 32) * 4
  return Buffer.concat([header, pixels, Buffer.alloc(maskStride * size)])
}

/** ICO: BMP entries below 256 px (every Windows version reads them), PNG at 256 px. */
export function encodeIco(images) {
  const head = Buffer.alloc(6 + 16 * images.length)
  head.writeUInt16LE(0, 0)
  head.writeUInt16LE(1, 2) // type 1: icon
  head.writeUInt16LE(images.length, 4)
  const bodies = []
  let offset = head.length
  images.forEach(({ size, rgba, png }, i) => {
    const data = size >= 256 ? png : icoBitmap(size, rgba)
    const e = 6 + i * 16
    head[e] = size >= 256 ? 0 : size // 0 means 256
    head[e + 1] = size >= 256 ? 0 : size
    head.writeUInt16LE(1, e + 4) // planes
    head.writeUInt16LE(32, e + 6) // bits per pixel
    head.writeUInt32LE(data.length, e + 8)
    head.writeUInt32LE(offset, e + 12)
    bodies.push(data)
    offset += data.length
  })
  return Buffer.concat([head, ...bodies])
}

/** ICNS: the 'icns' header, then one (type, length, PNG) entry per size. */
export function encodeIcns(entries) {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4)
  return Buffer.concat([head, ...parts])
}

// --------------------------------------------------------------------- output

/** Every output file, relative to the repo root → its bytes. */
export function buildIcons() {
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([, s]) => s)])]
  const images = new Map()
  for (const size of sizes) {
    const rgba = renderIcon(size)
    images.set(size, { size, rgba, png: encodePng(size, rgba) })
  }
  const files = new Map()
  files.set('assets/icon.png', images.get(1024).png)
  for (const size of LINUX_SIZES) files.set(`assets/icons/${size}x${size}.png`, images.get(size).png)
  files.set('assets/icon.ico', encodeIco(ICO_SIZES.map((s) => images.get(s))))
  files.set('assets/icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, s]) => [type, images.get(s).png])))
  return files
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  for (const [rel, bytes] of buildIcons()) {
    mkdirSync(dirname(join(root, rel)), { recursive: true })
    writeFileSync(join(root, rel), bytes)
    console.log(`wrote ${rel} (${bytes.length} bytes)`)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
