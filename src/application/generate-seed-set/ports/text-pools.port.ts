/**
 * Pools of realistic text (names, streets, cities) built once per run from a seeded fake-data
 * library, so the hot loop picks from arrays instead of calling the library per row.
 */
export interface TextPools {
  readonly femaleFirstNames: readonly string[];
  readonly maleFirstNames: readonly string[];
  readonly lastNames: readonly string[];
  /** Street names without house number (`Maple Avenue`). */
  readonly streetNames: readonly string[];
  /** City names; the generator gives each state its own slice. */
  readonly cityNames: readonly string[];
}

export interface TextPoolSizes {
  readonly firstNames: number;
  readonly lastNames: number;
  readonly streetNames: number;
  readonly cityNames: number;
}

export interface TextPoolsPort {
  /** Same seed, reference date and sizes give the same pools. */
  build(seed: number, referenceDate: Date, sizes: TextPoolSizes): TextPools;
}
