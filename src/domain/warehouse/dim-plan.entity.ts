import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ChangeDriver, NaturalKey, Scd2Dimension, SurrogateKey } from '../scd2/scd2-metadata';
import { Scd2VersionColumns } from './scd2-version.columns';

/** Plan design of one benefit year (SCD2 within the year: a mid-year correction is a version). */
@Scd2Dimension({ source: 'plans' })
@Entity({ schema: 'warehouse', name: 'dim_plan' })
export class DimPlan extends Scd2VersionColumns {
  @SurrogateKey()
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  plan_sk!: number;

  @NaturalKey()
  @Column('text')
  plan_id!: string;

  @NaturalKey()
  @Column('integer')
  effective_year!: number;

  @ChangeDriver()
  @Column('text', { nullable: true })
  name!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  metal_tier!: string | null;

  @ChangeDriver()
  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  monthly_premium!: string | null;

  @ChangeDriver()
  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  deductible!: string | null;

  @ChangeDriver()
  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  oop_max!: string | null;

  @ChangeDriver()
  @Column('numeric', { precision: 5, scale: 4, nullable: true })
  coinsurance_rate!: string | null;

  @ChangeDriver()
  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  pcp_copay!: string | null;
}
