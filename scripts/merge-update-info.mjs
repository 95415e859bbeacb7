#!/usr/bin/env node
// Merges electron-updater feed files written by separate release runners.
//
// Each macOS runner (x64, arm64, universal) writes its own latest-mac.yml and each
// Windows runner (x64, arm64) its own latest.yml, each listing only that runner's
// files. The GitHub release may carry one file per name, so the release job merges
// them: one `files` list holding every arch. electron-updater then picks by arch:
// MacUpdater keeps the arm64 files on Apple silicon and drops them on Intel, and
// both then prefer the file whose name contains process.arch (Provider.findFile).
//
//   node scripts/merge-update-info.mjs <out.yml> <in.yml>...
//
// The inputs must agree on `version`; `path`/`sha512` (legacy single-file fields)
// come from the first input, `releaseDate` is the latest.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
// electron-builder's own YAML library: the same one that wrote these files.
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml')

/** Merges parsed update-info documents (pure; exported for tests). */
export function mergeUpdateInfo(docs) {
  if (docs.length === 0) throw new Error('nothing to merge')
  const versions = new Set(docs.map((d) => d.version))
  if (versions.size !== 1) throw new Error(`update files disagree on version: ${[...versions].join(', ')}`)
  const files = []
  const seen = new Set()
  for (const doc of docs) {
    for (const file of doc.files ?? []) {
      if (seen.has(file.url)) continue
      seen.add(file.url)
      files.push(file)
    }
  }
  const releaseDate = docs
    .map((d) => d.releaseDate)
    .filter(Boolean)
    .sort()
    .at(-1)
  return { ...docs[0], files, ...(releaseDate ? { releaseDate } : {}) }
}

/** Merges the feed files `inputs` into `out`; returns the merged document. */
export function mergeUpdateFiles(out, inputs) {
  const merged = mergeUpdateInfo(inputs.map((f) => yaml.load(readFileSync(f, 'utf8'))))
  writeFileSync(out, yaml.dump(merged, { lineWidth: -1 }))
  return merged
}

function main() {
  const [out, ...inputs] = process.argv.slice(2)
  if (!out || inputs.length === 0) {
    console.error('usage: node scripts/merge-update-info.mjs <out.yml> <in.yml>...')
    process.exit(2)
  }
  const merged = mergeUpdateFiles(out, inputs)
  console.log(`${out}: ${merged.files.map((f) => f.url).join(', ')}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
