import { SeedSet, SeedSetFile } from '../../domain/seed-set/seed-set';

/**
 * Where seed sets come from (a folder of five CSV files and an optional manifest.json; see
 * the seed-set contract). The pipeline opens a seed set first, to learn its as_of and checksums
 * before it creates the batch; staging then streams each file through `read`.
 */
export interface SeedSetSource {
  /**
   * Resolves a seed set folder: checks the five files exist (a missing one fails with an error
   * naming it), reads manifest.json when present, computes every file's sha256 and size, and
   * resolves as_of (manifest, else `options.asOf`, else a timestamp folder name, else now) and
   * kind (manifest, else `full`).
   */
  open(folder: string, options?: { asOf?: Date }): Promise<SeedSet>;
  /**
   * The sub-folders of `parent` that are seed sets (hold members.csv or manifest.json), as
   * absolute paths sorted by resolved as_of, then name.
   */
  listSeedSets(parent: string): Promise<string[]>;
  /**
   * The file's bytes as a stream of chunks (not aligned on records). Fails at the end if the
   * bytes read no longer match the size and sha256 that `open` recorded.
   */
  read(file: SeedSetFile): AsyncIterable<Buffer>;
}

export const SEED_SET_SOURCE = Symbol('SeedSetSource');
