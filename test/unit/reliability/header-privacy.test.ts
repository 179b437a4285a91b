import { expect } from 'chai';
import { MEMBERS_FILE } from '../../../src/domain/seed-contract';
import { mapHeader } from '../../../src/domain/staging/header-mapping';

function refusal(names: readonly string[]): string {
  try {
    mapHeader(MEMBERS_FILE, names);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

/**
 * A header error names columns, and a header is normally made of column names. But a file whose
 * header line is missing starts with a data row, so the "header" holds values, personal ones
 * included: those must never reach an error message (which goes to logs and etl.load_batch).
 */
describe('header errors never echo values', () => {
  it('names a duplicated contract column', () => {
    expect(refusal(['member_id', 'zip', 'zip'])).to.equal(
      'members.csv, line 1, column zip: the header names this column twice (fields 2 and 3)',
    );
  });

  it('does not name a duplicated name the contract does not know (a data row as header)', () => {
    const dataRow = ['MBR00000001', 'Jordan', 'Jordan', '1964-11-06', 'F', 'TX', '77413'];
    const message = refusal(dataRow);
    expect(message).to.equal(
      'members.csv, line 1: fields 2 and 3 of the header have the same name, which the contract does not know (is the header line missing?)',
    );
    expect(message.toLowerCase()).not.to.contain('jordan');
  });

  it('names only contract columns when required ones are missing', () => {
    const message = refusal(['MBR00000001', 'Madyson', 'Osinski', '1964-11-06']);
    expect(message).to.equal(
      'members.csv, line 1, column member_id: required columns are missing from the header: member_id, first_name, last_name, dob, gender, state, zip, fpl_ratio, plan_metal, plan_network_access_type, region, clinical_segment, year',
    );
  });
});
