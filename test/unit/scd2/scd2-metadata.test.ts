import { expect } from 'chai';
import {
  ChangeDriver,
  isScd2Dimension,
  NaturalKey,
  Scd2Dimension,
  scd2MetadataOf,
  SurrogateKey,
  Type1,
} from '../../../src/domain/scd2';
import {
  DimDate,
  DimEnrollment,
  DimGeography,
  DimMember,
  DimPlan,
  DimProvider,
} from '../../../src/domain/warehouse';
import { scd2TableOf } from '../../../src/infrastructure/persistence/scd2-table';

describe('SCD2 metadata of the dimension entities', () => {
  it('dim_member: the plan’s change drivers plus state and zip, in name order; the rest type 1', () => {
    const meta = scd2MetadataOf(DimMember);
    expect(meta.surrogateKey).to.equal('member_sk');
    expect(meta.naturalKey).to.deep.equal(['member_id']);
    expect(meta.source).to.equal('members');
    expect(meta.changeDrivers).to.deep.equal(
      [
        'first_name',
        'last_name',
        'dob',
        'gender',
        'age_group',
        'region',
        'fpl_ratio',
        'clinical_segment',
        'general_agency_name',
        'broker_name',
        'sa_contracting_entity_name',
        'new_member_in_period',
        'member_used_app',
        'member_had_web_login',
        'member_visited_new_provider_ind',
        'high_cost_member',
        'mutually_exclusive_hcc_condition',
        'plan_metal',
        'plan_network_access_type',
        'geographic_reporting',
        'year',
        'state',
        'zip',
      ].sort(),
    );
    expect(meta.type1).to.deep.equal([
      'geography_sk',
      'fpl_band',
      'email',
      'phone',
      'street',
      'city',
      'hios_id',
      'enrollment_length_continuous',
      'call_count',
      'app_login_count',
      'web_login_count',
      'wisconsin_area_deprivation_index',
      'ra_mm',
    ]);
  });

  it('dim_plan, dim_provider and dim_enrollment', () => {
    expect(scd2MetadataOf(DimPlan)).to.deep.include({
      surrogateKey: 'plan_sk',
      naturalKey: ['plan_id', 'effective_year'],
      changeDrivers: [
        'coinsurance_rate',
        'deductible',
        'metal_tier',
        'monthly_premium',
        'name',
        'oop_max',
        'pcp_copay',
      ],
      type1: [],
    });
    expect(scd2MetadataOf(DimProvider)).to.deep.include({
      naturalKey: ['provider_id'],
      changeDrivers: ['city', 'name', 'phone', 'specialty', 'state', 'street', 'zip'],
      type1: ['npi'],
    });
    expect(scd2MetadataOf(DimEnrollment)).to.deep.include({
      naturalKey: ['member_id', 'plan_id', 'start_date'],
      changeDrivers: ['csr_variant', 'end_date', 'premium_paid'],
      type1: ['enrollment_id'],
    });
    expect(isScd2Dimension(DimDate)).to.equal(false);
    expect(isScd2Dimension(DimGeography)).to.equal(false);
    expect(() => scd2MetadataOf(DimDate)).to.throw('DimDate is not an @Scd2Dimension() class');
  });

  it('resolves SQL types and kinds from the TypeORM mapping', () => {
    const plan = scd2TableOf(DimPlan);
    expect(plan.qualified).to.equal('warehouse.dim_plan');
    expect(plan.naturalKey.map((c) => [c.name, c.sqlType, c.kind])).to.deep.equal([
      ['plan_id', 'text', 'text'],
      ['effective_year', 'integer', 'integer'],
    ]);
    expect(plan.changeDrivers.find((c) => c.name === 'coinsurance_rate')).to.deep.equal({
      name: 'coinsurance_rate',
      sqlType: 'numeric(5,4)',
      kind: 'numeric',
    });
    const member = scd2TableOf(DimMember);
    expect(member.changeDrivers.find((c) => c.name === 'dob')?.kind).to.equal('date');
    expect(member.changeDrivers.find((c) => c.name === 'high_cost_member')?.kind).to.equal(
      'boolean',
    );
  });

  it('refuses classes whose roles do not make a dimension', () => {
    expect(() => {
      @Scd2Dimension()
      class NoSurrogate {
        @NaturalKey() id!: string;
        @ChangeDriver() name!: string;
      }
      return NoSurrogate;
    }).to.throw('NoSurrogate needs exactly one @SurrogateKey(), found 0');
    expect(() => {
      @Scd2Dimension()
      class NoDriver {
        @SurrogateKey() sk!: number;
        @NaturalKey() id!: string;
        @Type1() name!: string;
      }
      return NoDriver;
    }).to.throw('NoDriver needs a @ChangeDriver() column');
    expect(() => {
      class Twice {
        @Type1() @ChangeDriver() name!: string;
      }
      return Twice;
    }).to.throw('Twice.name is marked both changeDriver and type1');
    expect(() => {
      class Camel {
        @ChangeDriver() firstName!: string;
      }
      return Camel;
    }).to.throw("SCD2 column 'firstName' must be a lower-case SQL column name");
  });
});
