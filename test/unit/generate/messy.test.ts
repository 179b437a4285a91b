import { expect } from 'chai';
import { SEED_FILES } from '../../../src/domain/seed-contract';
import { isUsStateCode, isValidNpi } from '../../../src/domain/aca';
import { GenerateResult } from '../../../src/application/generate-seed-set/generate-seed-set.service';
import { messyKindsOf } from '../../../src/application/generate-seed-set/model/messy-rows';
import { recordProblems } from './support/contract-check';
import {
  cached,
  defaultFullSet,
  fullOptions,
  incrementalOptions,
  readManifest,
  readSeedFile,
  service,
  tempRoot,
} from './support/generated-seed-sets';

const cents = (text: string): number => Math.round(Number(text) * 100);

/** Business rules the data-quality checks apply; returns the rule a typed row breaks. */
function breach(file: string, v: Record<string, string>): string | undefined {
  switch (file) {
    case 'claims.csv':
      if (cents(v.paid_amount) > cents(v.allowed_amount)) return 'paid_exceeds_allowed';
      if (v.status === 'denied' && cents(v.paid_amount) > 0) return 'paid_on_denied';
      if (cents(v.allowed_amount) > cents(v.claim_amount)) return 'allowed_exceeds_billed';
      return undefined;
    case 'providers.csv':
      return isValidNpi(v.npi) ? undefined : 'invalid_npi_check_digit';
    case 'members.csv':
      return isUsStateCode(v.state) ? undefined : 'non_us_state';
    case 'plans.csv':
      return cents(v.deductible) > cents(v.oop_max) ? 'deductible_exceeds_oop_max' : undefined;
    default:
      return undefined;
  }
}

describe('generate: --messy', () => {
  let sets: GenerateResult[];
  before(async () => {
    const full = await cached('messy-full', () =>
      service().run(fullOptions(tempRoot(), { messy: true, messyRate: 0.003 })),
    );
    const incremental = await cached('messy-q1', () =>
      service().run(
        incrementalOptions(tempRoot(), full.folder, '2025-04-01T00:00:00Z', {
          messy: true,
          messyRate: 0.003,
        }),
      ),
    );
    sets = [full, incremental];
  });

  it('leaves the clean rows exactly as without --messy (messy rows are added, never substituted)', async () => {
    const clean = await defaultFullSet();
    for (const file of ['members.csv', 'enrollments.csv', 'claims.csv']) {
      const messyIds = new Set<number>();
      const report = readManifest(sets[0].folder).messy?.[file];
      for (const lines of Object.values(report?.lines ?? {}))
        for (const l of lines) messyIds.add(l);
      const kept = readSeedFile(sets[0].folder, file)
        .rows.filter((r) => !messyIds.has(r.line))
        .map((r) => r.fields.join(','));
      expect(kept, file).to.deep.equal(
        readSeedFile(clean.folder, file).rows.map((r) => r.fields.join(',')),
      );
    }
  });

  for (const [index, name] of ['full', 'incremental'].entries()) {
    for (const spec of SEED_FILES) {
      it(`${name} ${spec.file}: manifest counts and line numbers match the rows`, () => {
        const folder = sets[index].folder;
        const manifest = readManifest(folder);
        const report = manifest.messy?.[spec.file];
        expect(report, 'messy section').to.not.equal(undefined);
        if (!report) return;
        const table = readSeedFile(folder, spec.file);
        const asOf = manifest.as_of.slice(0, 10);
        const byLine = new Map(table.rows.map((r) => [r.line, r]));
        const listed = new Set<number>();
        for (const { kind, category } of messyKindsOf(spec.file)) {
          const lines = report.lines[kind];
          expect(lines.length, kind).to.equal(report[category][kind]);
          expect(lines.length, `${kind} present`).to.be.greaterThan(0);
          for (const line of lines) {
            listed.add(line);
            const row = byLine.get(line);
            expect(row, `${kind} line ${line}`).to.not.equal(undefined);
            if (!row) continue;
            const problems = recordProblems(spec, table.header, row.fields, asOf);
            if (category === 'rejects')
              expect(problems, `${kind} line ${line} must not type`).to.not.deep.equal([]);
            else {
              expect(problems, `${kind} line ${line} must type`).to.deep.equal([]);
              expect(breach(spec.file, row.values), `line ${line}`).to.equal(kind);
            }
          }
        }
        const total =
          Object.values(report.rejects).reduce((a, b) => a + b, 0) +
          Object.values(report.breaches).reduce((a, b) => a + b, 0);
        expect(report.clean_rows + total).to.equal(manifest.files[spec.file].rows);
        for (const row of table.rows) {
          if (listed.has(row.line)) continue;
          expect(
            recordProblems(spec, table.header, row.fields, asOf),
            `line ${row.line}`,
          ).to.deep.equal([]);
          expect(breach(spec.file, row.values), `line ${row.line}`).to.equal(undefined);
        }
      });
    }
  }
});
