#!/usr/bin/env node
// Gathers what the installer runners uploaded into the GitHub release's assets, as
// release.yml's github-release job does (and test/ship/release-rehearsal.test.mjs rehearses):
//   <installers>/installers-<runner>/   each runner's installers, blockmaps and latest*.yml
//   -> <out>/  every installer once; each electron-updater feed merged across the runners
//      that wrote it (latest-mac.yml from the three macOS runners, latest.yml from both
//      Windows ones); SHA256SUMS.txt over all of it
// and the release notes: CHANGELOG.md's section for the version.
//
//   node scripts/release/assemble-release.mjs --installers <dir> --out <dir>
//        [--version <v> --changelog CHANGELOG.md --notes <file> [--notes-optional]]
// --notes-optional (dry runs from a branch, whose version has no section yet) turns a
// missing CHANGELOG section into a warning.

import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mergeUpdateFiles } from '../merge-update-info.mjs'
import { releaseNotes } from './release-notes.mjs'
import { log } from './run.mjs'

const FEED = /^latest.*\.yml$/
export const CHECKSUMS = 'SHA256SUMS.txt'

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** Assembles the assets; throws listing every problem found (nothing half-assembled is published). */
export function assembleRelease({ installersDir, outDir }) {
  if (!existsSync(installersDir))
    throw new Error(`no installers at ${installersDir}: download the installers-* artifacts`)
  const runners = readdirSync(installersDir)
    .filter((name) => statSync(join(installersDir, name)).isDirectory())
    .sort()
  if (runners.length === 0) throw new Error(`no installers-* directories in ${installersDir}`)
  mkdirSync(outDir, { recursive: true })

  const problems = []
  const sources = new Map() // asset name -> where it came from
  const feeds = new Map() // feed name -> the runners' copies
  for (const runner of runners) {
    const files = readdirSync(join(installersDir, runner)).sort()
    if (!files.some((f) => !FEED.test(f))) problems.push(`${runner} uploaded no installer`)
    if (!files.some((f) => FEED.test(f))) problems.push(`${runner} uploaded no update feed (latest*.yml)`)
    for (const file of files) {
      const path = join(installersDir, runner, file)
      if (FEED.test(file)) {
        feeds.set(file, [...(feeds.get(file) ?? []), path])
      } else if (sources.has(file)) {
        problems.push(`${file} was uploaded by two runners: ${sources.get(file)} and ${runner}`)
      } else {
        sources.set(file, runner)
        copyFileSync(path, join(outDir, file))
      }
    }
  }

  const feedFiles = {}
  for (const [name, copies] of [...feeds].sort(([a], [b]) => a.localeCompare(b))) {
    const merged = mergeUpdateFiles(join(outDir, name), copies)
    feedFiles[name] = merged.files.map((f) => f.url)
    for (const url of feedFiles[name]) {
      if (!sources.has(url)) problems.push(`${name} points at ${url}, which no runner uploaded`)
    }
  }
  if (problems.length > 0) throw new Error(`the release assets are incomplete:\n  ${problems.join('\n  ')}`)

  const assets = readdirSync(outDir)
    .filter((f) => f !== CHECKSUMS)
    .sort()
  writeFileSync(join(outDir, CHECKSUMS), assets.map((f) => `${sha256(join(outDir, f))}  ${f}\n`).join(''))
  log(`[release] ${assets.length} assets from ${runners.length} runners, feeds: ${Object.keys(feedFiles).join(', ')}`)
  return { assets: [...assets, CHECKSUMS].sort(), feeds: feedFiles }
}

function arg(name) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const outDir = arg('--out')
    const { assets } = assembleRelease({ installersDir: arg('--installers'), outDir })
    for (const asset of assets) console.log(asset)
    if (arg('--notes')) {
      try {
        writeFileSync(arg('--notes'), releaseNotes(readFileSync(arg('--changelog'), 'utf8'), arg('--version')))
      } catch (err) {
        if (!process.argv.includes('--notes-optional')) throw err
        log(`::warning::${err.message}`)
      }
    }
  } catch (err) {
    console.error(err.message)
    process.exit(1)
  }
}
