/**
 * Plans: generation of plan designs and their yearly rows, and the `PlanBook` the rest of the
 * generator reads (built from rows, so a full run and an incremental run that read plans.csv
 * back see the same thing). Traits that plans.csv does not carry (network type, tobacco
 * surcharge) are derived from the plan id, so they survive a round trip through the CSV.
 */
import { federalOopMaxSelfOnly } from '../../../domain/aca';
import { METAL_TIERS, MetalTier, NETWORK_ACCESS_TYPES } from '../../../domain/seed-contract';
import { PLANS_FILE } from '../../../domain/seed-contract';
import { centsText, csvRecord, parseCents } from '../csv-encoding';
import { Random, WeightedChoice, WeightedTable, hashString, unitFromHash } from '../random';
import { ISSUERS, PLAN_NAME_WORDS } from '../reference/distribution-channels';

export type NetworkType = (typeof NETWORK_ACCESS_TYPES)[number];

/** One row of plans.csv, money in cents and the coinsurance rate in basis points. */
export interface PlanYearRow {
  readonly planId: string;
  readonly year: number;
  readonly name: string;
  readonly metal: MetalTier;
  readonly monthlyPremiumCents: number;
  readonly deductibleCents: number;
  readonly oopMaxCents: number;
  readonly coinsuranceBp: number;
  readonly pcpCopayCents: number;
}

/** Base (age 21, non-tobacco) monthly premium relative to Silver, 2024 national averages. */
const METAL_PREMIUM_RELATIVITY: Readonly<Record<MetalTier, number>> = {
  Catastrophic: 0.64,
  Bronze: 0.79,
  Silver: 1.0,
  Gold: 1.1,
  Platinum: 1.32,
};
/** Average base rate (age 21) of a Silver plan in 2024, in dollars. */
const SILVER_BASE_2024 = 380;
/** Yearly premium trend applied before/after 2024. */
const PREMIUM_TREND = 0.06;

const METAL_MIX = new WeightedChoice<MetalTier>([
  ['Bronze', 30],
  ['Silver', 30],
  ['Gold', 24],
  ['Platinum', 8],
  ['Catastrophic', 8],
]);
const NETWORK_MIX: readonly (readonly [NetworkType, number])[] = [
  ['HMO', 45],
  ['EPO', 30],
  ['PPO', 15],
  ['POS', 10],
];

/** Network type of a plan, derived from its id (plans.csv has no network column). */
export function networkTypeOfPlan(planId: string): NetworkType {
  const u = unitFromHash(hashString(planId), 17);
  let acc = 0;
  const total = NETWORK_MIX.reduce((s, [, w]) => s + w, 0);
  for (const [type, w] of NETWORK_MIX) {
    acc += w / total;
    if (u < acc) return type;
  }
  return NETWORK_MIX[NETWORK_MIX.length - 1][0];
}

/** Tobacco surcharge the plan's issuer files (1.0 – 1.5), derived from the plan id. */
export function tobaccoSurchargeOfPlan(planId: string): number {
  const steps = [1.0, 1.1, 1.15, 1.2, 1.25, 1.3, 1.4, 1.5];
  return steps[Math.floor(unitFromHash(hashString(planId), 23) * steps.length)];
}

function roundTo50Dollars(cents: number): number {
  return Math.round(cents / 5000) * 5000;
}

interface PlanDesign {
  readonly planId: string;
  readonly name: string;
  readonly metal: MetalTier;
  readonly premiumFactor: number;
  readonly deductibleShare: number;
  readonly oopShare: number;
  readonly coinsuranceBp: number;
  readonly copayDollars: number;
  readonly hsa: boolean;
}

function designPlans(count: number, random: Random): PlanDesign[] {
  const issuerCount = Math.min(ISSUERS.length, Math.max(2, Math.ceil(count / 5)));
  const firstMetals: MetalTier[] = ['Silver', 'Bronze', 'Gold', 'Platinum', 'Catastrophic'];
  const series = new Map<string, number>();
  const designs: PlanDesign[] = [];
  for (let p = 0; p < count; p++) {
    const issuerIndex = p % issuerCount;
    const issuer = ISSUERS[issuerIndex];
    const hios = 10000 + (hashString(issuer.name) % 89999);
    const q = Math.floor(p / issuerCount);
    const product = Math.floor(q / 3) + 1;
    const component = (q % 3) + 1;
    const planId = `${hios}${issuer.state}${String(product).padStart(3, '0')}${String(component).padStart(4, '0')}`;
    const metal = p < firstMetals.length ? firstMetals[p] : METAL_MIX.sample(random);
    const word = random.pick(PLAN_NAME_WORDS[metal]);
    const key = `${issuer.shortName}|${metal}`;
    const n = (series.get(key) ?? 0) + 1;
    series.set(key, n);
    const network = networkTypeOfPlan(planId);
    const name = `${issuer.shortName} ${word} ${metal} ${network} ${n * 100 + random.range(0, 9) * 10}`;
    const hsa = metal === 'Bronze' && word === 'HSA';
    designs.push({
      planId,
      name,
      metal,
      premiumFactor: random.uniform(0.95, 1.05),
      ...costSharingDesign(metal, hsa, random),
      hsa,
    });
  }
  return designs;
}

function costSharingDesign(
  metal: MetalTier,
  hsa: boolean,
  random: Random,
): Pick<PlanDesign, 'deductibleShare' | 'oopShare' | 'coinsuranceBp' | 'copayDollars'> {
  // Shares of the year's federal OOP limit (so every year stays within it).
  switch (metal) {
    case 'Catastrophic':
      return { deductibleShare: 1, oopShare: 1, coinsuranceBp: 0, copayDollars: 0 };
    case 'Bronze':
      return hsa
        ? {
            deductibleShare: random.uniform(0.78, 0.9),
            oopShare: random.uniform(0.78, 0.9),
            coinsuranceBp: 0,
            copayDollars: 0,
          }
        : {
            deductibleShare: random.uniform(0.55, 0.78),
            oopShare: random.uniform(0.97, 1),
            coinsuranceBp: random.pick([4000, 5000]),
            copayDollars: random.pick([50, 60, 65, 75]),
          };
    case 'Silver':
      return {
        deductibleShare: random.uniform(0.28, 0.5),
        oopShare: random.uniform(0.86, 1),
        coinsuranceBp: random.pick([2000, 2500, 3000]),
        copayDollars: random.pick([30, 35, 40, 45]),
      };
    case 'Gold':
      return {
        deductibleShare: random.uniform(0.04, 0.18),
        oopShare: random.uniform(0.55, 0.85),
        coinsuranceBp: random.pick([2000, 2000, 3000]),
        copayDollars: random.pick([15, 20, 25, 30]),
      };
    case 'Platinum':
      return {
        deductibleShare: random.uniform(0, 0.06),
        oopShare: random.uniform(0.22, 0.45),
        coinsuranceBp: 1000,
        copayDollars: random.pick([0, 5, 10, 15]),
      };
  }
}

function yearRow(design: PlanDesign, year: number): PlanYearRow {
  const limitCents = federalOopMaxSelfOnly(year) * 100;
  const oopMaxCents = Math.min(limitCents, roundTo50Dollars(limitCents * design.oopShare));
  const deductibleCents = Math.min(
    oopMaxCents,
    roundTo50Dollars(limitCents * design.deductibleShare),
  );
  const trend = (1 + PREMIUM_TREND) ** (year - 2024);
  const premium =
    SILVER_BASE_2024 * METAL_PREMIUM_RELATIVITY[design.metal] * design.premiumFactor * trend;
  return {
    planId: design.planId,
    year,
    name: design.name,
    metal: design.metal,
    monthlyPremiumCents: Math.round(premium * 100),
    deductibleCents,
    oopMaxCents,
    coinsuranceBp: design.coinsuranceBp,
    pcpCopayCents: design.copayDollars * 100,
  };
}

/** Plan rows of a full seed set: every design for every benefit year. */
export function generatePlanRows(
  seed: number,
  count: number,
  years: readonly number[],
): PlanYearRow[] {
  const designs = designPlans(count, new Random(seed, hashString('plans')));
  const rows: PlanYearRow[] = [];
  for (const year of years) for (const d of designs) rows.push(yearRow(d, year));
  return rows;
}

/**
 * Next year's row of an existing plan: premium up by the issuer's filed trend (3–10 %),
 * cost sharing rescaled to the new federal limit (rounded to $50, never above it).
 */
export function nextYearPlanRow(previous: PlanYearRow, random: Random): PlanYearRow {
  const year = previous.year + 1;
  const oldLimit = federalOopMaxSelfOnly(previous.year) * 100;
  const limit = federalOopMaxSelfOnly(year) * 100;
  const scale = limit / oldLimit;
  const oopMaxCents =
    previous.oopMaxCents >= oldLimit
      ? limit
      : Math.min(limit, roundTo50Dollars(previous.oopMaxCents * scale));
  const deductibleCents = Math.min(
    oopMaxCents,
    previous.deductibleCents >= previous.oopMaxCents
      ? oopMaxCents
      : roundTo50Dollars(previous.deductibleCents * scale),
  );
  const copayBump = previous.pcpCopayCents > 0 && random.chance(0.3) ? 500 : 0;
  return {
    ...previous,
    year,
    monthlyPremiumCents: Math.round(previous.monthlyPremiumCents * random.uniform(1.03, 1.1)),
    deductibleCents,
    oopMaxCents,
    pcpCopayCents: previous.pcpCopayCents + copayBump,
  };
}

/** A mid-year correction of a plan row (the issuer fixed its filing): copay or coinsurance. */
export function correctedPlanRow(row: PlanYearRow, random: Random): PlanYearRow {
  if (row.pcpCopayCents > 0 && random.chance(0.6)) {
    const delta = random.chance(0.5) ? 500 : -500;
    return { ...row, pcpCopayCents: Math.max(0, row.pcpCopayCents + delta) };
  }
  if (row.coinsuranceBp > 0) {
    return { ...row, coinsuranceBp: row.coinsuranceBp === 2000 ? 2500 : 2000 };
  }
  return { ...row, name: `${row.name} (Corrected)` };
}

const COLUMNS = PLANS_FILE.columns.map((c) => c.name);

/** Encodes a plan row in contract column order. */
export function encodePlanRow(row: PlanYearRow): string {
  const value: Record<string, string> = {
    plan_id: row.planId,
    effective_year: String(row.year),
    name: row.name,
    metal_tier: row.metal,
    monthly_premium: centsText(row.monthlyPremiumCents),
    deductible: centsText(row.deductibleCents),
    oop_max: centsText(row.oopMaxCents),
    coinsurance_rate: (row.coinsuranceBp / 10000).toFixed(2),
    pcp_copay: centsText(row.pcpCopayCents),
  };
  return csvRecord(COLUMNS.map((c) => value[c] ?? ''));
}

/** Parses a plans.csv record (fields by header index); undefined when it does not type. */
export function parsePlanRow(get: (column: string) => string): PlanYearRow | undefined {
  const metal = METAL_TIERS.find((m) => m.toLowerCase() === get('metal_tier').toLowerCase());
  const year = Number(get('effective_year'));
  const premium = parseCents(get('monthly_premium'));
  const deductible = parseCents(get('deductible'));
  const oop = parseCents(get('oop_max'));
  const copay = parseCents(get('pcp_copay'));
  const coinsurance = Number(get('coinsurance_rate'));
  const planId = get('plan_id');
  if (!metal || !planId || !Number.isInteger(year)) return undefined;
  if ([premium, deductible, oop, copay, coinsurance].some((n) => !Number.isFinite(n)))
    return undefined;
  return {
    planId,
    year,
    name: get('name'),
    metal,
    monthlyPremiumCents: premium,
    deductibleCents: deductible,
    oopMaxCents: oop,
    coinsuranceBp: Math.round(coinsurance * 10000),
    pcpCopayCents: copay,
  };
}

/** Plans by index, their yearly rows, the yearly benchmark and the choice tables by metal. */
export class PlanBook {
  readonly planIds: string[] = [];
  readonly metals: MetalTier[] = [];
  readonly networks: NetworkType[] = [];
  readonly tobaccoSurcharges: number[] = [];
  private readonly indexById = new Map<string, number>();
  private readonly rowsByYear = new Map<number, (PlanYearRow | undefined)[]>();
  private readonly benchmarkByYear = new Map<number, number>();
  private readonly choiceByYearMetal = new Map<string, { plans: number[]; table: WeightedTable }>();
  private readonly offeredByYear = new Map<number, ReadonlySet<MetalTier>>();

  constructor(rows: Iterable<PlanYearRow>) {
    for (const row of rows) this.add(row);
  }

  /** Adds or replaces the row of (plan_id, year). */
  add(row: PlanYearRow): void {
    let index = this.indexById.get(row.planId);
    if (index === undefined) {
      index = this.planIds.length;
      this.indexById.set(row.planId, index);
      this.planIds.push(row.planId);
      this.networks.push(networkTypeOfPlan(row.planId));
      this.tobaccoSurcharges.push(tobaccoSurchargeOfPlan(row.planId));
      this.metals.push(row.metal);
    }
    this.metals[index] = row.metal;
    let rows = this.rowsByYear.get(row.year);
    if (!rows) {
      rows = [];
      this.rowsByYear.set(row.year, rows);
    }
    rows[index] = row;
    this.benchmarkByYear.delete(row.year);
    this.offeredByYear.clear();
    for (const key of [...this.choiceByYearMetal.keys()]) {
      if (key.startsWith(`${row.year}|`)) this.choiceByYearMetal.delete(key);
    }
  }

  indexOf(planId: string): number | undefined {
    return this.indexById.get(planId);
  }

  get years(): number[] {
    return [...this.rowsByYear.keys()].sort((a, b) => a - b);
  }

  rowsOf(year: number): PlanYearRow[] {
    return (this.rowsByYear.get(year) ?? []).filter((r): r is PlanYearRow => r !== undefined);
  }

  /**
   * The row in force for a plan in a year: that year's row, else the nearest earlier one
   * (a plan always has a row for the year its members are covered in; this guards gaps).
   */
  row(planIndex: number, year: number): PlanYearRow {
    for (let y = year; y >= year - 50; y--) {
      const r = this.rowsByYear.get(y)?.[planIndex];
      if (r) return r;
    }
    for (let y = year + 1; y <= year + 50; y++) {
      const r = this.rowsByYear.get(y)?.[planIndex];
      if (r) return r;
    }
    throw new Error(`No plan row for plan ${this.planIds[planIndex]} near ${year}`);
  }

  /** Year whose rows apply to `year` (the year itself or the nearest earlier one with rows). */
  private effectiveYear(year: number): number {
    const years = this.years;
    let best = years[0];
    for (const y of years) if (y <= year) best = y;
    return best;
  }

  /** Benchmark (second-lowest-cost Silver) base monthly premium in cents for a year. */
  benchmarkCents(year: number): number {
    const y = this.effectiveYear(year);
    let cached = this.benchmarkByYear.get(y);
    if (cached === undefined) {
      const silver = this.rowsOf(y)
        .filter((r) => r.metal === 'Silver')
        .map((r) => r.monthlyPremiumCents)
        .sort((a, b) => a - b);
      cached = silver.length === 0 ? 0 : silver[Math.min(1, silver.length - 1)];
      this.benchmarkByYear.set(y, cached);
    }
    return cached;
  }

  /** Picks a plan of a metal for a year; cheaper plans are chosen more often. */
  choosePlan(year: number, metal: MetalTier, random: Random, exclude = -1): number {
    const y = this.effectiveYear(year);
    const key = `${y}|${metal}`;
    let choice = this.choiceByYearMetal.get(key);
    if (!choice) {
      const rows = this.rowsOf(y).filter((r) => r.metal === metal);
      if (rows.length === 0) throw new Error(`No ${metal} plan in ${y}`);
      const cheapest = Math.min(...rows.map((r) => r.monthlyPremiumCents));
      choice = {
        plans: rows.map((r) => this.indexById.get(r.planId) as number),
        table: new WeightedTable(rows.map((r) => (cheapest / r.monthlyPremiumCents) ** 6)),
      };
      this.choiceByYearMetal.set(key, choice);
    }
    let pick = choice.plans[choice.table.sample(random)];
    if (pick === exclude && choice.plans.length > 1) {
      pick =
        choice.plans[
          (choice.plans.indexOf(pick) + 1 + random.int(choice.plans.length - 1)) %
            choice.plans.length
        ];
    }
    return pick;
  }

  /** Metals with at least one plan in the year. */
  metalsOffered(year: number): ReadonlySet<MetalTier> {
    const y = this.effectiveYear(year);
    let offered = this.offeredByYear.get(y);
    if (!offered) {
      offered = new Set(this.rowsOf(y).map((r) => r.metal));
      this.offeredByYear.set(y, offered);
    }
    return offered;
  }
}
