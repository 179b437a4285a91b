import { expect } from 'chai';
import { csvValue } from '../../../src/application/stage-seed-set/copy-csv';
import {
  CLAIMS_FILE,
  ColumnSpec,
  MEMBERS_FILE,
  PLANS_FILE,
  SeedFileSpec,
  sqlTypeOf,
} from '../../../src/domain/seed-contract';
import { coerceValue } from '../../../src/domain/staging/field-coercer';
import { EDGE_VALUES } from '../../support/input-mutations';
import { describeOnEngines } from '../../support/test-database';

function column(spec: SeedFileSpec, name: string): ColumnSpec {
  const found = spec.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

/** Values on the edges of each type: signs, exponents, rounding carries, calendar limits. */
const NUMERIC_EDGES = [
  '999.9994',
  '999.9995',
  '999.99949999',
  '999.999499999999999999',
  '9999.995e-1',
  '9999.99499e-1',
  '0.9999995e3',
  '0.99999949e3',
  '999999999999.994',
  '999999999999.995',
  '99999999999.9999e1',
  '1e-99999',
  '1e-1073741822',
  '1e-1073741823',
  '1e1073741823',
  '0e999999',
  '0e-1073741822',
  '0e1073741823',
  '1e400',
  '1e-400',
  '0.000000000000000000000000000000000000000000000000000000000000000001',
  '+.5',
  '5.',
  '-0',
  '-0.000001',
  '00000000000000000000000000012.5',
  '1E+2',
  '1e+02',
];

const INTEGER_EDGES = [
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '+0',
  '-0',
  '0000000000000000000000002024',
  '0x7E8',
  '1_000',
  '2024.0',
  '2e3',
];

const DATE_EDGES = [
  '0001-01-01',
  '9999-12-31',
  '2024-02-29',
  '2023-02-29',
  '1900-02-29',
  '2000-02-29',
  '2024-1-05',
  '2024-01-01 ',
  '20240101',
  'epoch',
  'today',
];

const BOOLEAN_EDGES = [
  't',
  'F',
  'y',
  'N',
  'yes',
  'NO',
  'true',
  'False',
  '1',
  '0',
  'on',
  'of',
  'tr',
];

/** Columns of each kind the edges are typed against (the staging column's SQL type decides). */
const PROBES: ReadonlyArray<{ column: ColumnSpec; values: readonly string[] }> = [
  { column: column(MEMBERS_FILE, 'fpl_ratio'), values: [...NUMERIC_EDGES, ...EDGE_VALUES] },
  { column: column(CLAIMS_FILE, 'claim_amount'), values: [...NUMERIC_EDGES, ...EDGE_VALUES] },
  { column: column(CLAIMS_FILE, 'utilization'), values: NUMERIC_EDGES },
  { column: column(PLANS_FILE, 'coinsurance_rate'), values: NUMERIC_EDGES },
  { column: column(MEMBERS_FILE, 'ra_mm'), values: NUMERIC_EDGES },
  { column: column(MEMBERS_FILE, 'call_count'), values: [...INTEGER_EDGES, ...EDGE_VALUES] },
  { column: column(PLANS_FILE, 'effective_year'), values: INTEGER_EDGES },
  { column: column(CLAIMS_FILE, 'service_date'), values: [...DATE_EDGES, ...EDGE_VALUES] },
  { column: column(CLAIMS_FILE, 'is_oon'), values: [...BOOLEAN_EDGES, ...EDGE_VALUES] },
];

/**
 * The typer decides which rows go to COPY; PostgreSQL's input functions then read them. If the
 * typer accepted a value that COPY refuses, one odd value would fail the whole batch (it did:
 * `9999.995e-1` in a numeric(6,3) column summed to just below the rounding limit in floating
 * point). So: whatever the typer accepts, COPY must accept, and store the same value as the
 * typer's canonical text. The typer may be stricter than PostgreSQL (it refuses `NaN`, `on`,
 * `2024-1-05`, hexadecimal integers): the contract is.
 */
describeOnEngines('the contract typer and PostgreSQL agree on edge values', (t) => {
  for (const { column: spec, values } of PROBES) {
    it(`${spec.name} (${sqlTypeOf(spec)}): every value the typer accepts, COPY reads as the same value`, async () => {
      const accepted: string[] = [];
      await t.db.transaction(async (tx) => {
        await tx.execute(
          `CREATE TEMP TABLE edge (v ${sqlTypeOf(spec)}, canonical ${sqlTypeOf(spec)}) ON COMMIT DROP`,
        );
        for (const value of values) {
          const typed = coerceValue(spec, value);
          if (!typed.ok || typed.value === null) continue;
          await tx.execute('SAVEPOINT edge_value');
          try {
            const row = `${csvValue(value.trim())},${csvValue(typed.value)}\n`;
            await tx.copyFrom(
              'COPY edge (v, canonical) FROM STDIN WITH (FORMAT csv)',
              (async function* () {
                yield Buffer.from(row, 'utf8');
              })(),
            );
            await tx.execute('RELEASE SAVEPOINT edge_value');
            accepted.push(value);
          } catch (error) {
            await tx.execute('ROLLBACK TO SAVEPOINT edge_value');
            expect.fail(
              `the typer accepts ${JSON.stringify(value)} for ${spec.name} but COPY refuses it: ${(error as Error).message}`,
            );
          }
        }
        const [differing] = await tx.query<{ n: number }>(
          'SELECT count(*) AS n FROM edge WHERE v IS DISTINCT FROM canonical',
        );
        expect(differing?.n).to.equal(0);
        // Roll back: the temporary table goes with it.
        await tx.execute('DELETE FROM edge');
      });
      expect(accepted.length, 'some edge values are valid').to.be.greaterThan(0);
    });
  }
});
