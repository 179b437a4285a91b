import { expect } from 'chai';
import { LoadEnrollmentFactsService } from '../../../src/application/load-facts/load-enrollment-facts.service';
import { CoverageSpan, coveragePeriods } from '../../../src/domain/facts/coverage-periods';
import { describeOnEngines } from '../../support/test-database';
import { batchContext } from './fact-batch';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AS_OF = '2024-12-31';

/** Up to 4 spans per member and plan, close together so that touching and overlaps are common. */
function randomSpans(members: number): Map<string, CoverageSpan[]> {
  const next = random(20240101);
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  const byMember = new Map<string, CoverageSpan[]>();
  for (let m = 1; m <= members; m++) {
    const spans: CoverageSpan[] = [];
    for (const planId of ['PA', 'PB']) {
      let cursor = Math.floor(next() * 60);
      const count = Math.floor(next() * 5);
      for (let i = 0; i < count; i++) {
        const start = cursor + Math.floor(next() * 4) - 1; // -1: overlap, 0: touch, 1-2: gaps
        const length = 1 + Math.floor(next() * 90);
        const open = i === count - 1 && next() < 0.2;
        spans.push({
          planId,
          startDate: day(Math.max(start, 0)),
          endDate: open ? null : day(Math.max(start, 0) + length - 1),
          premiumCents: Math.floor(next() * 50_000),
        });
        cursor = Math.max(start, 0) + length;
        if (next() < 0.2) cursor -= Math.floor(next() * 30); // an overlapping correction
      }
    }
    byMember.set(`R${m}`, spans);
  }
  return byMember;
}

describeOnEngines('enrollment periods against the reference rule', (t) => {
  it('match coveragePeriods() for random touching, overlapping, gapped and open spans', async () => {
    const byMember = randomSpans(150);
    const rows = [...byMember].flatMap(([memberId, spans]) =>
      spans.map((s) => ({ memberId, ...s })),
    );
    // start dates can repeat within one member and plan: keep the first (natural key)
    const seen = new Set<string>();
    const unique = rows.filter((r) => {
      const key = `${r.memberId}|${r.planId}|${r.startDate}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    await t.db.execute(
      `INSERT INTO warehouse.dim_member (member_id, validity_start_ts, attr_hash, load_id)
       SELECT 'R' || i, timestamptz '2024-01-01 00:00:00+00', '\\x00'::bytea, 0
         FROM generate_series(1, 150) AS i`,
    );
    await t.db.execute(
      `INSERT INTO warehouse.dim_plan (plan_id, effective_year, validity_start_ts, attr_hash, load_id)
       VALUES ('PA', 2024, '2024-01-01T00:00:00Z', '\\x00', 0), ('PB', 2024, '2024-01-01T00:00:00Z', '\\x00', 0)`,
    );
    await t.db.execute(
      `INSERT INTO warehouse.dim_enrollment
         (member_id, plan_id, start_date, end_date, premium_paid, validity_start_ts, attr_hash, load_id)
       SELECT m, p, s::date, e::date, c / 100.0, timestamptz '2024-01-01 00:00:00+00', '\\x00'::bytea, 0
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[]) AS u(m, p, s, e, c)`,
      [
        unique.map((r) => r.memberId),
        unique.map((r) => r.planId),
        unique.map((r) => r.startDate),
        unique.map((r) => r.endDate),
        unique.map((r) => r.premiumCents),
      ],
    );

    await t.db.transaction((tx) =>
      new LoadEnrollmentFactsService().load(tx, batchContext(1, AS_OF, 'full')),
    );

    const actual = await t.db.query<{
      member_id: string;
      plan_id: string;
      start_date: string;
      end_date: string | null;
      coverage_days: number;
      member_months: string;
      premium_paid: string;
      span_count: number;
    }>(
      `SELECT member_id, plan_id, start_date, end_date, coverage_days, member_months::text,
              premium_paid::text, span_count
         FROM warehouse.fact_enrollment
        ORDER BY member_id COLLATE "C", plan_id COLLATE "C", start_date`,
    );
    const members = [...new Set(unique.map((u) => u.memberId))].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const expected = members.flatMap((memberId) =>
      coveragePeriods(
        unique.filter((u) => u.memberId === memberId),
        AS_OF,
      ).map((p) => ({ memberId, ...p })),
    );

    expect(unique.length).to.be.greaterThan(400);
    expect(
      actual.map((a) => [
        a.member_id,
        a.plan_id,
        a.start_date,
        a.end_date,
        a.coverage_days,
        a.span_count,
      ]),
    ).to.deep.equal(
      expected.map((e) => [
        e.memberId,
        e.planId,
        e.startDate,
        e.endDate,
        e.coverageDays,
        e.spanCount,
      ]),
    );
    actual.forEach((a, i) => {
      expect(Number(a.premium_paid) * 100).to.be.closeTo(expected[i].premiumCents, 1e-6);
      expect(Number(a.member_months)).to.be.closeTo(expected[i].memberMonths, 0.0051);
    });
    // touching and overlapping cases really occur in the data
    expect(actual.filter((a) => a.span_count > 1).length).to.be.greaterThan(50);
  });
});
