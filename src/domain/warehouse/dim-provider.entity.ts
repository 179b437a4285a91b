import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import {
  ChangeDriver,
  NaturalKey,
  Scd2Dimension,
  SurrogateKey,
  Type1,
} from '../scd2/scd2-metadata';
import { Scd2VersionColumns } from './scd2-version.columns';

/** Provider version (SCD2): identity, specialty and practice location; the NPI is type 1. */
@Scd2Dimension({ source: 'providers' })
@Entity({ schema: 'warehouse', name: 'dim_provider' })
export class DimProvider extends Scd2VersionColumns {
  @SurrogateKey()
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  provider_sk!: number;

  @NaturalKey()
  @Column('text')
  provider_id!: string;

  @Type1()
  @Column('text', { nullable: true })
  npi!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  name!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  specialty!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  street!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  city!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  state!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  zip!: string | null;

  @ChangeDriver()
  @Column('text', { nullable: true })
  phone!: string | null;
}
