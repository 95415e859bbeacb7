#!/usr/bin/env node
// Publishes the packages scripts/release/npm-packages.mjs prepared, in order: the nine
// @edgequake/llm-<platform> packages, then @edgequake/llm. Used by release.yml's npm job
// and rehearsed by test/ship/release-rehearsal.test.mjs against a registry on 127.0.0.1.
//
// Authentication, decided once for all ten packages before any is published:
//   - trusted publishing (OIDC; the normal case): no token anywhere. npm can only trust a
//     publisher on a package that exists, so a name missing from the registry stops the
//     release here, before anything is published (a dry run warns instead).
//   - first publish: NODE_AUTH_TOKEN holds a one-time npm token (the protected `release`
//     environment's NPM_TOKEN secret). It creates the names; docs/INSTALL.md says how to
//     switch each package to trusted publishing and revoke the token afterwards.
// The token is never written to disk or argv: the npmrc npm reads says ${NODE_AUTH_TOKEN}.
// A version already on the registry is skipped, so a re-run after a failure finishes the job.
//
//   node scripts/release/publish-npm.mjs [--dry-run] [--native <dir>] [--registry <url>] [--json]
// --json prints the report (what was or would be published, with each tarball's files).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { publishOrder } from './npm-packages.mjs'
import { log, ROOT, run } from './run.mjs'

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/'

/** The dist-tag a version goes out under: prereleases (0.2.0-rc.1) never become `latest`. */
export const distTag = (version) => (version.includes('-') ? 'next' : 'latest')

/** The npmrc for this run: a token reference for the first publish, nothing for OIDC. */
export function npmrcFor({ registry, token }) {
  if (!token) return ''
  const { host, pathname } = new URL(registry)
  return `//${host}${pathname.endsWith('/') ? pathname : `${pathname}/`}:_authToken=\${NODE_AUTH_TOKEN}\n`
}

function parseJson(text, what) {
  const start = text.search(/[[{"]/)
  if (start < 0) throw new Error(`${what}: npm printed no JSON`)
  return JSON.parse(text.slice(start))
}

/** Whether `name` exists on the registry and whether it already has `version`. */
function registryState(npm, name, version) {
  try {
    const out = npm(['view', name, 'versions', '--json', '--prefer-online'])
    const versions = [parseJson(out, `npm view ${name}`)].flat()
    return { exists: true, published: versions.includes(version) }
  } catch (err) {
    if (/E404/.test(`${err.stdout}${err.stderr}`)) return { exists: false, published: false }
    throw new Error(`could not ask the registry about ${name}: ${err.message}`)
  }
}

/**
 * Publishes (or, with dryRun, packs and reports) every package in `nativeDir`.
 * Returns one entry per package: name, version, tag, action ('publish' | 'skip') and,
 * when packed, the files in its tarball.
 */
export function publishNpmPackages({
  nativeDir = join(ROOT, 'native'),
  dryRun = false,
  registry = DEFAULT_REGISTRY,
  token = '',
}) {
  const config = mkdtempSync(join(tmpdir(), 'eq-npmrc-'))
  const userconfig = join(config, 'npmrc')
  writeFileSync(userconfig, npmrcFor({ registry, token }), { mode: 0o600 })
  const env = { ...process.env, NODE_AUTH_TOKEN: token }
  const npm = (args, cwd = nativeDir) =>
    run('npm', [...args, '--registry', registry, '--userconfig', userconfig], { cwd, env, capture: true })
  try {
    const packages = publishOrder(nativeDir).map((dir) => {
      const { name, version } = JSON.parse(readFileSync(join(nativeDir, dir, 'package.json'), 'utf8'))
      return { dir, name, version, tag: distTag(version), ...registryState(npm, name, version) }
    })
    const auth = token ? 'a one-time token (first publish)' : 'trusted publishing (OIDC)'
    log(`[release] publishing ${packages.length} packages with ${auth}${dryRun ? ', dry run' : ''}`)
    const unknown = packages.filter((p) => !p.exists).map((p) => p.name)
    if (unknown.length > 0 && !token) {
      const message =
        `not on ${registry} yet: ${unknown.join(', ')}. Trusted publishing cannot create a package: ` +
        'do the first publish with a one-time token (docs/INSTALL.md, "The first release")'
      if (!dryRun) throw new Error(message)
      log(`::warning::${message}`)
    }

    const report = []
    for (const pkg of packages) {
      if (pkg.published) {
        log(`[release] ${pkg.name}@${pkg.version} is already on the registry: skipped`)
        report.push({ name: pkg.name, version: pkg.version, tag: pkg.tag, action: 'skip' })
        continue
      }
      const args = ['publish', '--access', 'public', '--tag', pkg.tag, '--ignore-scripts', '--json']
      args.push(dryRun ? '--dry-run' : '--provenance')
      const out = parseJson(npm(args, join(nativeDir, pkg.dir)), `npm publish ${pkg.name}`)
      const packed = out[pkg.name] ?? out
      report.push({
        name: pkg.name,
        version: packed.version,
        tag: pkg.tag,
        action: 'publish',
        files: packed.files.map((f) => f.path).sort(),
      })
    }
    return report
  } finally {
    rmSync(config, { recursive: true, force: true })
  }
}

function arg(name) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const dryRun = process.argv.includes('--dry-run')
    const report = publishNpmPackages({
      nativeDir: resolve(arg('--native') ?? join(ROOT, 'native')),
      dryRun,
      registry: arg('--registry') ?? DEFAULT_REGISTRY,
      token: process.env.NODE_AUTH_TOKEN ?? '',
    })
    if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2))
    else
      for (const p of report) {
        const what = p.action === 'skip' ? 'already published' : `${dryRun ? 'would publish' : 'published'}`
        console.log(`${p.name}@${p.version} (${p.tag}): ${what}${p.files ? ` [${p.files.join(', ')}]` : ''}`)
      }
  } catch (err) {
    console.error(err.message)
    process.exit(1)
  }
}
