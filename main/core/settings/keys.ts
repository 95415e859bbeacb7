/**
 * Which key a provider's calls use and where it comes from: a key saved in
 * Settings wins over the provider's environment variable (e.g. OPENAI_API_KEY),
 * so a user can override a shell-wide key. Keys leave this module only towards
 * engine calls and the scrubber.
 */
import type { KeyStatus } from '../../common/api'
import type { EngineProvider } from '../engine'
import { endpointSecretId, type SecretStore } from './secret-store'

export interface Keys {
  status(provider: string): Promise<KeyStatus>
  /** The key for a provider's calls, or null. */
  forProvider(provider: string): Promise<string | null>
  forEndpoint(endpointId: string): Promise<string | null>
  /** Every key value known, saved or from the environment: what the scrubber removes. */
  allValues(endpointIds: string[]): Promise<string[]>
}

export function createKeys(
  secrets: SecretStore,
  providers: () => EngineProvider[],
  env: NodeJS.ProcessEnv = process.env,
): Keys {
  const envKey = (provider: string): string | null => {
    const name = providers().find((p) => p.name === provider)?.key_env
    const value = name ? env[name]?.trim() : undefined
    return value ? value : null
  }
  return {
    async status(provider) {
      if (await secrets.has(provider)) return { set: true, source: 'saved' }
      if (envKey(provider)) return { set: true, source: 'env' }
      return { set: false, source: null }
    },
    async forProvider(provider) {
      return (await secrets.get(provider)) ?? envKey(provider)
    },
    forEndpoint: (endpointId) => secrets.get(endpointSecretId(endpointId)),
    async allValues(endpointIds) {
      const values: string[] = []
      for (const p of providers()) {
        const saved = await secrets.get(p.name)
        if (saved) values.push(saved)
        const fromEnv = envKey(p.name)
        if (fromEnv) values.push(fromEnv)
      }
      for (const id of endpointIds) {
        const saved = await secrets.get(endpointSecretId(id))
        if (saved) values.push(saved)
      }
      return values
    },
  }
}
