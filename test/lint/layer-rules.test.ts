// The layer rules of biome.json (ARCHITECTURE.md, "Layer rules"), seen failing. Each probe is a
// small module linted at a path inside a temporary copy of the repository's biome.json, so the
// per-path overrides apply to it as they would to real code: a forbidden import must be
// reported by the rule named, with the config's own message; its allowed twin must pass.
// A rule nobody sees fail is not proven. The renderer's features are checked for import
// cycles on the real tree (biome has no folder-level cycle rule).
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const BIOME = createRequire(join(ROOT, 'package.json')).resolve('@biomejs/biome/bin/biome')

interface Probe {
  /** Where the module sits (the overrides are chosen by path). */
  path: string
  source: string
  /** The rule that must report it and a piece of its message; null: nothing may be reported. */
  expect: { rule: string; says: string } | null
}

const SHELL = { rule: 'lint/style/noRestrictedImports', says: 'never imports a shell' }
const NODE = { rule: 'lint/correctness/noNodejsModules', says: 'Node.js builtin' }

const PROBES: Probe[] = [
  {
    path: 'main/core/runs/p1.ts',
    source: "import { a } from '../../electron/ipc'\nexport const b = a\n",
    expect: SHELL,
  },
  { path: 'main/core/p2.ts', source: "import { a } from '../web/server'\nexport const b = a\n", expect: SHELL },
  { path: 'main/core/load/p3.ts', source: "import { a } from '../../cli/bench'\nexport const b = a\n", expect: SHELL },
  { path: 'main/core/runs/p4.ts', source: "export const b = await import('../../web/server')\n", expect: SHELL },
  {
    path: 'main/core/settings/p5.ts',
    source: "import { app } from 'electron'\nexport const b = app\n",
    expect: { rule: 'lint/style/noRestrictedImports', says: 'Electron-free' },
  },
  { path: 'main/core/engine.ts', source: "import { a } from '../electron/ipc'\nexport const b = a\n", expect: SHELL },
  {
    path: 'main/core/runs/p6.ts',
    source: "import { completion } from '@edgequake/llm'\nexport const b = completion\n",
    expect: { rule: 'lint/style/noRestrictedImports', says: 'Only main/core/engine.ts' },
  },
  {
    path: 'main/common/p7.ts',
    source: "import { a } from '../core/engine'\nexport const b = a\n",
    expect: { rule: 'lint/style/noRestrictedImports', says: 'plain TypeScript only' },
  },
  {
    path: 'renderer/src/features/columns/p8.ts',
    source: "import { a } from 'node:fs'\nexport const b = a\n",
    expect: NODE,
  },
  { path: 'renderer/src/app/p9.tsx', source: "import { join } from 'path'\nexport const b = join\n", expect: NODE },
  {
    path: 'renderer/src/features/prompt/p10.ts',
    source: "import type { Stats } from 'node:fs'\nexport type B = Stats\n",
    expect: { rule: 'lint/style/noRestrictedImports', says: 'no Node' },
  },
  { path: 'renderer/src/shared/p11.ts', source: "import { a } from 'node:crypto'\nexport const b = a\n", expect: NODE },
  {
    path: 'renderer/src/shared/p12.ts',
    source: "import { a } from '../features/prompt/prompt-slice'\nexport const b = a\n",
    expect: { rule: 'lint/style/noRestrictedImports', says: 'imports no feature' },
  },
  // The allowed twins: the same places importing what their layer may.
  { path: 'main/core/runs/ok1.ts', source: "import { a } from '../settings/keys'\nexport const b = a\n", expect: null },
  {
    path: 'main/core/engine.ts',
    source: "import { completion } from '@edgequake/llm'\nexport const b = completion\n",
    expect: null,
  },
  { path: 'main/common/ok2.ts', source: "import { a } from './stats'\nexport const b = a\n", expect: null },
  {
    path: 'main/common/p13.ts',
    source: "import { completion } from '../../native/js/index.cjs'\nexport const b = completion\n",
    expect: { rule: 'lint/style/noRestrictedImports', says: 'generated type declarations' },
  },
  {
    path: 'main/common/ok4.ts',
    source: "import type { Timing } from '../../native/js/types/Timing'\nexport type B = Timing\n",
    expect: null,
  },
  {
    path: 'renderer/src/features/prompt/ok3.ts',
    source: "import { cleanParams } from '../../shared/clean-params'\nexport const b = cleanParams\n",
    expect: null,
  },
  {
    path: 'renderer/src/shared/ok4.ts',
    source: "import type { RunParams } from '../../../main/common/api'\nexport type B = RunParams\n",
    expect: null,
  },
]

/** Lints the probes (one biome run per batch of distinct paths); diagnostics by probe index. */
function lintProbes(probes: Probe[]): { rule: string; message: string }[][] {
  const found: { rule: string; message: string }[][] = probes.map(() => [])
  const pending = probes.map((_, i) => i)
  while (pending.length > 0) {
    const taken = new Set<string>()
    const batch = pending.filter((i) => !taken.has(probes[i]!.path) && taken.add(probes[i]!.path))
    pending.splice(0, pending.length, ...pending.filter((i) => !batch.includes(i)))
    const dir = mkdtempSync(join(tmpdir(), 'eq-layer-rules-'))
    try {
      copyFileSync(join(ROOT, 'biome.json'), join(dir, 'biome.json'))
      for (const i of batch) {
        mkdirSync(dirname(join(dir, probes[i]!.path)), { recursive: true })
        writeFileSync(join(dir, probes[i]!.path), probes[i]!.source)
      }
      const run = spawnSync(process.execPath, [BIOME, 'lint', '--reporter=github', '.'], { cwd: dir, encoding: 'utf8' })
      if (run.error) throw run.error
      // `::error title=lint/style/noRestrictedImports,file=main/core/p2.ts,line=1,…::message`
      for (const line of run.stdout.split('\n')) {
        const m = /^::\w+ title=([^,]+),file=([^,]+),[^:]*::(.*)$/.exec(line)
        if (!m) continue
        const file = m[2]!.replaceAll('\\', '/') // absolute or relative, by platform and version
        const i = batch.find((j) => file === probes[j]!.path || file.endsWith(`/${probes[j]!.path}`))
        if (i === undefined) throw new Error(`biome reported a file that is no probe: ${line}`)
        found[i]!.push({ rule: m[1]!, message: m[3]! })
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return found
}

describe('biome.json enforces the layers', () => {
  const found = lintProbes(PROBES)
  test.each(PROBES.map((p, i) => [p.path, p.source.split('\n')[0], i] as const))('%s: %s', (_path, _line, i) => {
    const { expect: wanted } = PROBES[i]!
    if (wanted === null) expect(found[i]).toEqual([])
    else expect(found[i]).toContainEqual({ rule: wanted.rule, message: expect.stringContaining(wanted.says) })
  })
})

/** Feature → features it imports (type-only imports too), from `renderer/src/features/<name>/` sources. */
function featureGraph(files: Map<string, string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  const featureOf = (path: string) => /^features\/([^/]+)\//.exec(path)?.[1]
  for (const [path, source] of files) {
    const from = featureOf(path)
    if (!from) continue
    const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!
    for (const m of source.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/g)) {
      const to = featureOf(join(dirname(path), m[1] ?? m[2]!))
      if (to && to !== from) edges.add(to)
    }
  }
  return graph
}

/** The first cycle found in `graph` (as a path a → … → a), or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node]
    if (state.get(node) === 'done') return null
    state.set(node, 'open')
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node])
      if (cycle) return cycle
    }
    state.set(node, 'done')
    return null
  }
  for (const node of graph.keys()) {
    const cycle = visit(node, [])
    if (cycle) return cycle
  }
  return null
}

function rendererSources(dir = join(ROOT, 'renderer/src')): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
    const full = join(entry.parentPath, entry.name)
    out.set(relative(join(ROOT, 'renderer/src'), full), readFileSync(full, 'utf8'))
  }
  return out
}

describe('renderer features import each other without a cycle', () => {
  test('the check finds a cycle through a type-only import', () => {
    const files = new Map([
      ['features/prompt/build-request.ts', "import type { ColumnConfig } from '../columns/columns-slice'\n"],
      ['features/columns/run-slice.ts', "import { buildRunRequest } from '../prompt/build-request'\n"],
      ['shared/format.ts', "import { x } from '../features/columns/lane'\n"],
    ])
    expect(findCycle(featureGraph(files))).toEqual(['prompt', 'columns', 'prompt'])
  })

  test('the real features form no cycle (pieces several features use live in renderer/src/shared)', () => {
    const graph = featureGraph(rendererSources())
    expect(graph.size).toBeGreaterThan(5)
    expect(findCycle(graph)).toBeNull()
  })
})

describe('main/core shows its architecture', () => {
  test('its root holds only the composition root and the engine boundary; every other job has its folder', () => {
    const rootFiles = readdirSync(join(ROOT, 'main/core'), { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort()
    expect(rootFiles).toEqual(['create-playground.ts', 'engine.ts'])
  })
})
