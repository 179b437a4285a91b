import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SEED_FILES, SeedEntity, SeedFileSpec } from '../../../src/domain/seed-contract';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';
import { describeOnEngines } from '../../support/test-database';
import { rejection, SeedSetFixtures, stageFolder } from '../staging/seed-set-fixture';
import { expectEveryLineAccountedFor, expectNothingStaged } from './line-accounting';

const CORPUS = resolve(__dirname, '../../fixtures/bad-inputs');

interface ExpectedReject {
  readonly line: number;
  readonly column: string | null;
  readonly reason: string;
}

interface ExpectedValue {
  readonly line: number;
  readonly column: string;
  readonly value: unknown;
}

type Expectation =
  | {
      readonly outcome: 'staged';
      readonly read: number;
      readonly staged: number;
      readonly rejected: number;
      readonly duplicates: number;
      readonly conflicts: number;
      readonly unknownColumns: readonly string[];
      readonly rejects: readonly ExpectedReject[];
      readonly values?: readonly ExpectedValue[];
    }
  | { readonly outcome: 'fails'; readonly message: string };

/** One entry of cases.json: a bad file put in place of one file of the valid seed set. */
interface BadInputCase {
  readonly name: string;
  /** The contract rule the case exercises, in words. */
  readonly rule: string;
  readonly file: string;
  /** A file of the corpus, or the name of an input generated here (too big to commit). */
  readonly input?: string;
  readonly generate?: keyof typeof GENERATED;
  readonly expect: Expectation;
}

const CLAIM_HEADER =
  'claim_id,member_id,provider_id,plan_id,service_date,claim_amount,allowed_amount,paid_amount,status,diagnosis_code,procedure_code';

/** A claims file whose second row carries one field of `bytes` bytes. */
function claimsWithLongField(bytes: number): Buffer {
  return Buffer.from(
    `${CLAIM_HEADER}\n` +
      'C1,M1,V1,P1,2024-02-10,1,1,1,approved,E11.9,99213\n' +
      `C2,M1,V1,P1,2024-02-10,1,1,1,approved,${'A'.repeat(bytes)},99213\n` +
      'C3,M1,V1,P1,2024-02-10,1,1,1,approved,E11.9,99213\n',
  );
}

const GENERATED = {
  'ten-mib-field': () => claimsWithLongField(10 * 1024 * 1024),
  'one-mib-field': () => claimsWithLongField(1024 * 1024),
} as const;

const corpus = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as {
  asOf: string;
  cases: BadInputCase[];
};
const AS_OF = new Date(corpus.asOf);

function specOf(file: string): SeedFileSpec {
  const spec = SEED_FILES.find((s) => s.file === file);
  if (!spec) throw new Error(`no seed file ${file}`);
  return spec;
}

function inputOf(c: BadInputCase): Buffer {
  if (c.generate) return GENERATED[c.generate]();
  if (!c.input) throw new Error(`case '${c.name}' names neither an input nor a generator`);
  return readFileSync(join(CORPUS, c.input));
}

describeOnEngines('bad-input corpus through the staging service', (t) => {
  const fixtures = new SeedSetFixtures();
  after(() => fixtures.cleanup());

  const valid = Object.fromEntries(
    SEED_FILES.map((spec) => [spec.entity, readFileSync(join(CORPUS, 'valid', spec.file))]),
  ) as Record<SeedEntity, Buffer>;

  it('stages the valid seed set the cases start from without a reject', async () => {
    const folder = await fixtures.folder({ files: valid });
    const { loadId, result } = await stageFolder(t.db, folder, { asOf: AS_OF });
    for (const counts of result.files) {
      const spec = specOf(counts.file);
      expect(counts.rejected, counts.file).to.equal(0);
      await expectEveryLineAccountedFor(t.db, loadId, spec, valid[spec.entity], counts);
    }
  });

  for (const c of corpus.cases) {
    it(`${c.name} (${c.file}): ${c.rule}`, async () => {
      const spec = specOf(c.file);
      const content = inputOf(c);
      const files = { ...valid, [spec.entity]: content };
      const folder = await fixtures.folder({ files });
      const expected = c.expect;

      if (expected.outcome === 'fails') {
        const error = await rejection(stageFolder(t.db, folder, { asOf: AS_OF }));
        expect(error).to.be.instanceOf(SeedFileError);
        expect(error.message).to.equal(expected.message);
        // The batch rolled back: nothing of it is staged, not even the files before this one.
        await expectNothingStaged(t.db);
        return;
      }

      const { loadId, result } = await stageFolder(t.db, folder, { asOf: AS_OF });
      const counts = result.files.find((f) => f.file === c.file);
      if (!counts) throw new Error(`no counts for ${c.file}`);
      expect({
        read: counts.read,
        staged: counts.staged,
        rejected: counts.rejected,
        duplicates: counts.duplicates,
        conflicts: counts.conflicts,
        unknownColumns: counts.unknownColumns,
      }).to.deep.equal({
        read: expected.read,
        staged: expected.staged,
        rejected: expected.rejected,
        duplicates: expected.duplicates,
        conflicts: expected.conflicts,
        unknownColumns: expected.unknownColumns,
      });
      const rejects = await t.db.query<ExpectedReject & Record<string, unknown>>(
        `SELECT line, column_name AS "column", reason
           FROM staging.rejects
          WHERE load_id = $1 AND file = $2
          ORDER BY line`,
        [loadId, c.file],
      );
      expect(rejects).to.deep.equal(expected.rejects);
      for (const value of expected.values ?? []) {
        const rows = await t.db.query<{ value: unknown }>(
          `SELECT ${value.column} AS value FROM staging.${spec.entity}
            WHERE load_id = $1 AND source_line = $2`,
          [loadId, value.line],
        );
        expect(rows, `${c.file} line ${value.line} ${value.column}`).to.deep.equal([
          { value: value.value },
        ]);
      }
      // Every file of the batch, not only the bad one: nothing lost, nothing invented.
      for (const fileCounts of result.files) {
        const fileSpec = specOf(fileCounts.file);
        await expectEveryLineAccountedFor(
          t.db,
          loadId,
          fileSpec,
          files[fileSpec.entity],
          fileCounts,
        );
      }
    });
  }
});
