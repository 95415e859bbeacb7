/** Types of index.mjs for the TypeScript tests (test/real/e2e/). */
export type ServerName = 'llama' | 'litellm' | 'ollama'
export interface Endpoint {
  url: string
}
export interface Servers {
  llama?: Endpoint
  litellm?: Endpoint & { key: string }
  ollama?: Endpoint
}
export const MOCK_TEXT: string
export const MODEL: string
export const OLLAMA_MODEL: string
export function llamaTotals(
  url: string,
): Promise<{ promptSeconds: number; promptTokens: number; decodeSeconds: number; decodeTokens: number }>
export function sharedServers(): Servers | null
export function startServers(names: ServerName[]): Promise<{ servers: Servers; stop: () => Promise<void> }>
export function acquireServers(
  names: ServerName[],
): Promise<{ servers: Required<Servers>; release: () => Promise<void> }>
