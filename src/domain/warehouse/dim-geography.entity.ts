import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One (state, region) pair as delivered; seeded with the 50 states and DC, extended by each
 * batch with the pairs it brings (unknown codes such as `PW` are kept, `is_known_state` false).
 */
@Entity({ schema: 'warehouse', name: 'dim_geography' })
export class DimGeography {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'BY DEFAULT' })
  geography_sk!: number;

  @Column('text')
  state!: string;

  @Column('text')
  region!: string;

  @Column('text')
  state_name!: string;

  @Column('text', { nullable: true })
  census_region!: string | null;

  @Column('text', { nullable: true })
  census_division!: string | null;

  @Column('boolean')
  is_known_state!: boolean;

  /** Batch that first saw the pair; NULL for the seeded states. */
  @Column('bigint', { nullable: true })
  load_id!: number | null;
}
