import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_FILES } from '../../../src/domain/seed-contract';
import { GenerateResult } from '../../../src/application/generate-seed-set/generate-seed-set.service';
import { recordProblems } from './support/contract-check';
import { defaultChain, readManifest, readSeedFile, sha256 } from './support/generated-seed-sets';

describe('generate: every file conforms to the seed contract', () => {
  let chain: GenerateResult[];
  before(async () => {
    chain = await defaultChain();
  });

  for (const [index, name] of [
    'full',
    'incremental 2025-04-01',
    'incremental 2025-07-01',
  ].entries()) {
    describe(name, () => {
      for (const spec of SEED_FILES) {
        it(`${spec.file}: header lists every contract column in order, every row types`, () => {
          const table = readSeedFile(chain[index].folder, spec.file);
          const asOf = readManifest(chain[index].folder).as_of.slice(0, 10);
          expect(table.header).to.deep.equal(spec.columns.map((c) => c.name));
          const problems: string[] = [];
          for (const row of table.rows) {
            for (const p of recordProblems(spec, table.header, row.fields, asOf))
              problems.push(`line ${row.line}: ${p}`);
          }
          expect(problems.slice(0, 10)).to.deep.equal([]);
        });
      }

      it('manifest rows and sha256 match the files; as_of names the folder', () => {
        const folder = chain[index].folder;
        const manifest = readManifest(folder);
        expect(Object.keys(manifest.files)).to.deep.equal(SEED_FILES.map((s) => s.file));
        for (const spec of SEED_FILES) {
          const path = join(folder, spec.file);
          const lines = readFileSync(path, 'utf8').split('\n');
          expect(lines[lines.length - 1]).to.equal('');
          expect(manifest.files[spec.file].rows, spec.file).to.equal(lines.length - 2);
          expect(manifest.files[spec.file].sha256, spec.file).to.equal(sha256(path));
        }
        expect(folder.endsWith(manifest.as_of.replace(/[-:]/g, ''))).to.equal(true);
        expect(manifest.kind).to.equal(index === 0 ? 'full' : 'incremental');
      });
    });
  }

  it('writes money with exactly two decimals and ids in their documented shapes', () => {
    const folder = chain[0].folder;
    const claims = readSeedFile(folder, 'claims.csv').rows;
    for (const c of claims.slice(0, 5000)) {
      for (const column of [
        'claim_amount',
        'allowed_amount',
        'paid_amount',
        'charges',
        'allowed',
      ]) {
        expect(c.values[column], column).to.match(/^\d+\.\d{2}$/);
      }
      expect(c.values.claim_id).to.match(/^CLM\d{6}\d{8}\d{4,}$/);
    }
    for (const e of readSeedFile(folder, 'enrollments.csv').rows)
      expect(e.values.premium_paid).to.match(/^\d+\.\d{2}$/);
    for (const p of readSeedFile(folder, 'plans.csv').rows) {
      for (const column of ['monthly_premium', 'deductible', 'oop_max', 'pcp_copay'])
        expect(p.values[column]).to.match(/^\d+\.\d{2}$/);
      expect(p.values.plan_id).to.match(/^\d{5}[A-Z]{2}\d{7}$/);
    }
    for (const m of readSeedFile(folder, 'members.csv').rows)
      expect(m.values.member_id).to.match(/^MBR\d{8}$/);
  });
});
