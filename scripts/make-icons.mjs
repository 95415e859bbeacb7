#!/usr/bin/env node
// Renders the app icons from their one source, assets/icon.svg, with resvg (a
// maintained SVG renderer; @resvg/resvg-js):
//
//   assets/icon.png              1024 px: electron-builder derives the macOS .icns
//                                and the Windows .ico from it at packaging time
//   assets/icons/<n>x<n>.png     16…1024 px, the Linux icon set
//
// Usage: node scripts/make-icons.mjs   (test/ship/icons.test.mjs fails when the
// committed PNGs are not what the SVG renders to)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const root = fileURLToPath(new URL('..', import.meta.url))
export const SOURCE = join(root, 'assets/icon.svg')

/** The icon as a PNG `size` pixels wide. */
export function renderPng(size, svg = readFileSync(SOURCE, 'utf8')) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()
}

/** Every icon file: repository-relative path → PNG bytes. */
export function buildIcons() {
  const svg = readFileSync(SOURCE, 'utf8')
  const files = new Map([['assets/icon.png', renderPng(1024, svg)]])
  for (const size of LINUX_SIZES) files.set(`assets/icons/${size}x${size}.png`, renderPng(size, svg))
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(root, 'assets/icons'), { recursive: true })
  for (const [rel, png] of buildIcons()) {
    writeFileSync(join(root, rel), png)
    console.log(`wrote ${rel} (${png.length} bytes)`)
  }
}
