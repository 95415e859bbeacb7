/**
 * The headless shell: `npm run cli -- bench <spec.json|yaml> [--out DIR] [--data-dir DIR] [--no-history]`.
 * Same core as the desktop and browser shells (main/core), same history (browser mode's
 * data directory by default: `$EQ_DATA_DIR` or ~/.edgequake-playground). Exit codes: 0 ok,
 * 1 an SLO gate failed, 2 bad arguments or spec, 3 every run failed.
 */
import { parseArgs } from 'node:util'
import { createEngine } from '../core/engine'
import { runBench } from './bench'
import { EXIT } from './cli-io'

const USAGE = `usage: edgequake bench <spec.json|spec.yaml> [--out DIR] [--data-dir DIR] [--no-history]

  --out DIR        where the JSON, HTML and Markdown reports go (default: the spec's out, else ./edgequake-reports)
  --data-dir DIR   the history to record the run in (default: $EQ_DATA_DIR or ~/.edgequake-playground)
  --no-history     record nothing (a temporary data directory)

Exit codes: 0 ok, 1 an SLO gate failed, 2 bad arguments or spec, 3 every run failed.
See README.md, "Headless benchmarks", for the spec format.
`

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (err) {
    process.stderr.write(`edgequake: ${(err as Error).message}\n${USAGE}`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(USAGE)
    return EXIT.ok
  }
  const [command, spec, ...rest] = positionals
  if (command !== 'bench' || !spec || rest.length > 0) {
    process.stderr.write(USAGE)
    return EXIT.usage
  }
  const options: Parameters<typeof runBench>[0] = {
    spec,
    engine: createEngine(),
    noHistory: values['no-history'] === true,
  }
  if (values.out) options.out = values.out
  if (values['data-dir']) options.dataDir = values['data-dir']
  return runBench(options, {
    stdout: { write: (t) => process.stdout.write(t), isTTY: process.stdout.isTTY === true },
    stderr: { write: (t) => process.stderr.write(t), isTTY: process.stderr.isTTY === true },
    env: process.env,
  })
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-history': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (err) => {
      process.stderr.write(`edgequake: ${(err as Error).stack ?? err}\n`)
      process.exitCode = EXIT.runFailed
    },
  )
}
