/**
 * The headless shell's command line, run by both binaries that ship it: `dist/main/cli.cjs`
 * under Node (main.ts) and the desktop app's own executable in bench mode
 * (main/electron/bench-mode.ts). Parses `bench <spec> [--out DIR] [--data-dir DIR]
 * [--no-history]`, prints the usage on bad arguments (exit 2) and runs the bench.
 *
 * Kept apart from main.ts, whose `require.main === module` start would also fire inside
 * the Electron bundle (esbuild makes the bundle the main module).
 */
import { parseArgs } from 'node:util'
import type { Engine } from '../core/engine'
import type { SecretStore } from '../core/settings/secret-store'
import { runBench } from './bench'
import { type CliIo, EXIT } from './cli-io'

/** What differs between the shells that run the command line. */
export interface CommandContext {
  /** The name the usage shows: `edgequake` for the Node binary, the app's executable in bench mode. */
  program: string
  engine: () => Engine
  io: CliIo
  /** The history to record in without `--data-dir` (absent: browser mode's, `$EQ_DATA_DIR` or ~/.edgequake-playground). */
  dataDir?: string
  /** How the usage names that default. */
  dataDirHelp: string
  /** The key store of the data directory in use (absent: the plaintext file store, as in browser mode). */
  openSecrets?: (dataDir: string) => Promise<SecretStore>
}

export function usage(context: Pick<CommandContext, 'program' | 'dataDirHelp'>): string {
  return `usage: ${context.program} bench <spec.json|spec.yaml> [--out DIR] [--data-dir DIR] [--no-history]

  --out DIR        where the JSON, HTML and Markdown reports go (default: the spec's out, else ./edgequake-reports)
  --data-dir DIR   the history to record the run in (default: ${context.dataDirHelp})
  --no-history     record nothing (a temporary data directory)

Exit codes: 0 ok, 1 an SLO gate failed, 2 bad arguments or spec, 3 every run failed.
See README.md, "Headless benchmarks", for the spec format.
`
}

/** Runs `argv` (the arguments after the program: `bench spec.yaml …`) and answers the exit code. */
export async function runCommand(argv: string[], context: CommandContext): Promise<number> {
  const { io } = context
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (err) {
    io.stderr.write(`${context.program}: ${(err as Error).message}\n${usage(context)}`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(usage(context))
    return EXIT.ok
  }
  const [command, spec, ...rest] = positionals
  if (command !== 'bench' || !spec || rest.length > 0) {
    io.stderr.write(usage(context))
    return EXIT.usage
  }
  const options: Parameters<typeof runBench>[0] = {
    spec,
    engine: context.engine(),
    noHistory: values['no-history'] === true,
  }
  if (values.out) options.out = values.out
  const dataDir = values['data-dir'] ?? context.dataDir
  if (dataDir) options.dataDir = dataDir
  if (context.openSecrets) options.openSecrets = context.openSecrets
  return runBench(options, io)
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
