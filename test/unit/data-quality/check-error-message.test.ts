import { expect } from 'chai';
import { checkErrorMessage } from '../../../src/application/check-quality/check-error-message';

function dbError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('checkErrorMessage', () => {
  it('keeps the SQLSTATE and the first line of a structural error', () => {
    expect(
      checkErrorMessage(
        dbError('relation "warehouse.fact_claim" does not exist\nLINE 3: ...', '42P01'),
      ),
    ).to.equal('42P01: relation "warehouse.fact_claim" does not exist');
  });

  it('masks data values PostgreSQL echoes in its messages', () => {
    expect(
      checkErrorMessage(dbError('invalid input syntax for type integer: "Jane Doe"', '22P02')),
    ).to.equal('22P02: invalid input syntax for type integer: "…"');
    expect(
      checkErrorMessage(dbError('value "19790512" is out of range for type integer', '22003')),
    ).to.equal('22003: value "…" is out of range for type integer');
  });

  it('caps the length and accepts non-errors', () => {
    expect(checkErrorMessage(dbError('x'.repeat(500)))).to.have.length(300);
    expect(checkErrorMessage('plain text')).to.equal('plain text');
  });
});
