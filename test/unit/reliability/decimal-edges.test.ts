import { expect } from 'chai';
import {
  CLAIMS_FILE,
  ColumnSpec,
  MEMBERS_FILE,
  SeedFileSpec,
} from '../../../src/domain/seed-contract';
import { coerceValue } from '../../../src/domain/staging/field-coercer';

function column(spec: SeedFileSpec, name: string): ColumnSpec {
  const found = spec.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

function outcome(spec: ColumnSpec, value: string): string {
  const typed = coerceValue(spec, value);
  return typed.ok ? `accepted ${String(typed.value)}` : typed.reason;
}

/**
 * Decimals near the limit of their staging column: whether PostgreSQL can store one depends on
 * its decimal digits (rounded half away from zero at the column's scale), not on a
 * floating-point sum of them. Found by the bad-input corpus (members-decimal-rounding-edges):
 * `9999.995e-1` typed as valid, then failed the whole batch's COPY with "numeric field overflow".
 */
describe('decimal values at the edge of their staging column', () => {
  const fpl = column(MEMBERS_FILE, 'fpl_ratio'); // numeric(6,3)
  const amount = column(CLAIMS_FILE, 'claim_amount'); // numeric(14,2)

  it('refuses a value that rounds up past the column, whatever its notation', () => {
    for (const value of ['999.9995', '9999.995e-1', '0.9999995e3', '99999.95e-2', '999.99950']) {
      expect(outcome(fpl, value), value).to.equal(
        `fpl_ratio: '${value}' does not fit numeric(6,3)`,
      );
    }
    expect(outcome(amount, '99999999999.9995e1')).to.equal(
      "claim_amount: '99999999999.9995e1' does not fit numeric(14,2)",
    );
  });

  it('accepts a value that rounds down into the column, however many digits it carries', () => {
    for (const value of ['999.9994', '999.99949999', '999.999499999999999999', '9999.99499e-1']) {
      expect(outcome(fpl, value), value).to.equal(`accepted ${value}`);
    }
    expect(outcome(amount, '999999999999.994')).to.equal('accepted 999999999999.994');
  });

  it('refuses exponents PostgreSQL refuses (|e| >= 2^30 - 1), accepts zero with any other', () => {
    expect(outcome(amount, '1e-1073741823')).to.equal(
      "claim_amount: '1e-1073741823' does not fit numeric(14,2)",
    );
    expect(outcome(amount, '0e1073741823')).to.equal(
      "claim_amount: '0e1073741823' does not fit numeric(14,2)",
    );
    expect(outcome(amount, '1e-1073741822')).to.equal('accepted 1e-1073741822');
    expect(outcome(amount, '0e999999')).to.equal('accepted 0e999999');
    expect(outcome(amount, '1e400')).to.equal("claim_amount: '1e400' does not fit numeric(14,2)");
  });
});
