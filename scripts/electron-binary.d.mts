/** Electron's binary path when it was downloaded, else null (never triggers a download). */
export function electronBinary(): string | null
