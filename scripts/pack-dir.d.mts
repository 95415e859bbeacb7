/** Types for pack-dir.mjs: packs this OS/arch's unpacked app and returns its path. */
export declare function packDir(out?: string): Promise<string>
