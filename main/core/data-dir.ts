/** Browser mode's data directory: `$EQ_DATA_DIR`, else `~/.edgequake-playground` (Electron uses userData instead). */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export function browserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.EQ_DATA_DIR ? resolve(env.EQ_DATA_DIR) : join(homedir(), '.edgequake-playground')
}
