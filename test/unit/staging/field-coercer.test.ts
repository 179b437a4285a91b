import { expect } from 'chai';
import { ColumnSpec } from '../../../src/domain/seed-contract';
import {
  CLAIMS_FILE,
  ENROLLMENTS_FILE,
  MEMBERS_FILE,
  PLANS_FILE,
  PROVIDERS_FILE,
} from '../../../src/domain/seed-contract/seed-files';
import { coerceValue } from '../../../src/domain/staging/field-coercer';

function column(file: { columns: readonly ColumnSpec[] }, name: string): ColumnSpec {
  const spec = file.columns.find((c) => c.name === name);
  if (!spec) throw new Error(`no column ${name}`);
  return spec;
}

const member = (name: string): ColumnSpec => column(MEMBERS_FILE, name);
const claim = (name: string): ColumnSpec => column(CLAIMS_FILE, name);

function stored(spec: ColumnSpec, raw: string): string | null {
  const result = coerceValue(spec, raw);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to type: ${result.reason}`);
  return result.value;
}

function reason(spec: ColumnSpec, raw: string): string {
  const result = coerceValue(spec, raw);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
  return result.reason;
}

describe('coerceValue (contract typing rules)', () => {
  describe('text', () => {
    it('trims ASCII white space and stores empty as NULL', () => {
      expect(stored(member('city'), '  Madison \t')).to.equal('Madison');
      expect(stored(member('city'), '')).to.equal(null);
      expect(stored(member('city'), '   ')).to.equal(null);
      expect(stored(member('zip'), '03775')).to.equal('03775');
    });

    it('rejects an empty required value', () => {
      expect(reason(member('member_id'), ' ')).to.equal('member_id: a value is required');
    });

    it('checks an exact length in characters, not bytes', () => {
      expect(stored(member('state'), 'WI')).to.equal('WI');
      expect(stored(member('state'), 'PW')).to.equal('PW');
      expect(stored(member('state'), 'Ñy')).to.equal('Ñy');
      expect(reason(member('state'), 'Wis')).to.equal("state: 'Wis' is not exactly 2 characters");
      expect(reason(member('state'), 'W')).to.equal("state: 'W' is not exactly 2 characters");
    });

    it('checks digits only (NPI)', () => {
      const npi = column(PROVIDERS_FILE, 'npi');
      expect(stored(npi, '1234567893')).to.equal('1234567893');
      expect(reason(npi, '12345abcde')).to.equal("npi: '12345abcde' is not all digits");
      expect(reason(npi, '12345')).to.equal("npi: '12345' is not exactly 10 characters");
    });
  });

  describe('domains', () => {
    it('compares case-insensitively and stores the contract spelling', () => {
      expect(stored(claim('status'), 'approved')).to.equal('approved');
      expect(stored(claim('status'), 'APPROVED')).to.equal('approved');
      expect(stored(member('plan_metal'), ' gold ')).to.equal('Gold');
      expect(stored(member('gender'), 'o')).to.equal('O');
      expect(stored(member('age_group'), '<18')).to.equal('<18');
      expect(stored(member('age_group'), '65+')).to.equal('65+');
      expect(stored(column(ENROLLMENTS_FILE, 'csr_variant'), 'NONE')).to.equal('none');
      expect(stored(claim('claim_type'), 'rx')).to.equal('RX');
    });

    it('rejects a value outside the domain, listing it', () => {
      expect(reason(claim('status'), 'closed')).to.equal(
        "status: 'closed' is not one of approved, denied, pending",
      );
      expect(reason(member('gender'), 'Female')).to.equal(
        "gender: 'Female' is not one of F, M, O, U",
      );
    });
  });

  describe('dates', () => {
    it('accepts real YYYY-MM-DD calendar dates, leap days included', () => {
      expect(stored(claim('service_date'), '2024-02-29')).to.equal('2024-02-29');
      expect(stored(claim('service_date'), '2000-02-29')).to.equal('2000-02-29');
      expect(stored(claim('service_date'), ' 2024-12-31 ')).to.equal('2024-12-31');
    });

    it('rejects dates that are not on the calendar or not in YYYY-MM-DD form', () => {
      for (const bad of [
        '2024-02-30',
        '2023-02-29',
        '1900-02-29',
        '2024-13-01',
        '2024-04-31',
        '2024-00-10',
        '0000-01-01',
        '2024-1-5',
        '01/02/2024',
        '2024/01/02',
        '20240102',
        '2024-01-02T00:00:00',
      ]) {
        expect(reason(claim('service_date'), bad)).to.equal(
          `service_date: '${bad}' is not a calendar date in YYYY-MM-DD form`,
        );
      }
    });

    it('never quotes a personal value in a reason', () => {
      expect(reason(member('dob'), '1980-02-30')).to.equal(
        'dob: the value is not a calendar date in YYYY-MM-DD form',
      );
    });
  });

  describe('integers', () => {
    it('accepts whole numbers with an optional sign', () => {
      expect(stored(member('call_count'), '0')).to.equal('0');
      expect(stored(member('call_count'), '+7')).to.equal('+7');
      expect(stored(member('year'), '2024')).to.equal('2024');
    });

    it('rejects decimals, words and values beyond the integer range', () => {
      expect(reason(member('call_count'), '5.0')).to.equal(
        "call_count: '5.0' is not a whole number",
      );
      expect(reason(member('call_count'), 'five')).to.equal(
        "call_count: 'five' is not a whole number",
      );
      expect(reason(member('call_count'), '-')).to.equal("call_count: '-' is not a whole number");
      expect(reason(claim('hcg_units_days'), '99999999999')).to.equal(
        "hcg_units_days: '99999999999' is outside the integer range",
      );
    });

    it('checks min and max', () => {
      const adi = member('wisconsin_area_deprivation_index');
      expect(stored(adi, '1')).to.equal('1');
      expect(stored(adi, '10')).to.equal('10');
      expect(reason(adi, '0')).to.equal(
        "wisconsin_area_deprivation_index: '0' is below the minimum 1",
      );
      expect(reason(adi, '11')).to.equal(
        "wisconsin_area_deprivation_index: '11' is above the maximum 10",
      );
      expect(reason(member('call_count'), '-1')).to.equal(
        "call_count: '-1' is below the minimum 0",
      );
      expect(reason(member('year'), '1800')).to.equal("year: '1800' is below the minimum 1900");
    });
  });

  describe('decimals', () => {
    it("accepts '.' decimals in the forms PostgreSQL reads", () => {
      for (const ok of ['432.88', '0', '0.0', '.5', '5.', '+1.25', '1e-05', '2.5E2']) {
        expect(stored(claim('claim_amount'), ok)).to.equal(ok);
      }
      expect(stored(member('fpl_ratio'), '2.35')).to.equal('2.35');
    });

    it('rejects thousands separators, decimal commas and words', () => {
      for (const bad of ['1,200.00', '1 200', '12,5', 'NaN', 'Infinity', '$5', '.', '1e', '--1']) {
        expect(reason(claim('claim_amount'), bad)).to.equal(
          `claim_amount: '${bad}' is not a decimal number ('.' as the decimal point, no thousands separator)`,
        );
      }
    });

    it('checks min and max', () => {
      expect(reason(claim('claim_amount'), '-0.01')).to.equal(
        "claim_amount: '-0.01' is below the minimum 0",
      );
      const coinsurance = column(PLANS_FILE, 'coinsurance_rate');
      expect(stored(coinsurance, '1')).to.equal('1');
      expect(reason(coinsurance, '1.5')).to.equal("coinsurance_rate: '1.5' is above the maximum 1");
    });

    it('rejects values the staging column cannot hold', () => {
      expect(stored(member('fpl_ratio'), '999.999')).to.equal('999.999');
      expect(reason(member('fpl_ratio'), '1000')).to.equal(
        "fpl_ratio: '1000' does not fit numeric(6,3)",
      );
      // Rounds to 1000.000, which no longer fits.
      expect(reason(member('fpl_ratio'), '999.9996')).to.equal(
        "fpl_ratio: '999.9996' does not fit numeric(6,3)",
      );
      expect(reason(claim('claim_amount'), '1e400')).to.equal(
        "claim_amount: '1e400' does not fit numeric(14,2)",
      );
    });
  });

  describe('booleans', () => {
    it('accepts 1/0, true/false, t/f, yes/no, y/n in any case', () => {
      for (const ok of ['1', '0', 'true', 'FALSE', 't', 'F', 'Yes', 'no', 'Y', 'n']) {
        expect(stored(claim('is_oon'), ok)).to.equal(ok);
      }
    });

    it('rejects other spellings', () => {
      for (const bad of ['on', 'off', '2', 'tru', 'yess', 'x']) {
        expect(reason(claim('is_oon'), bad)).to.equal(
          `is_oon: '${bad}' is not a boolean (1/0, true/false, t/f, yes/no, y/n)`,
        );
      }
    });
  });

  it('shortens long values in reasons', () => {
    expect(reason(claim('status'), 'x'.repeat(100))).to.equal(
      `status: '${'x'.repeat(37)}...' is not one of approved, denied, pending`,
    );
  });
});
