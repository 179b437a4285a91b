import { Column } from 'typeorm';
import { BYTEA_HEX } from './bytea-hex.transformer';

/** End of the current version's validity: `9999-12-31 00:00:00+00`. */
export const OPEN_VALIDITY_END = new Date('9999-12-31T00:00:00Z');

/**
 * The SCD2 bookkeeping columns every versioned dimension carries (names as the plan gives
 * them); dimension entities extend this class.
 */
export abstract class Scd2VersionColumns {
  /** First instant the version is valid: the as_of of the seed set that brought it. */
  @Column('timestamptz')
  validity_start_ts!: Date;

  /** Exclusive end of validity; OPEN_VALIDITY_END on the current version. */
  @Column('timestamptz', { default: () => "'9999-12-31 00:00:00+00'" })
  validity_end_ts!: Date;

  @Column('boolean', { default: true })
  current_flag!: boolean;

  /** SHA-256 of the change drivers (see src/domain/scd2/attr-hash.ts), as hex. */
  @Column('bytea', { transformer: BYTEA_HEX })
  attr_hash!: string;

  /** Placeholder for a key a fact referenced before its row arrived. */
  @Column('boolean', { default: false })
  is_inferred!: boolean;

  @Column('bigint')
  load_id!: number;

  @Column('timestamptz', { default: () => 'now()' })
  created_at!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updated_at!: Date;
}
