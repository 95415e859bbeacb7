import type { SecretStoreInfo, UpdateStatus } from '../../../../main/common/api'

/** What Settings says about where keys are kept; `warn` when they lack OS protection. */
export interface StoreText {
  title: string
  detail: string
  warn: boolean
}

const BACKENDS: Record<string, string> = {
  Keychain: 'the macOS Keychain',
  DPAPI: 'Windows DPAPI',
  gnome_libsecret: 'the Secret Service (GNOME Keyring)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
}

export function secretStoreText(info: SecretStoreInfo): StoreText {
  const where = info.path ? ` Saved in ${info.path}.` : ''
  const locked = info.lockedIds?.length
    ? ` ${info.lockedIds.length} key(s) saved encrypted earlier (${info.lockedIds.join(', ')}) cannot be read until OS ` +
      'encryption is available again; they come back then, or set them again here to use them now.'
    : ''
  switch (info.kind) {
    case 'os':
      return {
        title: `Keys are encrypted by ${BACKENDS[info.backend ?? ''] ?? info.backend ?? 'the operating system'}.`,
        detail: `${where}${locked}`.trim(),
        warn: Boolean(locked),
      }
    case 'basic-text':
      return {
        title: 'Keys are stored without real protection (Linux basic_text).',
        detail:
          `No keyring was found, so Electron obscures keys with a fixed, public key: anyone who can read your files can read them.${where} ` +
          `Run a keyring (GNOME Keyring or KWallet) for OS encryption.${locked}`,
        warn: true,
      }
    case 'plain-file':
      return {
        title: 'Keys are stored without OS encryption.',
        detail: `They sit unencrypted in a file only you can read (browser mode, or OS encryption unavailable): anyone who can read your files can read them.${where}${locked}`,
        warn: true,
      }
    case 'memory':
      return { title: 'Keys are kept in memory only.', detail: 'They are gone when the app quits.', warn: false }
  }
}

export function updatesText(status: UpdateStatus): string {
  switch (status.mode) {
    case 'automatic':
      return `Updates are automatic: ${status.reason}.`
    case 'manual':
      return `Updates are manual: ${status.reason}.`
    case 'off':
      return `Updates are off: ${status.reason}.`
  }
}
