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
 * Coverage span (type 2): a termination (end_date), a premium correction or a CSR change makes
 * a new version. Member-grain: the primary key leads with member_id.
 */
@Scd2Dimension({ source: 'enrollments' })
@Entity({ schema: 'warehouse', name: 'dim_enrollment' })
export class DimEnrollment extends Scd2VersionColumns {
  @SurrogateKey()
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  enrollment_sk!: number;

  @NaturalKey()
  @PrimaryColumn('text')
  member_id!: string;

  @NaturalKey()
  @Column('text')
  plan_id!: string;

  @NaturalKey()
  @Column('date')
  start_date!: string;

  @ChangeDriver()
  @Column('date', { nullable: true })
  end_date!: string | null;

  @ChangeDriver()
  @Column('numeric', { precision: 14, scale: 2, nullable: true })
  premium_paid!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  csr_variant!: string | null;

  @Type1()
  @Column('text', { nullable: true })
  enrollment_id!: string | null;
}
