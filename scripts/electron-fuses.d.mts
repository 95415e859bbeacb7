/** Types for electron-fuses.mjs (used from the TypeScript end-to-end tests). */
export type FuseName =
  | 'runAsNode'
  | 'enableCookieEncryption'
  | 'enableNodeOptionsEnvironmentVariable'
  | 'enableNodeCliInspectArguments'
  | 'enableEmbeddedAsarIntegrityValidation'
  | 'onlyLoadAppFromAsar'
  | 'loadBrowserProcessSpecificV8Snapshot'
  | 'grantFileProtocolExtraPrivileges'
export type FuseState = boolean | 'removed' | string
export declare const FUSE_INDEX: Record<FuseName, number>
export declare const REQUIRED_FUSES: Partial<Record<FuseName, boolean>>
export declare function readFuses(path: string): Promise<Partial<Record<FuseName, FuseState>>>
export declare function fuseProblems(
  actual: Partial<Record<FuseName, FuseState>>,
  required?: Partial<Record<FuseName, boolean>>,
): string[]
export declare function flipFuses(path: string, settings: Partial<Record<FuseName, boolean>>): Promise<number>
export declare function findPackagedBinary(path: string): string
