import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SEED_FILES, SeedEntity } from '../../../src/domain/seed-contract';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';
import { MUTATION_KINDS, mutate, SeededRandom } from '../../support/input-mutations';
import { describeOnEngines } from '../../support/test-database';
import { PEER_SEEDS, SeedSetFixtures, stageFolder } from '../staging/seed-set-fixture';
import { expectEveryLineAccountedFor, expectNothingStaged } from './line-accounting';

const VALID = resolve(__dirname, '../../fixtures/bad-inputs/valid');
/** Another seed explores other mutations: RELIABILITY_SEED=7 npx mocha <this file>. */
const SEED = Number(process.env.RELIABILITY_SEED ?? 4_242);
const ITERATIONS = Number(process.env.RELIABILITY_ITERATIONS ?? 30);
const AS_OF = new Date('2025-01-01T00:00:00Z');
/** Lines taken from the head of each peer file (read in place) as a second valid base. */
const PEER_HEAD_LINES = 25;

type SeedFiles = Record<SeedEntity, Buffer>;

function headLines(path: string, lines: number): Buffer {
  const bytes = readFileSync(path);
  let end = 0;
  for (let seen = 0; seen < lines && end < bytes.length; end++) if (bytes[end] === 0x0a) seen++;
  return bytes.subarray(0, end);
}

function bases(): Array<{ name: string; files: SeedFiles }> {
  const read = (file: (name: string) => Buffer): SeedFiles =>
    Object.fromEntries(SEED_FILES.map((s) => [s.entity, file(s.file)])) as SeedFiles;
  const list = [{ name: 'corpus valid set', files: read((f) => readFileSync(join(VALID, f))) }];
  if (existsSync(join(PEER_SEEDS, 'members.csv'))) {
    list.push({
      name: 'peer seed heads',
      files: read((f) => headLines(join(PEER_SEEDS, f), PEER_HEAD_LINES)),
    });
  }
  return list;
}

/**
 * Valid seed files, mutated at random (seeded): byte flips, truncation, shuffled, duplicated and
 * dropped lines, garbage, edge values, quoting and other line ends. Whatever comes in, the
 * loader either refuses a file with a SeedFileError naming it (and stages nothing), or stages
 * a result in which every line of every file is staged or rejected exactly once. Any other
 * error (a COPY that PostgreSQL refuses, a crash) is a bug.
 */
describeOnEngines('staging under randomized inputs (seeded mutations)', (t) => {
  const fixtures = new SeedSetFixtures();
  after(() => fixtures.cleanup());

  it(`never crashes and accounts for every line of ${ITERATIONS} mutated seed sets`, async () => {
    const random = new SeededRandom(SEED);
    const available = bases();
    const outcomes = { staged: 0, refused: 0, rejectedRows: 0 };
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const base = random.pick(available);
      const files: SeedFiles = { ...base.files };
      // One file mutated, sometimes two.
      const targets = [random.pick(SEED_FILES)];
      if (random.next() < 0.25) targets.push(random.pick(SEED_FILES));
      const applied: string[] = [];
      for (const spec of targets) {
        const kind = random.pick(MUTATION_KINDS);
        files[spec.entity] = mutate(files[spec.entity], kind, random).bytes;
        applied.push(`${kind} of ${spec.file}`);
      }
      const where = `seed ${SEED}, iteration ${iteration}: ${applied.join(', ')} (${base.name})`;
      const folder = await fixtures.folder({ files });

      let staged;
      try {
        staged = await stageFolder(t.db, folder, { asOf: AS_OF });
      } catch (error) {
        expect(error, `${where}: ${(error as Error).message}`).to.be.instanceOf(SeedFileError);
        const file = (error as SeedFileError).file;
        expect(
          targets.map((s) => s.file),
          `${where}: refused file`,
        ).to.include(file);
        await expectNothingStaged(t.db);
        outcomes.refused++;
        continue;
      }
      for (const counts of staged.result.files) {
        const spec = SEED_FILES.find((s) => s.file === counts.file);
        if (!spec) throw new Error(`unknown file ${counts.file}`);
        await expectEveryLineAccountedFor(
          t.db,
          staged.loadId,
          spec,
          files[spec.entity],
          counts,
        ).catch((error: Error) => {
          throw new Error(`${where}: ${error.message}`);
        });
        outcomes.rejectedRows += counts.rejected;
      }
      outcomes.staged++;
    }
    // The mutations must reach both outcomes, or the test proves little.
    expect(outcomes.staged, JSON.stringify(outcomes)).to.be.greaterThan(ITERATIONS / 3);
    expect(outcomes.refused, JSON.stringify(outcomes)).to.be.greaterThan(0);
    expect(outcomes.rejectedRows, JSON.stringify(outcomes)).to.be.greaterThan(0);
  });
});
