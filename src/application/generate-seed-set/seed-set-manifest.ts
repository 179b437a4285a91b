/** The manifest.json a generated seed set carries (the contract's fields plus generator data). */
import { MessyFileReport } from './model/messy-rows';

export interface ManifestFileEntry {
  readonly rows: number;
  readonly sha256: string;
}

/** What the generator records about itself; the incremental chain reads it back. */
export interface GeneratorSection {
  readonly name: 'aca-warehouse generate';
  readonly format: 1;
  /** Seed of the chain (latent member traits, text pools). */
  readonly seed: number;
  /** Seed of this step's own randomness (incremental runs; equals `seed` for a full set). */
  readonly step_seed: number;
  readonly claims_per_member_year: number;
  /** First and last day whose coverage and claims this seed set carries. */
  readonly period: { readonly start: string; readonly end: string };
  readonly benefit_years: readonly number[];
  /** Highest member and provider numbers used so far in the chain. */
  readonly max_member_no: number;
  readonly max_provider_no: number;
  readonly options: Readonly<Record<string, number | string | boolean>>;
}

export interface SeedSetManifest {
  readonly as_of: string;
  readonly kind: 'full' | 'incremental';
  readonly files: Readonly<Record<string, ManifestFileEntry>>;
  readonly generator: GeneratorSection;
  /** Incremental sets: the seed set this one continues (path relative to this folder). */
  readonly previous?: { readonly as_of: string; readonly path: string };
  /** Incremental sets: what changed, by kind. */
  readonly changes?: Readonly<Record<string, number>>;
  /** Messy mode: damaged rows per file (counts by kind and line numbers). */
  readonly messy?: Readonly<Record<string, MessyFileReport>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that a parsed manifest was written by this generator (it can continue the chain). */
export function asGeneratedManifest(value: unknown, folder: string): SeedSetManifest {
  if (!isRecord(value) || typeof value.as_of !== 'string' || !isRecord(value.generator)) {
    throw new Error(`${folder} has no manifest.json written by this generator; --from needs one`);
  }
  const g = value.generator;
  if (g.name !== 'aca-warehouse generate' || typeof g.seed !== 'number' || !isRecord(g.period)) {
    throw new Error(`${folder}/manifest.json was not written by this generator`);
  }
  return value as unknown as SeedSetManifest;
}
