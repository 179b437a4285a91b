import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import {
  ChangeDriver,
  NaturalKey,
  Scd2Dimension,
  SurrogateKey,
  Type1,
} from '../scd2/scd2-metadata';
import { Scd2VersionColumns } from './scd2-version.columns';

/**
 * Member version (SCD2). Change drivers as the plan lists them, plus state and zip; contact
 * details, counts and scores are type 1. `age_group` (when not delivered), `fpl_band` and
 * `geography_sk` are derived while reading staging. The primary key leads with member_id, the
 * distribution column for scale-out.
 */
@Scd2Dimension({ source: 'members' })
@Entity({ schema: 'warehouse', name: 'dim_member' })
export class DimMember extends Scd2VersionColumns {
  @SurrogateKey()
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  member_sk!: number;

  @NaturalKey()
  @PrimaryColumn('text')
  member_id!: string;

  @ChangeDriver()
  @Column('text', { nullable: true })
  first_name!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  last_name!: string | null;

  @ChangeDriver()
  @Column('date', { nullable: true })
  dob!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  gender!: string | null;

  /** Delivered, or derived from dob at the batch as_of. */
  @ChangeDriver()
  @Column('text', { nullable: true })
  age_group!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  state!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  zip!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  region!: string | null;

  /** Derived from (state, region), which are drivers. */
  @Type1()
  @Column('integer', { nullable: true })
  geography_sk!: number | null;

  @ChangeDriver()
  @Column('numeric', { precision: 6, scale: 3, nullable: true })
  fpl_ratio!: string | null;

  /** Derived from fpl_ratio, which is a driver. */
  @Type1()
  @Column('text', { nullable: true })
  fpl_band!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  plan_metal!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  plan_network_access_type!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  clinical_segment!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  general_agency_name!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  broker_name!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  sa_contracting_entity_name!: string | null;

  @ChangeDriver()
  @Column('boolean', { nullable: true })
  new_member_in_period!: boolean | null;

  @ChangeDriver()
  @Column('boolean', { nullable: true })
  member_used_app!: boolean | null;

  @ChangeDriver()
  @Column('boolean', { nullable: true })
  member_had_web_login!: boolean | null;

  @ChangeDriver()
  @Column('boolean', { nullable: true })
  member_visited_new_provider_ind!: boolean | null;

  @ChangeDriver()
  @Column('boolean', { nullable: true })
  high_cost_member!: boolean | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  mutually_exclusive_hcc_condition!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  geographic_reporting!: string | null;

  @ChangeDriver()
  @Column('integer', { nullable: true })
  year!: number | null;

  @Type1()
  @Column('text', { nullable: true })
  email!: string | null;

  @Type1()
  @Column('text', { nullable: true })
  phone!: string | null;

  @Type1()
  @Column('text', { nullable: true })
  street!: string | null;

  @Type1()
  @Column('text', { nullable: true })
  city!: string | null;

  @Type1()
  @Column('text', { nullable: true })
  hios_id!: string | null;

  @Type1()
  @Column('integer', { nullable: true })
  enrollment_length_continuous!: number | null;

  @Type1()
  @Column('integer', { nullable: true })
  call_count!: number | null;

  @Type1()
  @Column('integer', { nullable: true })
  app_login_count!: number | null;

  @Type1()
  @Column('integer', { nullable: true })
  web_login_count!: number | null;

  @Type1()
  @Column('integer', { nullable: true })
  wisconsin_area_deprivation_index!: number | null;

  @Type1()
  @Column('numeric', { precision: 10, scale: 4, nullable: true })
  ra_mm!: string | null;
}
