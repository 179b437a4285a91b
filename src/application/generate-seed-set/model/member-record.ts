/**
 * Members: demographic and socioeconomic draws for a new member, latent traits derived from
 * the chain seed and the member number (so they persist across seed sets without being
 * stored), and the members.csv row (encode and parse back).
 */
import {
  CsrVariant,
  US_STATES,
  ageGroupOf,
  csrVariantOfHiosSuffix,
  CSR_HIOS_VARIANT_SUFFIX,
  CATASTROPHIC_MAX_AGE,
} from '../../../domain/aca';
import { GENDERS, MEMBERS_FILE, MetalTier } from '../../../domain/seed-contract';
import { Civil, ageOn, civilOfDay, dayNumber, parseDay } from '../calendar';
import { csvRecord, fixedText } from '../csv-encoding';
import { Random, WeightedChoice, WeightedTable, hashInts, hashString } from '../random';
import {
  CLINICAL_SEGMENTS,
  CONDITIONS,
  PEDIATRIC_CONDITIONS,
  SEGMENT_WEIGHTS_BY_AGE,
} from '../reference/clinical-profiles';
import {
  BROKER_SHARE_DEFAULT,
  BROKER_SHARE_HIGH,
  CONTRACTING_ENTITY_BY_DIVISION,
  GENERAL_AGENCIES,
} from '../reference/distribution-channels';
import { serviceIndex } from '../reference/services';
import { GenerationContext } from './generation-context';
import { stateIndexOf } from './geography';

export type Gender = (typeof GENDERS)[number];

export function memberId(memberNo: number): string {
  return `MBR${String(memberNo).padStart(8, '0')}`;
}

/** Member number of an id this generator wrote (`MBR00000042` → 42), else NaN. */
export function memberNoOf(id: string): number {
  return /^MBR\d{8,}$/.test(id) ? Number(id.slice(3)) : NaN;
}

const GENDER_MIX = new WeightedChoice<Gender>([
  ['F', 53.5],
  ['M', 45.5],
  ['O', 0.5],
  ['U', 0.5],
]);

/** Marketplace age mix (2024 open enrollment, approximately). */
const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [0, 17, 9.3],
  [18, 25, 10.3],
  [26, 34, 15.8],
  [35, 44, 17.2],
  [45, 54, 18.5],
  [55, 64, 27.5],
  [65, 72, 1.4],
];
const AGE_TABLE = new WeightedTable(AGE_BANDS.map(([, , w]) => w));

/**
 * Household income (FPL ratio) bands. In states without Medicaid expansion the Marketplace
 * starts at 100 % FPL and is dominated by 100–150 %; in expansion states adults under 138 %
 * are on Medicaid, so enrollment starts there (a few lawfully present immigrants below).
 */
const FPL_NON_EXPANSION: readonly (readonly [number, number, number])[] = [
  [1.0, 1.5, 55],
  [1.5, 2.0, 18],
  [2.0, 2.5, 9],
  [2.5, 3.0, 5],
  [3.0, 4.0, 6],
  [4.0, 6.0, 5],
  [6.0, 10.0, 2],
];
const FPL_EXPANSION: readonly (readonly [number, number, number])[] = [
  [0.6, 1.38, 2],
  [1.38, 1.5, 8],
  [1.5, 2.0, 22],
  [2.0, 2.5, 16],
  [2.5, 3.0, 12],
  [3.0, 4.0, 19],
  [4.0, 6.0, 15],
  [6.0, 10.0, 6],
];
const FPL_TABLES = {
  expansion: new WeightedTable(FPL_EXPANSION.map(([, , w]) => w)),
  nonExpansion: new WeightedTable(FPL_NON_EXPANSION.map(([, , w]) => w)),
};

export function drawFplHundredths(stateIndex: number, random: Random): number {
  const expansion = US_STATES[stateIndex].medicaidExpansion;
  const bands = expansion ? FPL_EXPANSION : FPL_NON_EXPANSION;
  const [lo, hi] =
    bands[(expansion ? FPL_TABLES.expansion : FPL_TABLES.nonExpansion).sample(random)];
  return Math.round(random.uniform(lo, hi) * 100);
}

/** A new income after a change of circumstances (raise, job loss): ±8–40 %. */
export function changedFplHundredths(current: number, random: Random): number {
  for (let i = 0; i < 10; i++) {
    const factor = random.chance(0.6) ? random.uniform(1.08, 1.4) : random.uniform(0.6, 0.92);
    const next = Math.max(50, Math.min(1200, Math.round(current * factor)));
    if (next !== current) return next;
  }
  return current + 25;
}

/**
 * Metal choice by income and age: CSR-eligible households (≤ 250 % FPL) mostly buy Silver,
 * higher incomes lean Bronze and Gold; Catastrophic is open to under-30s only.
 */
export function chooseMetal(
  fplHundredths: number,
  age: number,
  random: Random,
  offered: ReadonlySet<MetalTier>,
): MetalTier {
  const young = age <= CATASTROPHIC_MAX_AGE;
  const w: [MetalTier, number][] =
    fplHundredths <= 250
      ? [
          ['Catastrophic', young ? 1.5 : 0],
          ['Bronze', 20],
          ['Silver', 70],
          ['Gold', 8],
          ['Platinum', 1.5],
        ]
      : fplHundredths <= 400
        ? [
            ['Catastrophic', young ? 4 : 0],
            ['Bronze', 40],
            ['Silver', 32],
            ['Gold', 22],
            ['Platinum', 3.5],
          ]
        : [
            ['Catastrophic', young ? 5 : 0],
            ['Bronze', 42],
            ['Silver', 22],
            ['Gold', 27],
            ['Platinum', 6],
          ];
  const available = w.filter(([m, weight]) => weight > 0 && offered.has(m));
  return new WeightedChoice(
    available.length > 0 ? available : [[[...offered][0], 1] as [MetalTier, number]],
  ).sample(random);
}

/** A different metal at open enrollment (up or down one tier, mostly). */
export function switchedMetal(
  current: MetalTier,
  age: number,
  random: Random,
  offered: ReadonlySet<MetalTier>,
): MetalTier {
  const order: MetalTier[] = ['Catastrophic', 'Bronze', 'Silver', 'Gold', 'Platinum'];
  const i = order.indexOf(current);
  const candidates = order.filter(
    (m, j) =>
      m !== current &&
      offered.has(m) &&
      Math.abs(j - i) <= 2 &&
      (m !== 'Catastrophic' || age <= CATASTROPHIC_MAX_AGE),
  );
  if (candidates.length === 0) return current;
  const near = candidates.filter((m) => Math.abs(order.indexOf(m) - i) === 1);
  return random.pick(near.length > 0 && random.chance(0.8) ? near : candidates);
}

/** Traits never written to a CSV, derived from the chain seed and the member number. */
export interface LatentTraits {
  /** Mean-one gamma multiplier of claim frequency (heavy users). */
  readonly frailty: number;
  /** Uniform draws behind age-dependent traits (tobacco use, app and web portal use). */
  readonly tobaccoDraw: number;
  readonly appDraw: number;
  readonly webDraw: number;
}

/** Shape of the gamma distribution of frailty (mean 1, coefficient of variation 1/√shape). */
const FRAILTY_SHAPE = 2;
const LATENT_STREAM = hashString('latent');
const latentCache = { seed: -1, memberNo: -1, traits: undefined as LatentTraits | undefined };

export function latentTraits(seed: number, memberNo: number): LatentTraits {
  const c = latentCache;
  if (c.traits && c.seed === seed && c.memberNo === memberNo) return c.traits;
  const r = new Random(seed, LATENT_STREAM, memberNo);
  c.traits = {
    frailty: r.gamma(FRAILTY_SHAPE) / FRAILTY_SHAPE,
    tobaccoDraw: r.next(),
    appDraw: r.next(),
    webDraw: r.next(),
  };
  c.seed = seed;
  c.memberNo = memberNo;
  return c.traits;
}

/** About 13 % of adults use tobacco. */
export function isTobaccoUser(latent: LatentTraits, age: number): boolean {
  return age >= 18 && latent.tobaccoDraw < 0.13;
}

export function isAppUser(latent: LatentTraits, age: number): boolean {
  return latent.appDraw < (age < 35 ? 0.55 : age < 55 ? 0.45 : 0.3);
}

export function isWebUser(latent: LatentTraits): boolean {
  return latent.webDraw < 0.4;
}

/** Drugs a member with a condition fills every month (service indices). */
export interface MemberDrugs {
  readonly maintenance: readonly number[];
  readonly brand: number;
  readonly specialty: number;
}

const NO_DRUGS: MemberDrugs = { maintenance: [], brand: -1, specialty: -1 };

export function memberDrugs(seed: number, memberNo: number, condition: number): MemberDrugs {
  if (condition < 0) return NO_DRUGS;
  const c = CONDITIONS[condition];
  const r = new Random(seed, hashString('drugs'), memberNo, condition);
  const maintenance: number[] = [];
  if (c.maintenance.length > 0) {
    const count = Math.min(c.maintenance.length, r.chance(0.75) ? 1 : 2);
    const start = r.int(c.maintenance.length);
    for (let k = 0; k < count; k++)
      maintenance.push(serviceIndex(c.maintenance[(start + k) % c.maintenance.length]));
  }
  const brand = c.brands.length > 0 && r.chance(c.brandShare) ? serviceIndex(r.pick(c.brands)) : -1;
  const specialty =
    c.specialty.length > 0 && r.chance(c.specialtyShare) ? serviceIndex(r.pick(c.specialty)) : -1;
  return { maintenance, brand, specialty };
}

const SEGMENT_TABLES = new Map<string, WeightedTable>();
const MATERNITY = CLINICAL_SEGMENTS.findIndex((s) => s.name === 'Maternity');
const HEALTHY = CLINICAL_SEGMENTS.findIndex((s) => s.name === 'Healthy');

export function drawSegment(age: number, gender: Gender, random: Random): number {
  const group = ageGroupOf(age);
  const fertile = gender === 'F' && age >= 18 && age <= 44;
  const key = `${group}|${fertile}`;
  let table = SEGMENT_TABLES.get(key);
  if (!table) {
    const w = [...SEGMENT_WEIGHTS_BY_AGE[group]];
    if (!fertile) {
      w[HEALTHY] += w[MATERNITY];
      w[MATERNITY] = 0;
    }
    table = new WeightedTable(w);
    SEGMENT_TABLES.set(key, table);
  }
  return table.sample(random);
}

const CONDITION_INDEX = new Map(CONDITIONS.map((c, i) => [c.key, i]));

export function drawCondition(segment: number, age: number, random: Random): number {
  const options = CLINICAL_SEGMENTS[segment].conditions;
  if (options.length === 0) return -1;
  let key = new WeightedChoice(options).sample(random);
  if (age < 18 && !PEDIATRIC_CONDITIONS.has(key)) key = 'asthma';
  return CONDITION_INDEX.get(key) as number;
}

/**
 * The condition behind a members.csv row: the segment's condition carrying that HCC label
 * (several share a label or have none: then a stable pick by member number).
 */
export function conditionOfRow(segment: number, hcc: string, memberNo: number): number {
  const options = segment >= 0 ? CLINICAL_SEGMENTS[segment].conditions : [];
  const matching = options.filter(
    ([key]) => CONDITIONS[CONDITION_INDEX.get(key) as number].hcc === hcc,
  );
  if (matching.length === 0) return -1;
  const [key] = matching[hashInts(memberNo, 7) % matching.length];
  return CONDITION_INDEX.get(key) as number;
}

export function segmentIndexOf(name: string): number {
  return CLINICAL_SEGMENTS.findIndex((s) => s.name.toLowerCase() === name.trim().toLowerCase());
}

/** Risk score (thousandths) for a segment: log-normal around the segment median. */
export function drawRiskMilli(segment: number, frailty: number, random: Random): number {
  const median = CLINICAL_SEGMENTS[segment].riskScoreMedian;
  return Math.max(1, Math.round(random.logNormal(median, 0.35) * frailty ** 0.3 * 1000));
}

/** Area Deprivation Index decile: poorer households live in more deprived areas. */
export function drawAdi(fplHundredths: number, random: Random): number {
  return Math.max(
    1,
    Math.min(10, Math.round(7.6 - 1.3 * (fplHundredths / 100) + 1.8 * random.normal())),
  );
}

export interface BrokerAssignment {
  readonly agency: string;
  readonly broker: string;
}

const INDEPENDENT_BROKERS = 200;
const BROKERS_PER_AGENCY = 40;

export function drawBroker(
  stateIndex: number,
  ctx: Pick<GenerationContext, 'pools' | 'seed'>,
  random: Random,
): BrokerAssignment {
  const state = US_STATES[stateIndex];
  if (!random.chance(BROKER_SHARE_HIGH[state.code] ?? BROKER_SHARE_DEFAULT))
    return { agency: '', broker: '' };
  const independent = random.chance(0.25);
  let agencyIndex = -1;
  if (!independent) {
    const local = GENERAL_AGENCIES.map((a, i) => [a, i] as const).filter(
      ([a]) => a.region === state.region,
    );
    agencyIndex =
      random.chance(0.8) && local.length > 0
        ? random.pick(local)[1]
        : random.int(GENERAL_AGENCIES.length);
  }
  const brokerNo = independent
    ? random.int(INDEPENDENT_BROKERS)
    : INDEPENDENT_BROKERS + agencyIndex * BROKERS_PER_AGENCY + random.int(BROKERS_PER_AGENCY);
  const h = hashInts(ctx.seed, hashString('broker'), brokerNo);
  const first = h & 1 ? ctx.pools.femaleFirstNames : ctx.pools.maleFirstNames;
  const broker = `${first[(h >>> 1) % first.length]} ${ctx.pools.lastNames[(h >>> 11) % ctx.pools.lastNames.length]}`;
  return { agency: agencyIndex >= 0 ? GENERAL_AGENCIES[agencyIndex].name : '', broker };
}

/** A member's row state: what members.csv says, plus derived working fields. */
export class MemberRecord {
  memberNo = 0;
  firstName = '';
  lastName = '';
  gender: Gender = 'U';
  dobDay = 0;
  dob: Civil = { year: 1970, month: 1, day: 1 };
  stateIndex = 0;
  zip = '';
  street = '';
  city = '';
  email = '';
  phone = '';
  fplHundredths = 0;
  segment = 0;
  condition = -1;
  agency = '';
  broker = '';
  calls = 0;
  appLogins = 0;
  webLogins = 0;
  adi = 5;
  riskMilli = 0;
  /** Current (last) enrollment: plan index in the PlanBook and CSR variant. */
  planIndex = -1;
  csr: CsrVariant = 'none';
  year = 0;
  enrollmentMonths = 0;
  newInPeriod = false;
  visitedNewProvider = false;
  highCost = false;
  /** Months enrolled before the generated window (full mode, members already covered). */
  priorMonths = 0;

  ageOnDay(day: number): number {
    return ageOn(this.dob, day);
  }

  setDob(day: number): void {
    this.dobDay = day;
    this.dob = civilOfDay(day);
  }
}

/** Draws a brand-new member (demographics, residence, income, health, broker). */
export function drawNewMember(
  ctx: GenerationContext,
  memberNo: number,
  random: Random,
  m: MemberRecord,
): MemberRecord {
  m.memberNo = memberNo;
  m.gender = GENDER_MIX.sample(random);
  const [lo, hi] = AGE_BANDS[AGE_TABLE.sample(random)];
  const age = random.range(lo, hi);
  const end = civilOfDay(ctx.period.end);
  // Born `age` years before the period's last day, minus up to a year.
  m.setDob(dayNumber(end.year - age, end.month, Math.min(end.day, 28)) - random.int(365));
  const female = m.gender === 'F' || (m.gender !== 'M' && random.chance(0.5));
  const firsts = female ? ctx.pools.femaleFirstNames : ctx.pools.maleFirstNames;
  m.firstName = random.pick(firsts);
  m.lastName = random.pick(ctx.pools.lastNames);
  m.email = ctx.geography.email(m.firstName, m.lastName, memberNo);
  m.phone = ctx.geography.phone(random);
  placeMember(ctx, m, ctx.geography.pickState(random), random);
  m.fplHundredths = drawFplHundredths(m.stateIndex, random);
  const ageNow = m.ageOnDay(ctx.period.end);
  m.segment = drawSegment(ageNow, m.gender, random);
  m.condition = drawCondition(m.segment, ageNow, random);
  const latent = latentTraits(ctx.seed, memberNo);
  m.riskMilli = drawRiskMilli(m.segment, latent.frailty, random);
  m.adi = drawAdi(m.fplHundredths, random);
  const b = drawBroker(m.stateIndex, ctx, random);
  m.agency = b.agency;
  m.broker = b.broker;
  m.planIndex = -1;
  m.csr = 'none';
  m.year = ctx.memberYear;
  m.enrollmentMonths = 0;
  m.newInPeriod = false;
  m.visitedNewProvider = false;
  m.highCost = false;
  m.priorMonths = 0;
  m.calls = 0;
  m.appLogins = 0;
  m.webLogins = 0;
  return m;
}

/** Sets residence (state, city, ZIP, street) in a state. */
export function placeMember(
  ctx: GenerationContext,
  m: MemberRecord,
  stateIndex: number,
  random: Random,
): void {
  const city = ctx.geography.pickCity(stateIndex, random);
  m.stateIndex = stateIndex;
  m.city = ctx.geography.cityName(city);
  m.zip = ctx.geography.zip(city, random);
  m.street = ctx.geography.streetAddress(random);
}

/** A move to another state: new residence and, with it, a new deprivation index. */
export function relocateMember(ctx: GenerationContext, m: MemberRecord, random: Random): void {
  placeMember(ctx, m, ctx.geography.pickOtherState(m.stateIndex, random), random);
  m.adi = drawAdi(m.fplHundredths, random);
}

/** Engagement counts over `months` covered months of the period. */
export function drawEngagement(
  ctx: GenerationContext,
  m: MemberRecord,
  months: number,
  random: Random,
): void {
  const latent = latentTraits(ctx.seed, m.memberNo);
  const need = Math.sqrt(CLINICAL_SEGMENTS[m.segment].frequency);
  m.calls = random.poisson(0.12 * months * need);
  m.appLogins = isAppUser(latent, m.ageOnDay(ctx.period.end)) ? random.poisson(1.4 * months) : 0;
  m.webLogins = isWebUser(latent) ? random.poisson(0.5 * months * need) : 0;
}

const MI: Readonly<Record<string, number>> = Object.fromEntries(
  MEMBERS_FILE.columns.map((c, i) => [c.name, i]),
);
const MEMBER_COLUMN_COUNT = MEMBERS_FILE.columns.length;

function hiosId(ctx: GenerationContext, m: MemberRecord): string {
  return `${ctx.plans.planIds[m.planIndex]}${CSR_HIOS_VARIANT_SUFFIX[m.csr]}`;
}

/** members.csv fields of a record, in contract column order (unencoded). */
export function memberFields(ctx: GenerationContext, m: MemberRecord): string[] {
  const f = new Array<string>(MEMBER_COLUMN_COUNT).fill('');
  const state = US_STATES[m.stateIndex];
  const condition = m.condition >= 0 ? CONDITIONS[m.condition] : undefined;
  f[MI.member_id] = memberId(m.memberNo);
  f[MI.first_name] = m.firstName;
  f[MI.last_name] = m.lastName;
  f[MI.dob] = ctx.dates.of(m.dobDay);
  f[MI.gender] = m.gender;
  f[MI.state] = state.code;
  f[MI.zip] = m.zip;
  f[MI.fpl_ratio] = fixedText(m.fplHundredths, 2);
  f[MI.plan_metal] = ctx.plans.metals[m.planIndex];
  f[MI.plan_network_access_type] = ctx.plans.networks[m.planIndex];
  f[MI.region] = state.region;
  f[MI.clinical_segment] = CLINICAL_SEGMENTS[m.segment].name;
  f[MI.year] = String(m.year);
  f[MI.age_group] = ageGroupOf(m.ageOnDay(ctx.period.end));
  f[MI.email] = m.email;
  f[MI.phone] = m.phone;
  f[MI.street] = m.street;
  f[MI.city] = m.city;
  f[MI.hios_id] = hiosId(ctx, m);
  f[MI.enrollment_length_continuous] = String(m.enrollmentMonths);
  f[MI.general_agency_name] = m.agency;
  f[MI.broker_name] = m.broker;
  f[MI.sa_contracting_entity_name] = CONTRACTING_ENTITY_BY_DIVISION[state.division];
  f[MI.call_count] = String(m.calls);
  f[MI.app_login_count] = String(m.appLogins);
  f[MI.web_login_count] = String(m.webLogins);
  f[MI.new_member_in_period] = m.newInPeriod ? '1' : '0';
  f[MI.member_used_app] = m.appLogins > 0 ? '1' : '0';
  f[MI.member_had_web_login] = m.webLogins > 0 ? '1' : '0';
  f[MI.member_visited_new_provider_ind] = m.visitedNewProvider ? '1' : '0';
  f[MI.high_cost_member] = m.highCost ? '1' : '0';
  f[MI.mutually_exclusive_hcc_condition] = condition?.hcc ?? '';
  f[MI.geographic_reporting] = state.division;
  f[MI.wisconsin_area_deprivation_index] = String(m.adi);
  f[MI.ra_mm] = fixedText(m.riskMilli, 3);
  return f;
}

export function encodeMemberRow(ctx: GenerationContext, m: MemberRecord): string {
  return csvRecord(memberFields(ctx, m));
}

function int(text: string, fallback = 0): number {
  const n = Number(text);
  return Number.isInteger(n) ? n : fallback;
}

function bool(text: string): boolean {
  return ['1', 'true', 't', 'yes', 'y'].includes(text.trim().toLowerCase());
}

/**
 * Reads a members.csv record back into a MemberRecord. Returns false for rows this generator
 * cannot continue (ids it did not write, rows that do not type: messy rows).
 */
export function parseMemberRow(
  ctx: GenerationContext,
  get: (column: string) => string,
  m: MemberRecord,
): boolean {
  const memberNo = memberNoOf(get('member_id'));
  const dob = parseDay(get('dob'));
  const stateIndex = stateIndexOf(get('state'));
  const segment = segmentIndexOf(get('clinical_segment'));
  const hios = get('hios_id');
  const planIndex = ctx.plans.indexOf(hios.slice(0, 14));
  const fpl = Math.round(Number(get('fpl_ratio')) * 100);
  const gender = GENDERS.find((g) => g === get('gender').toUpperCase());
  if (!Number.isFinite(memberNo) || dob === undefined || stateIndex < 0 || segment < 0)
    return false;
  if (planIndex === undefined || !Number.isFinite(fpl) || !gender) return false;
  m.memberNo = memberNo;
  m.firstName = get('first_name');
  m.lastName = get('last_name');
  m.gender = gender;
  m.setDob(dob);
  m.stateIndex = stateIndex;
  m.zip = get('zip');
  m.street = get('street');
  m.city = get('city');
  m.email = get('email');
  m.phone = get('phone');
  m.fplHundredths = fpl;
  m.segment = segment;
  m.condition = conditionOfRow(segment, get('mutually_exclusive_hcc_condition'), memberNo);
  m.agency = get('general_agency_name');
  m.broker = get('broker_name');
  m.calls = int(get('call_count'));
  m.appLogins = int(get('app_login_count'));
  m.webLogins = int(get('web_login_count'));
  m.adi = int(get('wisconsin_area_deprivation_index'), 5);
  m.riskMilli = Math.round(Number(get('ra_mm') || '0') * 1000);
  m.planIndex = planIndex;
  m.csr = csrVariantOfHiosSuffix(hios.slice(14));
  m.year = int(get('year'), ctx.memberYear);
  m.enrollmentMonths = int(get('enrollment_length_continuous'));
  m.newInPeriod = bool(get('new_member_in_period'));
  m.visitedNewProvider = bool(get('member_visited_new_provider_ind'));
  m.highCost = bool(get('high_cost_member'));
  m.priorMonths = 0;
  return true;
}
