// native/js/index.d.ts is the package's typed surface: every value it declares must
// exist at runtime (CommonJS and ESM entries alike), and every runtime export must be
// declared. Its boundary types come from native/js/types/ (generated from Rust by
// ts-rs; scripts/gen-types.mjs --check guards their freshness), and the whole file
// must type-check on its own.

import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const require = createRequire(import.meta.url)
const NATIVE_JS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'native', 'js')
const DTS = join(NATIVE_JS, 'index.d.ts')

/** Names of the values (functions, classes, consts) index.d.ts exports. */
function declaredValues() {
  const source = ts.createSourceFile(DTS, ts.sys.readFile(DTS) ?? '', ts.ScriptTarget.Latest, true)
  const names = new Set()
  const exported = (node) => node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  for (const node of source.statements) {
    if (!exported(node)) continue
    if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) names.add(node.name.text)
    if (ts.isVariableStatement(node)) for (const d of node.declarationList.declarations) names.add(d.name.text)
  }
  return names
}

test('every value index.d.ts declares exists at runtime, and nothing undeclared is exported', async () => {
  const declared = [...declaredValues()].sort()
  const cjs = Object.keys(require('@edgequake/llm')).sort()
  const esm = Object.keys(await import('@edgequake/llm'))
    .filter((k) => k !== 'default')
    .sort()
  assert.ok(declared.length > 20, `index.d.ts declares ${declared.length} values`)
  assert.deepEqual(cjs, declared, 'CommonJS exports = declared values')
  assert.deepEqual(esm, declared, 'ESM exports = declared values')
})

test('every error kind the engine can raise has its class, and every class is a kind', async () => {
  const generated = ts.sys.readFile(join(NATIVE_JS, 'types', 'ErrorKind.ts')) ?? ''
  const kinds = [...generated.matchAll(/"(\w+)"/g)].map((m) => m[1]).sort()
  const llm = require('@edgequake/llm')
  const classes = Object.keys(llm)
    .filter((k) => typeof llm[k] === 'function' && llm[k].prototype instanceof llm.EdgeQuakeLLMError)
    .sort()
  assert.ok(kinds.length >= 14, `ErrorKind lists ${kinds.length} kinds`)
  assert.deepEqual(classes, kinds)
})

test('index.d.ts and the generated types type-check on their own, strictly', () => {
  const program = ts.createProgram([DTS], {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    typeRoots: [join(NATIVE_JS, '..', '..', 'node_modules', '@types')],
  })
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  assert.deepEqual(problems, [])
})
