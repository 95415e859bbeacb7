/**
 * The headless shell's Node entry point: `npm run cli -- bench <spec.json|yaml> [--out DIR]
 * [--data-dir DIR] [--no-history]` (the command line itself is command.ts, shared with the
 * desktop app's bench mode). Same core as the desktop and browser shells (main/core), same
 * history (browser mode's data directory by default: `$EQ_DATA_DIR` or
 * ~/.edgequake-playground). Exit codes: 0 ok, 1 an SLO gate failed, 2 bad arguments or
 * spec, 3 every run failed.
 */
import { createEngine } from '../core/engine'
import { crashLine, EXIT } from './cli-io'
import { runCommand } from './command'

export function main(argv: string[]): Promise<number> {
  return runCommand(argv, {
    program: 'edgequake',
    engine: createEngine,
    dataDirHelp: '$EQ_DATA_DIR or ~/.edgequake-playground',
    io: {
      stdout: { write: (t) => process.stdout.write(t), isTTY: process.stdout.isTTY === true },
      stderr: { write: (t) => process.stderr.write(t), isTTY: process.stderr.isTTY === true },
      env: process.env,
    },
  })
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (err) => {
      process.stderr.write(crashLine('edgequake', err))
      process.exitCode = EXIT.runFailed
    },
  )
}
