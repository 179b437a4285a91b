import { expect } from 'chai';
import { relative } from 'node:path';
import { GenerateResult } from '../../../src/application/generate-seed-set/generate-seed-set.service';
import { InvalidGenerateOptionsError } from '../../../src/application/generate-seed-set/generate-seed-set.options';
import {
  Table,
  defaultChain,
  incrementalOptions,
  readManifest,
  readSeedFile,
  service,
  tempRoot,
} from './support/generated-seed-sets';

type Row = Record<string, string>;

/** Latest members.csv row of every member over the given seed sets (later sets win). */
function latestMembers(folders: readonly string[]): Map<string, Row> {
  const latest = new Map<string, Row>();
  for (const folder of folders)
    for (const r of readSeedFile(folder, 'members.csv').rows)
      latest.set(r.values.member_id, r.values);
  return latest;
}

describe('generate: incremental seed sets (full → 2025-04-01 → 2025-07-01)', () => {
  let chain: GenerateResult[];
  before(async () => {
    chain = await defaultChain();
  });

  for (const step of [1, 2]) {
    describe(`step ${step}`, () => {
      let earlier: Map<string, Row>;
      let members: Table;
      before(() => {
        earlier = latestMembers(chain.slice(0, step).map((c) => c.folder));
        members = readSeedFile(chain[step].folder, 'members.csv');
      });

      it('changes the change-driver attributes of --change-rate (0.1) ± 2 points of existing members', () => {
        const changed = members.rows.filter(
          (r) =>
            earlier.has(r.values.member_id) &&
            JSON.stringify(r.values) !== JSON.stringify(earlier.get(r.values.member_id)),
        );
        expect(changed.length / earlier.size).to.be.within(0.08, 0.12);
        const drivers = [
          'state',
          'zip',
          'fpl_ratio',
          'clinical_segment',
          'broker_name',
          'general_agency_name',
          'plan_metal',
          'call_count',
          'app_login_count',
          'web_login_count',
        ];
        for (const driver of drivers.slice(0, 5)) {
          const n = changed.filter(
            (r) => r.values[driver] !== earlier.get(r.values.member_id)?.[driver],
          ).length;
          expect(n, driver).to.be.greaterThan(0);
        }
      });

      it('re-sends --resend-rate of unchanged members as identical full rows', () => {
        const identical = members.rows.filter(
          (r) => JSON.stringify(r.values) === JSON.stringify(earlier.get(r.values.member_id)),
        );
        expect(identical.length / earlier.size).to.be.within(0.02, 0.08);
      });

      it('adds new members (new ids, new_member_in_period = 1) and their enrollments', () => {
        const added = members.rows.filter((r) => !earlier.has(r.values.member_id));
        expect(added.length / earlier.size).to.be.within(0.03, 0.05);
        for (const r of added) expect(r.values.new_member_in_period).to.equal('1');
        const enrolled = new Set(
          readSeedFile(chain[step].folder, 'enrollments.csv').rows.map((e) => e.values.member_id),
        );
        for (const r of added) expect(enrolled.has(r.values.member_id)).to.equal(true);
      });

      it('re-sends every pending claim of the previous set as approved or denied, same claim_id', () => {
        const pending = readSeedFile(chain[step - 1].folder, 'claims.csv').rows.filter(
          (c) => c.values.status === 'pending',
        );
        const now = new Map(
          readSeedFile(chain[step].folder, 'claims.csv').rows.map((c) => [
            c.values.claim_id,
            c.values,
          ]),
        );
        expect(pending.length).to.be.greaterThan(10);
        const outcomes = new Set<string>();
        for (const p of pending) {
          const resent = now.get(p.values.claim_id);
          expect(resent, p.values.claim_id).to.not.equal(undefined);
          expect(['approved', 'denied']).to.include(resent?.status);
          outcomes.add(resent?.status as string);
          expect(resent?.member_id).to.equal(p.values.member_id);
          expect(resent?.allowed_amount).to.equal(p.values.allowed_amount);
          if (resent?.status === 'denied') expect(resent.paid_amount).to.equal('0.00');
        }
        expect(outcomes).to.deep.equal(new Set(['approved', 'denied']));
      });

      it('writes the period’s new claims inside the period', () => {
        const manifest = readManifest(chain[step].folder);
        const { start, end } = manifest.generator.period;
        const previousIds = new Set(
          readSeedFile(chain[step - 1].folder, 'claims.csv').rows.map((c) => c.values.claim_id),
        );
        const fresh = readSeedFile(chain[step].folder, 'claims.csv').rows.filter(
          (c) => !previousIds.has(c.values.claim_id),
        );
        expect(fresh.length).to.be.greaterThan(1000);
        for (const c of fresh)
          expect(
            c.values.service_date >= start && c.values.service_date <= end,
            c.values.service_date,
          ).to.equal(true);
      });

      it('records the chain: kind incremental and a previous pointer to the earlier set', () => {
        const manifest = readManifest(chain[step].folder);
        expect(manifest.kind).to.equal('incremental');
        expect(manifest.previous?.as_of).to.equal(readManifest(chain[step - 1].folder).as_of);
        expect(manifest.previous?.path).to.equal(
          relative(chain[step].folder, chain[step - 1].folder),
        );
      });
    });
  }

  it('step 1 (the new benefit year 2025) brings next-year plans with new premiums and corrections', () => {
    const plans = readSeedFile(chain[1].folder, 'plans.csv').rows;
    const previous = new Map(
      readSeedFile(chain[0].folder, 'plans.csv').rows.map((p) => [p.values.plan_id, p.values]),
    );
    const next = plans.filter((p) => p.values.effective_year === '2025');
    expect(next.length).to.equal(previous.size);
    for (const p of next) {
      expect(Number(p.values.monthly_premium)).to.be.greaterThan(
        Number(previous.get(p.values.plan_id)?.monthly_premium),
      );
      expect(Number(p.values.oop_max)).to.be.at.most(9200);
    }
    const corrected = plans.filter((p) => p.values.effective_year === '2024');
    expect(corrected.length).to.be.greaterThan(0);
    for (const p of corrected)
      expect(JSON.stringify(p.values)).to.not.equal(JSON.stringify(previous.get(p.values.plan_id)));
  });

  it('step 1 renews coverage at open enrollment: spans start 2025-01-01 and touch the 2024 spans', () => {
    const old = readSeedFile(chain[0].folder, 'enrollments.csv').rows.filter(
      (e) => e.values.end_date === '2024-12-31',
    );
    const renewed = new Set(
      readSeedFile(chain[1].folder, 'enrollments.csv')
        .rows.filter((e) => e.values.start_date === '2025-01-01')
        .map((e) => `${e.values.member_id}|${e.values.plan_id}`),
    );
    const touching = old.filter((e) =>
      renewed.has(`${e.values.member_id}|${e.values.plan_id}`),
    ).length;
    expect(touching / old.length).to.be.within(0.7, 0.95);
  });

  it('step 2 re-sends the spans still open at the previous as_of with their new premium or end', () => {
    const open = readSeedFile(chain[1].folder, 'enrollments.csv').rows.filter(
      (e) => e.values.end_date === '',
    );
    const now = new Map(
      readSeedFile(chain[2].folder, 'enrollments.csv').rows.map((e) => [
        `${e.values.member_id}|${e.values.plan_id}|${e.values.start_date}`,
        e.values,
      ]),
    );
    expect(open.length).to.be.greaterThan(1000);
    for (const e of open) {
      const resent = now.get(`${e.values.member_id}|${e.values.plan_id}|${e.values.start_date}`);
      expect(resent).to.not.equal(undefined);
      expect(Number(resent?.premium_paid)).to.be.at.least(Number(e.values.premium_paid));
    }
  });

  it('refuses an as_of that is not later than the previous seed set', async () => {
    const [full] = chain;
    let error: unknown;
    try {
      await service().run(incrementalOptions(tempRoot(), full.folder, '2024-12-01T00:00:00Z'));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(InvalidGenerateOptionsError);
  });
});
