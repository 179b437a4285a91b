import { expect } from 'chai';
import {
  US_STATES,
  ageGroupAt,
  csrVariantFor,
  federalOopMaxSelfOnly,
  isValidNpi,
  isZipInState,
  monthlyPremium,
  usStateByCode,
} from '../../../src/domain/aca';
import { MetalTier } from '../../../src/domain/seed-contract';
import { tobaccoSurchargeOfPlan } from '../../../src/application/generate-seed-set/model/plan-book';
import { GenerateResult } from '../../../src/application/generate-seed-set/generate-seed-set.service';
import { Table, defaultFullSet, readSeedFile } from './support/generated-seed-sets';

const cents = (text: string): number => Math.round(Number(text) * 100);

describe('generate: realism of a full seed set', () => {
  let result: GenerateResult;
  let members: Table;
  let plans: Table;
  let providers: Table;
  let enrollments: Table;
  let claims: Table;
  before(async () => {
    result = await defaultFullSet();
    members = readSeedFile(result.folder, 'members.csv');
    plans = readSeedFile(result.folder, 'plans.csv');
    providers = readSeedFile(result.folder, 'providers.csv');
    enrollments = readSeedFile(result.folder, 'enrollments.csv');
    claims = readSeedFile(result.folder, 'claims.csv');
  });

  it('covers benefit year 2024 for as_of 2025-01-01 (members describe year 2024)', () => {
    expect(new Set(plans.rows.map((p) => p.values.effective_year))).to.deep.equal(
      new Set(['2024']),
    );
    expect(new Set(members.rows.map((m) => m.values.year))).to.deep.equal(new Set(['2024']));
    for (const c of claims.rows) expect(c.values.service_date.slice(0, 4)).to.equal('2024');
  });

  it('enrols Silver > Bronze > Gold > Platinum > Catastrophic', () => {
    const count = (metal: string): number =>
      members.rows.filter((m) => m.values.plan_metal === metal).length;
    const order = ['Silver', 'Bronze', 'Gold', 'Platinum', 'Catastrophic'].map(count);
    for (let i = 1; i < order.length; i++)
      expect(order[i - 1], `${order}`).to.be.greaterThan(order[i]);
    expect(order[4]).to.be.greaterThan(0);
  });

  it('prices metals in order of actuarial value and keeps cost sharing within the federal limit', () => {
    const mean = (metal: string): number => {
      const rows = plans.rows.filter((p) => p.values.metal_tier === metal);
      return rows.reduce((s, p) => s + Number(p.values.monthly_premium), 0) / rows.length;
    };
    const means = ['Catastrophic', 'Bronze', 'Silver', 'Gold', 'Platinum'].map(mean);
    for (let i = 1; i < means.length; i++)
      expect(means[i], `${means}`).to.be.greaterThan(means[i - 1]);
    for (const p of plans.rows) {
      const limit = federalOopMaxSelfOnly(Number(p.values.effective_year)) * 100;
      expect(cents(p.values.deductible)).to.be.at.most(cents(p.values.oop_max));
      expect(cents(p.values.oop_max)).to.be.at.most(limit);
      expect(Number(p.values.coinsurance_rate)).to.be.within(0, 1);
    }
  });

  it('skews fpl_ratio like the Marketplace (most between 1.0 and 4.0)', () => {
    const fpl = members.rows.map((m) => Number(m.values.fpl_ratio));
    const inside = fpl.filter((f) => f >= 1 && f <= 4).length / fpl.length;
    expect(inside).to.be.within(0.75, 0.95);
    expect(fpl.filter((f) => f >= 1 && f <= 1.5).length / fpl.length).to.be.greaterThan(0.2);
  });

  it('gives CSR variants only to Silver enrollees at 100–250 % FPL (94, 87, 73 by band)', () => {
    const metalOf = new Map(
      plans.rows.map((p) => [p.values.plan_id, p.values.metal_tier as MetalTier]),
    );
    const fplOf = new Map(
      members.rows.map((m) => [m.values.member_id, Number(m.values.fpl_ratio)]),
    );
    const last = new Map<string, Record<string, string>>();
    for (const e of enrollments.rows) {
      if (e.values.csr_variant !== 'none') expect(metalOf.get(e.values.plan_id)).to.equal('Silver');
      last.set(e.values.member_id, e.values);
    }
    let variants = 0;
    for (const [member, e] of last) {
      const expected = csrVariantFor(
        metalOf.get(e.plan_id) as MetalTier,
        fplOf.get(member) as number,
      );
      expect(e.csr_variant, member).to.equal(expected);
      if (expected !== 'none') variants++;
    }
    expect(variants).to.be.greaterThan(last.size * 0.2);
    const suffix: Record<string, string> = { none: '-01', '73': '-04', '87': '-05', '94': '-06' };
    for (const m of members.rows)
      expect(m.values.hios_id.slice(14)).to.equal(
        suffix[last.get(m.values.member_id)?.csr_variant ?? 'none'],
      );
  });

  it('computes premium_paid with the premium formula (base × age × tobacco × months − APTC)', () => {
    const planRow = new Map(plans.rows.map((p) => [p.values.plan_id, p.values]));
    const silver = plans.rows
      .filter((p) => p.values.metal_tier === 'Silver')
      .map((p) => cents(p.values.monthly_premium))
      .sort((a, b) => a - b);
    const member = new Map(members.rows.map((m) => [m.values.member_id, m.values]));
    // A member's last span was priced with the member's current income and state.
    const last = new Map<string, Record<string, string>>();
    for (const e of enrollments.rows) last.set(e.values.member_id, e.values);
    let checked = 0;
    for (const [id, e] of last) {
      const m = member.get(id) as Record<string, string>;
      const p = planRow.get(e.plan_id) as Record<string, string>;
      const end = e.end_date || '2024-12-31';
      const months =
        (Number(end.slice(0, 4)) - Number(e.start_date.slice(0, 4))) * 12 +
        Number(end.slice(5, 7)) -
        Number(e.start_date.slice(5, 7)) +
        1;
      const input = {
        baseMonthlyPremiumCents: cents(p.monthly_premium),
        benchmarkMonthlyPremiumCents: silver[1],
        age: ageAt(m.dob, e.start_date),
        fplRatio: Number(m.fpl_ratio),
        planYear: Number(e.start_date.slice(0, 4)),
        state: m.state,
        metal: p.metal_tier as MetalTier,
      };
      const options = [1, tobaccoSurchargeOfPlan(e.plan_id)].map(
        (tobaccoFactor) => months * monthlyPremium({ ...input, tobaccoFactor }).memberCents,
      );
      expect(options, `${id} ${e.start_date}`).to.include(cents(e.premium_paid));
      checked++;
    }
    expect(checked).to.be.greaterThan(1000);
  });

  it('keeps 0 ≤ paid ≤ allowed ≤ billed, paid 0 unless approved, 10–20 % denials and some pending', () => {
    const status: Record<string, number> = { approved: 0, denied: 0, pending: 0 };
    for (const c of claims.rows) {
      const billed = cents(c.values.claim_amount);
      const allowed = cents(c.values.allowed_amount);
      const paid = cents(c.values.paid_amount);
      expect(paid).to.be.at.least(0);
      expect(paid).to.be.at.most(allowed);
      expect(allowed).to.be.at.most(billed);
      if (c.values.status !== 'approved') expect(paid).to.equal(0);
      status[c.values.status]++;
    }
    const total = claims.rows.length;
    expect(status.denied / total).to.be.within(0.1, 0.2);
    expect(status.pending / total).to.be.within(0.005, 0.1);
  });

  it('concentrates spending: the top 1 % of members carry 15–35 % of paid dollars', () => {
    const paid = new Map<string, number>();
    let total = 0;
    for (const c of claims.rows) {
      const p = cents(c.values.paid_amount);
      paid.set(c.values.member_id, (paid.get(c.values.member_id) ?? 0) + p);
      total += p;
    }
    const sorted = members.rows.map((m) => paid.get(m.values.member_id) ?? 0).sort((a, b) => b - a);
    const top = sorted.slice(0, Math.round(members.rows.length / 100)).reduce((a, b) => a + b, 0);
    expect(top / total).to.be.within(0.15, 0.35);
  });

  it('dates services inside the member’s coverage in the billed plan, with seasonality', () => {
    const spans = new Map<string, { plan: string; start: string; end: string }[]>();
    for (const e of enrollments.rows) {
      const list = spans.get(e.values.member_id) ?? [];
      list.push({
        plan: e.values.plan_id,
        start: e.values.start_date,
        end: e.values.end_date || '9999-12-31',
      });
      spans.set(e.values.member_id, list);
    }
    const byMonth = new Array<number>(12).fill(0);
    for (const c of claims.rows) {
      const d = c.values.service_date;
      const covered = (spans.get(c.values.member_id) ?? []).some(
        (s) => s.plan === c.values.plan_id && s.start <= d && d <= s.end,
      );
      expect(covered, `${c.values.claim_id} ${d}`).to.equal(true);
      byMonth[Number(d.slice(5, 7)) - 1]++;
    }
    // Per covered member-month, more care in winter (January) than in midsummer (July).
    const memberMonths = new Array<number>(12).fill(0);
    for (const list of spans.values()) {
      for (const s of list) {
        const from = Number(s.start.slice(5, 7));
        const to = s.end.startsWith('2024') ? Number(s.end.slice(5, 7)) : 12;
        for (let month = from; month <= to; month++) memberMonths[month - 1]++;
      }
    }
    expect(byMonth[0] / memberMonths[0]).to.be.greaterThan(byMonth[6] / memberMonths[6]);
  });

  it('has churn: open-enrollment starts, mid-year starts and ends, touching spans of one plan', () => {
    const starts = enrollments.rows.map((e) => e.values.start_date);
    expect(starts.filter((s) => s === '2024-01-01').length / starts.length).to.be.greaterThan(0.6);
    expect(starts.filter((s) => s > '2024-01-01').length).to.be.greaterThan(50);
    expect(
      enrollments.rows.filter((e) => e.values.end_date !== '' && e.values.end_date < '2024-12-31')
        .length,
    ).to.be.greaterThan(100);
    for (const e of enrollments.rows) {
      expect(e.values.start_date.slice(8)).to.equal('01');
      if (e.values.end_date) expect(e.values.end_date >= e.values.start_date).to.equal(true);
    }
    let touching = 0;
    let previous: Record<string, string> | undefined;
    for (const e of enrollments.rows) {
      if (
        previous &&
        previous.member_id === e.values.member_id &&
        previous.plan_id === e.values.plan_id
      ) {
        const next = new Date(`${previous.end_date}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        if (next.toISOString().slice(0, 10) === e.values.start_date) touching++;
      }
      previous = e.values;
    }
    expect(touching).to.be.greaterThan(5);
  });

  it('places members in real states with their census region, division and ZIP prefixes', () => {
    const states = new Set<string>();
    for (const m of members.rows) {
      const state = usStateByCode(m.values.state);
      expect(state, m.values.state).to.not.equal(undefined);
      expect(m.values.region).to.equal(state?.region);
      expect(m.values.geographic_reporting).to.equal(state?.division);
      expect(
        isZipInState(m.values.zip, m.values.state),
        `${m.values.zip} ${m.values.state}`,
      ).to.equal(true);
      expect(m.values.age_group).to.equal(ageGroupAt(m.values.dob, '2025-01-01'));
      states.add(m.values.state);
    }
    expect(states.size).to.be.greaterThan(30);
    expect(US_STATES.length).to.equal(51);
  });

  it('gives every provider a valid NPI (Luhn with prefix 80840) and a plausible location', () => {
    const npis = new Set<string>();
    for (const p of providers.rows) {
      expect(isValidNpi(p.values.npi), p.values.npi).to.equal(true);
      expect(isZipInState(p.values.zip, p.values.state)).to.equal(true);
      npis.add(p.values.npi);
    }
    expect(npis.size).to.equal(providers.rows.length);
  });
});

function ageAt(dob: string, at: string): number {
  let age = Number(at.slice(0, 4)) - Number(dob.slice(0, 4));
  if (at.slice(5) < dob.slice(5)) age--;
  return age;
}
