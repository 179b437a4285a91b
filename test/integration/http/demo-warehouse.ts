import { SqlDatabase, SqlSession } from '../../../src/application/ports/sql-database.port';
import { RefreshMartsService } from '../../../src/application/refresh-marts/refresh-marts.service';
import { batchContext } from '../facts/fact-batch';
import {
  insertMemberHistory,
  insertPlanHistory,
  insertProviderHistory,
} from '../../support/fixtures/dimension-rows';
import { DEMO_BATCHES, demoDqResults, insertBatches, insertDqResults } from './audit-rows';

/**
 * A small crafted warehouse for the API and browser suites: 8 members (with made-up personal
 * data, so a leak would show), 4 plans (one per metal tier), 5 providers, 6 months of claims and
 * enrollment, three load batches and their data-quality results. Marts are refreshed from it.
 */

export interface DemoMember {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly state: string;
  readonly ageGroup: string;
  readonly segment: string;
  readonly planId: string;
  /** Paid per claim; two members are over the 50,000 high-cost threshold in 12 months. */
  readonly paidPerClaim: number;
}

export const DEMO_PLANS = [
  { id: 'P-BRZ', metal: 'Bronze', premium: '310.00' },
  { id: 'P-SLV', metal: 'Silver', premium: '420.00' },
  { id: 'P-GLD', metal: 'Gold', premium: '515.00' },
  { id: 'P-PLT', metal: 'Platinum', premium: '640.00' },
] as const;

export const DEMO_PROVIDERS = [
  { id: 'PRV001', specialty: 'Cardiology', npi: '1234567893' },
  { id: 'PRV002', specialty: 'Family Medicine', npi: '1245319599' },
  { id: 'PRV003', specialty: 'Oncology', npi: '1003000126' },
  { id: 'PRV004', specialty: 'Pediatrics', npi: '1003000134' },
  { id: 'PRV005', specialty: 'Orthopedics', npi: '1003000142' },
] as const;

export const DEMO_MEMBERS: readonly DemoMember[] = [
  {
    id: 'M0001',
    firstName: 'Zelda',
    lastName: 'Quimbyfield',
    state: 'TX',
    ageGroup: '35-44',
    segment: 'Chronic',
    planId: 'P-GLD',
    paidPerClaim: 11250,
  },
  {
    id: 'M0002',
    firstName: 'Ynez',
    lastName: 'Parrowdale',
    state: 'TX',
    ageGroup: '55-64',
    segment: 'Complex',
    planId: 'P-PLT',
    paidPerClaim: 9800,
  },
  {
    id: 'M0003',
    firstName: 'Xavier',
    lastName: 'Ostrander',
    state: 'CA',
    ageGroup: '26-34',
    segment: 'Healthy',
    planId: 'P-BRZ',
    paidPerClaim: 140,
  },
  {
    id: 'M0004',
    firstName: 'Wilma',
    lastName: 'Nettlebrook',
    state: 'CA',
    ageGroup: '18-25',
    segment: 'Healthy',
    planId: 'P-SLV',
    paidPerClaim: 95,
  },
  {
    id: 'M0005',
    firstName: 'Vance',
    lastName: 'Mirablewood',
    state: 'FL',
    ageGroup: '45-54',
    segment: 'Chronic',
    planId: 'P-SLV',
    paidPerClaim: 4200,
  },
  {
    id: 'M0006',
    firstName: 'Ursula',
    lastName: 'Lockhavenly',
    state: 'FL',
    ageGroup: '<18',
    segment: 'Healthy',
    planId: 'P-BRZ',
    paidPerClaim: 60,
  },
  {
    id: 'M0007',
    firstName: 'Thaddeus',
    lastName: 'Kinderwell',
    state: 'TX',
    ageGroup: '65+',
    segment: 'Complex',
    planId: 'P-GLD',
    paidPerClaim: 2400,
  },
  {
    id: 'M0008',
    firstName: 'Sabine',
    lastName: 'Jorvikstone',
    state: 'CA',
    ageGroup: '35-44',
    segment: 'Chronic',
    planId: 'P-PLT',
    paidPerClaim: 780,
  },
];

/** Months of service and coverage: January to June 2025. */
export const DEMO_MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];

/** Personal values of the demo members: none may appear in any answer or on the page. */
export function demoPersonalValues(): string[] {
  return DEMO_MEMBERS.flatMap((m) => [
    m.firstName,
    m.lastName,
    `${m.firstName.toLowerCase()}@example.com`,
    `${m.id.slice(-4)} Demo Street`,
    '555-0100',
  ]);
}

const AS_OF = '2025-01-01T00:00:00Z';

/** The whole demo warehouse: rows, then a full marts refresh as the pipeline's marts stage runs it. */
export async function buildDemoWarehouse(db: SqlDatabase): Promise<void> {
  const loadId = await fillDemoWarehouse(db);
  await db.transaction((tx) =>
    new RefreshMartsService({ highCostThreshold: DEMO_HIGH_COST_THRESHOLD }).refresh(
      tx,
      batchContext(loadId, AS_OF, 'full'),
      [],
    ),
  );
}

export const DEMO_HIGH_COST_THRESHOLD = 50000;

/** Dimensions, facts and audit rows; returns the load id the rows carry. */
export async function fillDemoWarehouse(db: SqlSession): Promise<number> {
  const loadIds = await insertBatches(db, DEMO_BATCHES);
  const loadId = loadIds[0];
  await insertDqResults(db, demoDqResults(loadIds));

  const planSk = new Map<string, number>();
  for (const plan of DEMO_PLANS) {
    const [sk] = await insertPlanHistory(db, plan.id, 2025, [
      {
        from: AS_OF,
        loadId,
        attrs: {
          name: `${plan.metal} demo plan`,
          metal_tier: plan.metal,
          monthly_premium: plan.premium,
        },
      },
    ]);
    planSk.set(plan.id, sk);
  }
  const providerSk: number[] = [];
  for (const p of DEMO_PROVIDERS) {
    const [sk] = await insertProviderHistory(db, p.id, [
      {
        from: AS_OF,
        loadId,
        attrs: { npi: p.npi, name: `Dr ${p.specialty}`, specialty: p.specialty, state: 'TX' },
      },
    ]);
    providerSk.push(sk);
  }
  const memberSk = new Map<string, number>();
  for (const m of DEMO_MEMBERS) {
    const plan = DEMO_PLANS.find((p) => p.id === m.planId);
    const [sk] = await insertMemberHistory(db, m.id, [
      {
        from: AS_OF,
        loadId,
        attrs: {
          first_name: m.firstName,
          last_name: m.lastName,
          dob: '1980-05-17',
          email: `${m.firstName.toLowerCase()}@example.com`,
          phone: '555-0100',
          street: `${m.id.slice(-4)} Demo Street`,
          gender: 'F',
          state: m.state,
          age_group: m.ageGroup,
          clinical_segment: m.segment,
          plan_metal: plan?.metal ?? null,
          year: 2025,
        },
      },
    ]);
    memberSk.set(m.id, sk);
  }

  // Whole-half-year coverage for everyone: 6 member months each.
  const enrollment = DEMO_MEMBERS.map((m) => [
    m.id,
    m.planId,
    memberSk.get(m.id),
    planSk.get(m.planId),
  ]);
  await db.execute(
    `INSERT INTO warehouse.fact_enrollment (
       member_id, plan_id, start_date, end_date, member_sk, plan_sk, enrollment_start_date_key,
       enrollment_end_date_key, coverage_days, member_months, premium_paid, csr_variant,
       span_count, load_id)
     SELECT e ->> 0, e ->> 1, DATE '2025-01-01', DATE '2025-06-30', (e ->> 2)::bigint,
            (e ->> 3)::bigint, 20250101, 20250630, 181, 6.00, 2400.00, NULL, 1, $2
       FROM jsonb_array_elements($1::jsonb) AS e`,
    [JSON.stringify(enrollment), loadId],
  );

  // Two claims per member and month, on the 5th and the 20th, each provider in turn.
  await db.query(
    `SELECT warehouse.ensure_fact_claim_partitions(DATE '2025-01-01', DATE '2025-06-30')`,
  );
  const claims: unknown[][] = [];
  DEMO_MEMBERS.forEach((m, i) => {
    DEMO_MONTHS.forEach((month, j) => {
      for (const [k, day] of ['05', '20'].entries()) {
        const n = claims.length;
        const paid = m.paidPerClaim * (1 + 0.1 * j);
        claims.push([
          `C${String(n + 1).padStart(5, '0')}`,
          m.id,
          `${month}-${day}`,
          Number(`${month.replace('-', '')}${day}`),
          memberSk.get(m.id),
          providerSk[(i + j + k) % providerSk.length],
          planSk.get(m.planId),
          n % 9 === 4 ? 'denied' : 'approved',
          k === 0 ? 'Professional' : j % 2 === 0 ? 'Facility' : 'RX',
          DEMO_PROVIDERS[(i + j + k) % DEMO_PROVIDERS.length].specialty,
          (paid * 1.25).toFixed(2),
          (paid * 1.1).toFixed(2),
          n % 9 === 4 ? '0.00' : paid.toFixed(2),
        ]);
      }
    });
  });
  await db.execute(
    `INSERT INTO warehouse.fact_claim (
       claim_id, member_id, service_date, date_key, member_sk, provider_sk, plan_sk, status,
       diagnosis_code, procedure_code, claim_type, provider_specialty, claim_amount,
       allowed_amount, paid_amount, is_oon, load_id)
     SELECT c ->> 0, c ->> 1, (c ->> 2)::date, (c ->> 3)::integer, (c ->> 4)::bigint,
            (c ->> 5)::bigint, (c ->> 6)::bigint, c ->> 7, 'E11.9', '99213', c ->> 8, c ->> 9,
            (c ->> 10)::numeric, (c ->> 11)::numeric, (c ->> 12)::numeric, false, $2
       FROM jsonb_array_elements($1::jsonb) AS c`,
    [JSON.stringify(claims), loadId],
  );
  return loadId;
}
