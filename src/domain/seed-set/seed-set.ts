import { SeedEntity } from '../seed-contract/column-spec';

export type SeedKind = 'full' | 'incremental';

/** Where a seed set's as_of came from, in the contract's order of precedence. */
export type AsOfSource = 'manifest' | 'argument' | 'folder-name' | 'load-time';

export interface SeedSetFile {
  readonly entity: SeedEntity;
  /** File name inside the folder, e.g. `claims.csv`. */
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  /** sha256 of the file as read from disk (hex). */
  readonly sha256: string;
  /** What the manifest declares, when there is one; staging refuses a mismatch. */
  readonly manifestRows?: number;
  readonly manifestSha256?: string;
}

/** One seed set folder, resolved: its as_of, kind and the five files with their checksums. */
export interface SeedSet {
  readonly folder: string;
  readonly asOf: Date;
  readonly asOfSource: AsOfSource;
  readonly kind: SeedKind;
  readonly files: readonly SeedSetFile[];
}
