/**
 * Claims of one member over the seed set's period. Frequency follows the member's clinical
 * segment, age, sex and a latent frailty (a mean-one gamma draw: a few members use far more
 * care). Maintenance, brand and specialty drugs are refilled every 30 days on a schedule fixed
 * in absolute time, so refills never double across seed sets. Inpatient stays, deliveries, ER
 * visits and outpatient surgery come as episodes of several claims on the same day (facility
 * and professional). Allowed amounts are log-normal around catalog medians, scaled by segment
 * severity, age, region and a 6 % yearly trend; billed = allowed × the provider's charge-master
 * markup. Claims are adjudicated in date order against the plan year's deductible,
 * coinsurance, copays and out-of-pocket maximum (CSR variants reduce them); a claim whose
 * adjudication date falls after the period is still `pending`.
 */
import { CsrVariant, US_STATES, csrOopMaxSelfOnly } from '../../../domain/aca';
import { CLAIMS_FILE } from '../../../domain/seed-contract';
import { calendarMonthOf, monthOfDay, weekday, yearOfMonth } from '../calendar';
import { csvField } from '../csv-encoding';
import { Random, WeightedChoice, WeightedTable, hash3, hashInts } from '../random';
import {
  ACUTE_DIAGNOSES,
  CLINICAL_SEGMENTS,
  CONDITIONS,
  GENERAL_SPECIALISTS,
  ServiceSlot,
} from '../reference/clinical-profiles';
import { DIAGNOSES } from '../reference/diagnoses';
import { PROVIDER_SPECIALTIES, specialtyIndex } from '../reference/provider-specialties';
import { SERVICE_ITEMS, ServiceItem, serviceIndex } from '../reference/services';
import { Span } from './coverage-simulator';
import { GenerationContext } from './generation-context';
import { MemberRecord, latentTraits, memberDrugs, memberId } from './member-record';
import { RecordBuffer, bytesOf } from './record-buffer';

/** Column order the hot loop writes; checked against the contract when the module loads. */
const WRITTEN_COLUMNS = [
  'claim_id',
  'member_id',
  'provider_id',
  'plan_id',
  'service_date',
  'claim_amount',
  'allowed_amount',
  'paid_amount',
  'status',
  'diagnosis_code',
  'procedure_code',
  'charges',
  'allowed',
  'clean_claim_status',
  'claim_from',
  'clean_claim_out',
  'utilization',
  'hcg_units_days',
  'claim_type',
  'major_service_category',
  'provider_specialty',
  'detailed_service_category',
  'ms_drg',
  'ms_drg_description',
  'ms_drg_mdc',
  'ms_drg_mdc_desc',
  'cpt',
  'cpt_consumer_description',
  'procedure_level_1',
  'procedure_level_2',
  'procedure_level_3',
  'procedure_level_4',
  'procedure_level_5',
  'channel',
  'drug_name',
  'drug_class',
  'drug_subclass',
  'drug',
  'is_oon',
  'best_contracting_entity_name',
  'provider_group_name',
  'ccsr_system_description',
  'ccsr_description',
];
const CONTRACT_COLUMNS = CLAIMS_FILE.columns.map((c) => c.name);
if (WRITTEN_COLUMNS.join(',') !== CONTRACT_COLUMNS.join(',')) {
  throw new Error('claims.csv writer is out of step with the seed contract column order');
}

/** Relative claim frequency by age (infants and older adults use more care). */
function ageFrequency(age: number): number {
  if (age < 2) return 1.3;
  if (age < 18) return 0.6;
  if (age < 26) return 0.55;
  if (age < 35) return 0.75;
  if (age < 45) return 0.9;
  if (age < 55) return 1.1;
  if (age < 65) return 1.35;
  return 1.45;
}

function ageSeverity(age: number): number {
  if (age < 18) return 0.7;
  if (age < 35) return 0.85;
  if (age < 45) return 0.95;
  if (age < 55) return 1.05;
  if (age < 65) return 1.2;
  return 1.3;
}

export function ageAdmissions(age: number): number {
  if (age < 18) return 0.5;
  if (age < 45) return 0.7;
  if (age < 55) return 1.0;
  if (age < 65) return 1.5;
  return 1.9;
}

export function memberFrequency(
  segment: number,
  age: number,
  female: boolean,
  frailty: number,
): number {
  const sex = female && age >= 18 && age < 55 ? 1.25 : 1;
  return CLINICAL_SEGMENTS[segment].frequency * ageFrequency(age) * sex * frailty;
}

/** Claims per slot draw (episodes bill several claims) by slot. */
const CLAIMS_PER_SLOT: Readonly<Partial<Record<ServiceSlot, number>>> = {
  er: 2.12,
  outpatient_surgery: 2,
  observation: 2,
  preventive: 1.05,
  condition_procedure: 1.2,
};

/** Expected claims per slot draw for a segment (for calibration). */
export function claimsPerSlotDraw(segment: number): number {
  const slots = CLINICAL_SEGMENTS[segment].slots;
  let total = 0;
  let weighted = 0;
  for (const [slot, w] of Object.entries(slots) as [ServiceSlot, number][]) {
    total += w;
    weighted += w * (CLAIMS_PER_SLOT[slot] ?? 1);
  }
  return weighted / total;
}

/** Share of scheduled refills actually filled, by drug tier. */
export const ADHERENCE = { generic: 0.78, brand: 0.85, specialty: 0.92 } as const;
const REFILL_DAYS = 30;
/** Claims per inpatient admission (facility, hospitalist, sometimes surgeon and anesthesia). */
export const CLAIMS_PER_ADMISSION = 2.15;

/** Cost levels by census division (relative to the national average). */
const DIVISION_COST: Readonly<Record<string, number>> = {
  'New England': 1.15,
  'Middle Atlantic': 1.12,
  'East North Central': 0.98,
  'West North Central': 0.95,
  'South Atlantic': 0.97,
  'East South Central': 0.9,
  'West South Central': 0.95,
  Mountain: 1.0,
  Pacific: 1.12,
};
const STATE_COST = US_STATES.map((s) =>
  s.code === 'AK' ? 1.45 : s.code === 'HI' ? 1.2 : DIVISION_COST[s.division],
);
const COST_TREND = 0.06;
/** Global calibration of allowed amounts (allowed PMPM around $500 in 2024). */
const COST_SCALE = 1.3;
/** Calibration of denial probabilities (overall denial share around 15 %). */
const DENIAL_SCALE = 1.7;
/** Chance a claim goes to a provider other than the member's usual one for that specialty. */
const OTHER_PROVIDER = 0.08;
/** Months whose claims volume is above or below average (January flu season, December catch-up). */
const MONTH_WEIGHT = [1.07, 1.04, 1.04, 0.99, 0.98, 0.94, 0.91, 0.97, 1.0, 1.02, 0.99, 1.05];
const MAX_MONTH_WEIGHT = Math.max(...MONTH_WEIGHT);

const ITEM = (key: string): number => serviceIndex(key);
const I = {
  pcpLow: ITEM('pcp_low'),
  pcpModerate: ITEM('pcp_moderate'),
  pcpNew: ITEM('pcp_new'),
  specialist: ITEM('specialist_visit'),
  specialistNew: ITEM('specialist_new'),
  telehealth: ITEM('telehealth'),
  urgent: ITEM('urgent_care'),
  prevChild: ITEM('preventive_child'),
  prevTeen: ITEM('preventive_teen'),
  prevYoung: ITEM('preventive_young_adult'),
  prevAdult: ITEM('preventive_adult'),
  flu: ITEM('flu_vaccine'),
  mammogram: ITEM('screening_mammogram'),
  colonoscopy: ITEM('screening_colonoscopy'),
  colonoscopyFacility: ITEM('colonoscopy_facility'),
  colonoscopyAnesthesia: ITEM('colonoscopy_anesthesia'),
  erProfessional: ITEM('er_professional'),
  erFacility: ITEM('er_facility'),
  erFacilityHigh: ITEM('er_facility_high'),
  ctHead: ITEM('ct_head'),
  observation: ITEM('observation'),
  physicalTherapy: ITEM('physical_therapy'),
  kneeScope: ITEM('knee_arthroscopy'),
  kneeScopeSurgeon: ITEM('knee_arthroscopy_surgeon'),
  chemoAdmin: ITEM('chemo_administration'),
  chemoDrug: ITEM('chemo_drug'),
  hospitalist: ITEM('hospitalist'),
  kneeReplacement: ITEM('ip_knee_replacement'),
  kneeSurgeon: ITEM('knee_replacement_surgeon'),
  surgicalAnesthesia: ITEM('surgical_anesthesia'),
  vaginal: ITEM('ip_vaginal_delivery'),
  cesarean: ITEM('ip_cesarean'),
  obGlobal: ITEM('obstetric_global'),
  cesareanGlobal: ITEM('cesarean_global'),
  laborAnesthesia: ITEM('labor_anesthesia'),
};
const keys = (list: readonly (readonly [string, number])[]): WeightedChoice<number> =>
  new WeightedChoice(list.map(([k, w]) => [ITEM(k), w] as const));
const PCP_VISITS = keys([
  ['pcp_low', 55],
  ['pcp_moderate', 32],
  ['pcp_new', 13],
]);
const LABS = keys([
  ['lab_venipuncture', 30],
  ['lab_cmp', 20],
  ['lab_cbc', 20],
  ['lab_lipid', 12],
  ['lab_tsh', 8],
  ['lab_a1c', 5],
  ['lab_strep', 5],
]);
const ACUTE_RX = keys([
  ['rx_amoxicillin', 25],
  ['rx_azithromycin', 15],
  ['rx_ibuprofen', 20],
  ['rx_omeprazole', 15],
  ['rx_albuterol', 8],
  ['rx_gabapentin', 7],
  ['rx_levothyroxine', 10],
]);
const IMAGING = keys([
  ['xray_chest', 40],
  ['xray_knee', 30],
  ['ecg', 30],
]);
const ADVANCED_IMAGING = keys([
  ['mri_knee', 35],
  ['mri_lumbar', 30],
  ['ct_abdomen', 25],
  ['ct_head', 10],
]);
const BEHAVIORAL = keys([
  ['psychotherapy', 50],
  ['psychotherapy_tele', 25],
  ['medication_management', 18],
  ['psychiatric_evaluation', 7],
]);
const PRENATAL = keys([
  ['obstetric_ultrasound', 40],
  ['specialist_visit', 60],
]);
const GENERAL_ADMISSIONS = keys([
  ['ip_pneumonia', 30],
  ['ip_cellulitis', 20],
  ['ip_sepsis', 12],
  ['ip_knee_replacement', 14],
  ['ip_spinal_fusion', 6],
  ['ip_stroke', 6],
  ['ip_renal_failure', 6],
  ['ip_psychoses', 6],
]);
const DIAGNOSIS_INDEX = new Map(DIAGNOSES.map((d, i) => [d.code, i]));
const ACUTE_DX = new WeightedChoice(
  ACUTE_DIAGNOSES.map(([c, w]) => [DIAGNOSIS_INDEX.get(c) as number, w] as const),
);
const dxIndex = (code: string): number => {
  const i = DIAGNOSIS_INDEX.get(code);
  if (i === undefined) throw new Error(`Diagnosis ${code} missing from the catalog`);
  return i;
};
const ITEM_DIAGNOSES = SERVICE_ITEMS.map((s) => s.diagnoses.map(dxIndex));
const CONDITION_DIAGNOSES = CONDITIONS.map((c) => c.diagnoses.map(dxIndex));
const CONDITION_PROCEDURES = CONDITIONS.map((c) => c.procedures.map(ITEM));
const CONDITION_INPATIENT = CONDITIONS.map((c) => c.inpatient.map(ITEM));
const CONDITION_SPECIALIST = CONDITIONS.map((c) => specialtyIndex(c.specialist));
const GENERAL_SPECIALIST_INDEX = GENERAL_SPECIALISTS.map(specialtyIndex);
const PEDIATRICS = specialtyIndex('Pediatrics');
const OBGYN = specialtyIndex('Obstetrics & Gynecology');
const ITEM_SPECIALTIES = SERVICE_ITEMS.map((s) => s.specialties.map(specialtyIndex));
const SLOT_TABLES = CLINICAL_SEGMENTS.map((s) => {
  const entries = Object.entries(s.slots) as [ServiceSlot, number][];
  return { slots: entries.map(([k]) => k), table: new WeightedTable(entries.map(([, w]) => w)) };
});

/** Cost-sharing state of one plan year of one span. */
interface Accumulator {
  deductibleLeft: number;
  oopLeft: number;
  coinsuranceBp: number;
  copay: number;
  genericCopay: number;
}

function csrScale(csr: CsrVariant): { deductible: number; coinsurance: number; copay: number } {
  switch (csr) {
    case '94':
      return { deductible: 0.05, coinsurance: 0.25, copay: 0.25 };
    case '87':
      return { deductible: 0.15, coinsurance: 0.5, copay: 0.5 };
    case '73':
      return { deductible: 0.75, coinsurance: 0.85, copay: 0.8 };
    default:
      return { deductible: 1, coinsurance: 1, copay: 1 };
  }
}

const GENERIC_COPAY: Readonly<Record<string, number>> = {
  Platinum: 500,
  Gold: 1000,
  Silver: 1500,
  Bronze: 2500,
  Catastrophic: -1,
};

/** Pre-encoded CSV fragments (with their trailing comma) of items, specialties and diagnoses. */
const withComma = (text: string): Uint8Array => bytesOf(`${text},`);
const ITEM_HEAD = SERVICE_ITEMS.map((s) =>
  withComma(`${s.claimType},${csvField(s.majorCategory)}`),
);
const ITEM_TAIL = SERVICE_ITEMS.map((s) =>
  withComma(
    [
      s.detailedCategory,
      s.drg?.code ?? '',
      s.drg?.description ?? '',
      s.drg?.mdc ?? '',
      s.drg?.mdcDescription ?? '',
      s.cpt,
      s.consumerDescription,
      ...s.levels,
      s.channel,
      s.drug?.name ?? '',
      s.drug?.drugClass ?? '',
      s.drug?.subclass ?? '',
      s.drug?.ndc ?? '',
    ]
      .map(csvField)
      .join(','),
  ),
);
const ITEM_CODE = SERVICE_ITEMS.map((s) => withComma(csvField(s.procedureCode)));
const SPECIALTY_TEXT = PROVIDER_SPECIALTIES.map((s) => withComma(csvField(s.name)));
const DX_CODE = DIAGNOSES.map((d) => withComma(csvField(d.code)));
const DX_TAIL = DIAGNOSES.map((d) => bytesOf(`${csvField(d.ccsrSystem)},${csvField(d.ccsr)}`));
const UNITS_TEXT = Array.from({ length: 256 }, (_, i) => withComma(`${i}.00,${i}`));
const RX_UNITS = withComma('1.00,30');
const STATUS = {
  approved: withComma('approved'),
  denied: withComma('denied'),
  pending: withComma('pending'),
  paid: withComma('PAID'),
  deniedClean: withComma('DENIED'),
  pendingClean: withComma('PENDING'),
};
const OON = [withComma('0'), withComma('1')];
const DOT_00 = bytesOf('.00,');
const MEDICAL_TYPE = SERVICE_ITEMS.map((s) => s.claimType !== 'RX');
/**
 * Segment and age severity apply to medical services priced per service, not to drugs (priced
 * per unit) nor to inpatient stays (the MS-DRG already prices the severity).
 */
const SEVERITY_APPLIES = SERVICE_ITEMS.map(
  (s) => s.claimType !== 'RX' && s.key !== 'chemo_drug' && !s.drg,
);

/** What claim generation learned about the member. */
export interface MemberClaimSummary {
  claims: number;
  allowedCents: number;
  paidCents: number;
  visitedNewProvider: boolean;
}

export class ClaimGenerator {
  private n = 0;
  private day = new Int32Array(512);
  private item = new Int16Array(512);
  private dx = new Int16Array(512);
  private spec = new Int16Array(512);
  private span = new Int16Array(512);
  private order = new Float64Array(512);
  private readonly monthOf: Uint8Array;
  private readonly weekdayOf: Uint8Array;
  private readonly yearOf: Int16Array;
  private readonly trend = new Map<number, number>();
  private readonly acc: Accumulator = {
    deductibleLeft: 0,
    oopLeft: 0,
    coinsuranceBp: 0,
    copay: 0,
    genericCopay: 0,
  };
  private readonly memberCache: { no: number; claimPrefix: Uint8Array; memberId: Uint8Array } = {
    no: -1,
    claimPrefix: new Uint8Array(0),
    memberId: new Uint8Array(0),
  };
  /** `YYYY-MM-DD,` of each day of the period. */
  private readonly dateBytes: Uint8Array[] = [];
  /** `plan_id,` of each plan. */
  private readonly planIdBytes: Uint8Array[];

  constructor(private readonly ctx: GenerationContext) {
    const { start, end } = ctx.period;
    const days = end - start + 1;
    this.monthOf = new Uint8Array(days);
    this.weekdayOf = new Uint8Array(days);
    this.yearOf = new Int16Array(days);
    for (let d = 0; d < days; d++) {
      const m = monthOfDay(start + d);
      this.monthOf[d] = calendarMonthOf(m) - 1;
      this.yearOf[d] = yearOfMonth(m);
      this.weekdayOf[d] = weekday(start + d);
      this.dateBytes.push(bytesOf(`${ctx.dates.of(start + d)},`));
    }
    this.planIdBytes = ctx.plans.planIds.map((id) => bytesOf(`${id},`));
  }

  private grow(): void {
    const size = this.day.length * 2;
    const copy = <T extends Int32Array | Int16Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.day = copy(this.day, (n) => new Int32Array(n));
    this.item = copy(this.item, (n) => new Int16Array(n));
    this.dx = copy(this.dx, (n) => new Int16Array(n));
    this.spec = copy(this.spec, (n) => new Int16Array(n));
    this.span = copy(this.span, (n) => new Int16Array(n));
    this.order = new Float64Array(size);
  }

  private add(day: number, item: number, dx: number, spec: number, span: number): void {
    if (this.n >= 65535) return;
    if (this.n === this.day.length) this.grow();
    const i = this.n++;
    this.day[i] = day;
    this.item[i] = item;
    this.dx[i] = dx;
    this.spec[i] = spec;
    this.span[i] = span;
  }

  /** A service day in [a, b] with the month seasonality, moved off weekends for office care. */
  private serviceDay(a: number, days: number, weekdayOnly: boolean, random: Random): number {
    const start = this.ctx.period.start;
    let d = a + random.int(days);
    for (let t = 0; t < 3; t++) {
      if (random.next() * MAX_MONTH_WEIGHT <= MONTH_WEIGHT[this.monthOf[d - start]]) break;
      d = a + random.int(days);
    }
    if (weekdayOnly && random.next() < 0.9) {
      const wd = this.weekdayOf[d - start];
      if (wd === 6 && d - 1 >= a) d -= 1;
      else if (wd === 0 && d + 1 < a + days) d += 1;
      else if (wd === 0 && d - 2 >= a) d -= 2;
    }
    return d;
  }

  private conditionOrAcuteDx(member: MemberRecord, random: Random, conditionShare: number): number {
    if (member.condition >= 0 && random.chance(conditionShare))
      return random.pick(CONDITION_DIAGNOSES[member.condition]);
    return ACUTE_DX.sample(random);
  }

  private itemDx(
    item: number,
    member: MemberRecord,
    random: Random,
    conditionShare: number,
  ): number {
    const own = ITEM_DIAGNOSES[item];
    if (own.length > 0) return random.pick(own);
    return this.conditionOrAcuteDx(member, random, conditionShare);
  }

  private specialtyFor(item: number, member: MemberRecord, age: number): number {
    const options = ITEM_SPECIALTIES[item];
    if (options.length === 0) {
      if (member.condition >= 0) return CONDITION_SPECIALIST[member.condition];
      return GENERAL_SPECIALIST_INDEX[
        hashInts(member.memberNo, item) % GENERAL_SPECIALIST_INDEX.length
      ];
    }
    if (age < 18 && SERVICE_ITEMS[item].costShare === 'pcp') return PEDIATRICS;
    return options[(member.memberNo + item) % options.length];
  }

  private addItem(
    item: number,
    day: number,
    span: number,
    member: MemberRecord,
    age: number,
    random: Random,
    conditionShare = 0.5,
  ): void {
    this.add(
      day,
      item,
      this.itemDx(item, member, random, conditionShare),
      this.specialtyFor(item, member, age),
      span,
    );
  }

  private addSlot(
    slot: ServiceSlot,
    a: number,
    days: number,
    span: number,
    member: MemberRecord,
    age: number,
    random: Random,
  ): void {
    const female = member.gender === 'F';
    switch (slot) {
      case 'pcp': {
        const item = PCP_VISITS.sample(random);
        this.addItem(item, this.serviceDay(a, days, true, random), span, member, age, random, 0.6);
        return;
      }
      case 'preventive': {
        const d = this.serviceDay(a, days, true, random);
        if (age >= 45 && random.chance(0.08)) {
          for (const item of [I.colonoscopyFacility, I.colonoscopy, I.colonoscopyAnesthesia])
            this.addItem(item, d, span, member, age, random);
          return;
        }
        if (female && age >= 40 && random.chance(0.3))
          return this.addItem(I.mammogram, d, span, member, age, random);
        const item =
          age < 12 ? I.prevChild : age < 18 ? I.prevTeen : age < 40 ? I.prevYoung : I.prevAdult;
        return this.addItem(item, d, span, member, age, random);
      }
      case 'lab': {
        const own =
          member.condition >= 0
            ? CONDITION_PROCEDURES[member.condition].filter(
                (i) => SERVICE_ITEMS[i].detailedCategory === 'Lab',
              )
            : [];
        const item = own.length > 0 && random.chance(0.4) ? random.pick(own) : LABS.sample(random);
        return this.addItem(
          item,
          this.serviceDay(a, days, true, random),
          span,
          member,
          age,
          random,
        );
      }
      case 'acute_rx':
        return this.addItem(
          ACUTE_RX.sample(random),
          this.serviceDay(a, days, false, random),
          span,
          member,
          age,
          random,
          0.3,
        );
      case 'urgent':
        return this.addItem(
          I.urgent,
          this.serviceDay(a, days, false, random),
          span,
          member,
          age,
          random,
          0.2,
        );
      case 'telehealth':
        return this.addItem(
          I.telehealth,
          this.serviceDay(a, days, false, random),
          span,
          member,
          age,
          random,
          0.5,
        );
      case 'er': {
        const d = this.serviceDay(a, days, false, random);
        const facility = random.chance(0.25) ? I.erFacilityHigh : I.erFacility;
        const dx = this.itemDx(facility, member, random, 0.35);
        const hospital = specialtyIndex('General Acute Care Hospital');
        this.add(d, facility, dx, hospital, span);
        this.add(d, I.erProfessional, dx, specialtyIndex('Emergency Medicine'), span);
        if (random.chance(0.12)) this.add(d, I.ctHead, dx, hospital, span);
        return;
      }
      case 'imaging':
        return this.addItem(
          IMAGING.sample(random),
          this.serviceDay(a, days, true, random),
          span,
          member,
          age,
          random,
        );
      case 'advanced_imaging':
        return this.addItem(
          ADVANCED_IMAGING.sample(random),
          this.serviceDay(a, days, true, random),
          span,
          member,
          age,
          random,
        );
      case 'physical_therapy':
        return this.addItem(
          I.physicalTherapy,
          this.serviceDay(a, days, true, random),
          span,
          member,
          age,
          random,
        );
      case 'specialist':
        return this.addItem(
          random.chance(0.8) ? I.specialist : I.specialistNew,
          this.serviceDay(a, days, true, random),
          span,
          member,
          age,
          random,
          0.85,
        );
      case 'behavioral':
        return this.addItem(
          BEHAVIORAL.sample(random),
          this.serviceDay(a, days, true, random),
          span,
          member,
          age,
          random,
          0.95,
        );
      case 'prenatal': {
        const item = PRENATAL.sample(random);
        const d = this.serviceDay(a, days, true, random);
        this.add(
          d,
          item,
          this.itemDx(item, member, random, 1),
          item === I.specialist ? OBGYN : this.specialtyFor(item, member, age),
          span,
        );
        return;
      }
      case 'condition_procedure': {
        const own = member.condition >= 0 ? CONDITION_PROCEDURES[member.condition] : [];
        const item = own.length > 0 ? random.pick(own) : LABS.sample(random);
        const d = this.serviceDay(a, days, true, random);
        if (item === I.chemoAdmin || item === I.chemoDrug) {
          this.addItem(I.chemoAdmin, d, span, member, age, random, 1);
          this.addItem(I.chemoDrug, d, span, member, age, random, 1);
          return;
        }
        return this.addItem(item, d, span, member, age, random, 1);
      }
      case 'outpatient_surgery': {
        const d = this.serviceDay(a, days, true, random);
        this.addItem(I.kneeScope, d, span, member, age, random);
        this.addItem(I.kneeScopeSurgeon, d, span, member, age, random);
        return;
      }
      case 'flu_vaccine': {
        // Flu shots are given from September to December: move the day into that window.
        let d = this.serviceDay(a, days, false, random);
        const month = this.monthOf[d - this.ctx.period.start];
        if (month < 8) {
          const shifted = d + Math.round((8 - month) * 30.4) + random.int(60);
          if (shifted < a + days) d = shifted;
          else return this.addItem(PCP_VISITS.sample(random), d, span, member, age, random);
        }
        return this.addItem(I.flu, d, span, member, age, random);
      }
      case 'observation': {
        const d = this.serviceDay(a, days, false, random);
        this.addItem(I.observation, d, span, member, age, random, 0.7);
        this.addItem(I.erProfessional, d, span, member, age, random, 0.7);
        return;
      }
    }
  }

  private addAdmission(
    item: number,
    day: number,
    span: number,
    member: MemberRecord,
    random: Random,
  ): void {
    const dx = this.itemDx(item, member, random, 1);
    this.add(day, item, dx, specialtyIndex('General Acute Care Hospital'), span);
    if (item === I.kneeReplacement) {
      this.add(day, I.kneeSurgeon, dx, specialtyIndex('Orthopedic Surgery'), span);
      this.add(day, I.surgicalAnesthesia, dx, specialtyIndex('Anesthesiology'), span);
    } else {
      this.add(day, I.hospitalist, dx, specialtyIndex('Internal Medicine'), span);
    }
  }

  private addDelivery(
    day: number,
    span: number,
    member: MemberRecord,
    age: number,
    random: Random,
  ): void {
    if (random.chance(0.32)) {
      this.addItem(I.cesarean, day, span, member, age, random);
      this.addItem(I.cesareanGlobal, day, span, member, age, random);
      this.addItem(I.laborAnesthesia, day, span, member, age, random);
    } else {
      this.addItem(I.vaginal, day, span, member, age, random);
      this.addItem(I.obGlobal, day, span, member, age, random);
      if (random.chance(0.7)) this.addItem(I.laborAnesthesia, day, span, member, age, random);
    }
  }

  /** Schedules every refill of a drug inside [a, b]: every 30 days from a member-specific phase. */
  private addRefills(
    drug: number,
    adherence: number,
    a: number,
    b: number,
    span: number,
    member: MemberRecord,
    random: Random,
  ): void {
    const phase = hash3(this.ctx.seed, member.memberNo, drug) % REFILL_DAYS;
    let d = a + ((((phase - a) % REFILL_DAYS) + REFILL_DAYS) % REFILL_DAYS);
    const dx = member.condition >= 0 ? CONDITION_DIAGNOSES[member.condition] : [];
    const spec = ITEM_SPECIALTIES[drug][0];
    for (; d <= b; d += REFILL_DAYS) {
      if (!random.chance(adherence)) continue;
      this.add(d, drug, dx.length > 0 ? random.pick(dx) : ACUTE_DX.sample(random), spec, span);
    }
  }

  private trendOf(year: number): number {
    let t = this.trend.get(year);
    if (t === undefined) {
      t = (1 + COST_TREND) ** (year - 2024);
      this.trend.set(year, t);
    }
    return t;
  }

  private resetAccumulator(span: Span, year: number): void {
    const plans = this.ctx.plans;
    const row = plans.row(span.planIndex, year);
    const scale = csrScale(span.csr);
    const acc = this.acc;
    acc.deductibleLeft = Math.round((row.deductibleCents * scale.deductible) / 5000) * 5000;
    acc.oopLeft =
      span.csr === 'none'
        ? row.oopMaxCents
        : Math.min(row.oopMaxCents, csrOopMaxSelfOnly(year, span.csr) * 100);
    acc.coinsuranceBp = Math.round(row.coinsuranceBp * scale.coinsurance);
    acc.copay = Math.round((row.pcpCopayCents * scale.copay) / 100) * 100;
    const generic = GENERIC_COPAY[plans.metals[span.planIndex]];
    acc.genericCopay =
      generic < 0 ? -1 : span.csr === '94' || span.csr === '87' ? Math.min(generic, 500) : generic;
  }

  private deductibleThenCoinsurance(allowed: number, extraBp: number): number {
    const acc = this.acc;
    const d = Math.min(allowed, acc.deductibleLeft);
    acc.deductibleLeft -= d;
    return d + Math.round(((allowed - d) * Math.min(10000, acc.coinsuranceBp + extraBp)) / 10000);
  }

  /** Member cost share of an approved claim (the plan pays the rest). */
  private memberShare(item: ServiceItem, allowed: number, oonExtraBp: number): number {
    const acc = this.acc;
    let share: number;
    switch (item.costShare) {
      case 'preventive':
        return 0;
      case 'pcp':
        share =
          acc.copay > 0
            ? Math.min(allowed, acc.copay)
            : this.deductibleThenCoinsurance(allowed, oonExtraBp);
        break;
      case 'specialist':
        share =
          acc.copay > 0
            ? Math.min(allowed, acc.copay * 2)
            : this.deductibleThenCoinsurance(allowed, oonExtraBp);
        break;
      case 'urgent':
        share =
          acc.copay > 0
            ? Math.min(allowed, Math.round(acc.copay * 2.5))
            : this.deductibleThenCoinsurance(allowed, oonExtraBp);
        break;
      case 'rx_generic':
        share =
          acc.genericCopay >= 0
            ? Math.min(allowed, acc.genericCopay)
            : this.deductibleThenCoinsurance(allowed, 0);
        break;
      default:
        share = this.deductibleThenCoinsurance(allowed, oonExtraBp);
    }
    share = Math.min(share, acc.oopLeft);
    acc.oopLeft -= share;
    return share;
  }

  /**
   * Generates and writes the member's claims for the period. `spans` are the coverage spans
   * of this seed set (claims fall on covered days only).
   */
  generate(
    member: MemberRecord,
    spans: readonly Span[],
    random: Random,
    sink: RecordBuffer,
  ): MemberClaimSummary {
    const ctx = this.ctx;
    const { start: pStart, end: pEnd } = ctx.period;
    const age = member.ageOnDay(pEnd);
    const segment = CLINICAL_SEGMENTS[member.segment];
    const latent = latentTraits(ctx.seed, member.memberNo);
    const drugs = memberDrugs(ctx.seed, member.memberNo, member.condition);
    const yearly =
      ctx.calibration.poissonScale *
      memberFrequency(member.segment, age, member.gender === 'F', latent.frailty);
    const admissionsYearly =
      segment.admissionsPerYear * ageAdmissions(age) * Math.sqrt(latent.frailty);
    const refill = ctx.calibration.refillScale;
    const slotTable = SLOT_TABLES[member.segment];
    this.n = 0;
    let coveredDays = 0;
    for (let s = 0; s < spans.length; s++) {
      const sp = spans[s];
      const a = Math.max(sp.start, pStart);
      const b = Math.min(sp.end === -1 ? pEnd : sp.end, pEnd);
      if (a > b) continue;
      const days = b - a + 1;
      coveredDays += days;
      const count = random.poisson((yearly * days) / 365.25);
      for (let k = 0; k < count; k++)
        this.addSlot(
          slotTable.slots[slotTable.table.sample(random)],
          a,
          days,
          s,
          member,
          age,
          random,
        );
      for (const drug of drugs.maintenance)
        this.addRefills(drug, ADHERENCE.generic * refill, a, b, s, member, random);
      if (drugs.brand >= 0)
        this.addRefills(drugs.brand, ADHERENCE.brand * refill, a, b, s, member, random);
      if (drugs.specialty >= 0)
        this.addRefills(drugs.specialty, ADHERENCE.specialty * refill, a, b, s, member, random);
      const admissions = random.poisson((admissionsYearly * days) / 365.25);
      for (let k = 0; k < admissions; k++) {
        const own = member.condition >= 0 ? CONDITION_INPATIENT[member.condition] : [];
        const item =
          own.length > 0 && random.chance(0.75)
            ? random.pick(own)
            : GENERAL_ADMISSIONS.sample(random);
        this.addAdmission(item, a + random.int(days), s, member, random);
      }
    }
    // A pregnancy ends in one delivery; how likely it falls in this period depends on its length.
    if (
      segment.name === 'Maternity' &&
      coveredDays > 0 &&
      random.chance(Math.min(0.85, (0.85 * coveredDays) / 300))
    ) {
      let target = random.int(coveredDays);
      for (let s = 0; s < spans.length; s++) {
        const sp = spans[s];
        const a = Math.max(sp.start, pStart);
        const b = Math.min(sp.end === -1 ? pEnd : sp.end, pEnd);
        if (a > b) continue;
        if (target <= b - a) {
          this.addDelivery(a + target, s, member, age, random);
          break;
        }
        target -= b - a + 1;
      }
    }
    return this.adjudicateAndWrite(member, spans, random, sink);
  }

  /** `CLM<tag><member digits>` and `MBR<member digits>,` of the current member. */
  private memberBytes(memberNo: number): { claimPrefix: Uint8Array; memberId: Uint8Array } {
    const cache = this.memberCache;
    if (cache.no !== memberNo) {
      const id = memberId(memberNo);
      cache.no = memberNo;
      cache.claimPrefix = bytesOf(`CLM${this.ctx.claimIdTag}${id.slice(3)}`);
      cache.memberId = bytesOf(`${id},`);
    }
    return cache;
  }

  private adjudicateAndWrite(
    member: MemberRecord,
    spans: readonly Span[],
    random: Random,
    out: RecordBuffer,
  ): MemberClaimSummary {
    const ctx = this.ctx;
    const n = this.n;
    const summary: MemberClaimSummary = {
      claims: n,
      allowedCents: 0,
      paidCents: 0,
      visitedNewProvider: false,
    };
    if (n === 0) return summary;
    const order = this.order;
    for (let i = 0; i < n; i++) order[i] = this.day[i] * 65536 + i;
    const sorted = order.subarray(0, n).sort();
    const { claimPrefix, memberId: memberIdBytes } = this.memberBytes(member.memberNo);
    const providers = ctx.providers;
    const pStart = ctx.period.start;
    const pEnd = ctx.period.end;
    const stateCost = STATE_COST[member.stateIndex];
    const age = member.ageOnDay(pEnd);
    const severity = CLINICAL_SEGMENTS[member.segment].severity * ageSeverity(age);
    const network = ctx.plans.networks[member.planIndex];
    const open = network === 'PPO' || network === 'POS';
    let accKey = -1;
    for (let k = 0; k < n; k++) {
      const i = sorted[k] % 65536;
      const day = this.day[i];
      const itemIndex = this.item[i];
      const item = SERVICE_ITEMS[itemIndex];
      const spanIndex = this.span[i];
      const span = spans[spanIndex];
      const year = this.yearOf[day - pStart];
      const key = spanIndex * 4096 + (year - 1900);
      if (key !== accKey) {
        this.resetAccumulator(span, year);
        accKey = key;
      }
      // Provider: the member's usual one for the specialty, sometimes another.
      const spec = this.spec[i];
      const candidates = providers.candidates(spec, member.stateIndex);
      const usual = candidates[hash3(ctx.seed, member.memberNo, spec) % candidates.length];
      let provider = usual;
      if (random.chance(item.claimType === 'RX' ? OTHER_PROVIDER / 3 : OTHER_PROVIDER)) {
        provider = candidates[random.int(candidates.length)];
        if (provider !== usual) summary.visitedNewProvider = true;
      }
      const medical = MEDICAL_TYPE[itemIndex];
      const oon = medical && item.costShare !== 'preventive' && random.chance(open ? 0.07 : 0.025);
      // Units: length of stay for DRG stays (flat price), units of service otherwise.
      const units =
        item.unitsMin === item.unitsMax
          ? item.unitsMin
          : random.range(item.unitsMin, item.unitsMax);
      const priceUnits = item.drg ? 1 : units;
      const multiplier =
        Math.exp(item.sigma * random.normal()) *
        (SEVERITY_APPLIES[itemIndex] ? severity : 1) *
        stateCost *
        this.trendOf(year) *
        COST_SCALE;
      const allowed = Math.max(100, Math.round(item.medianCents * priceUnits * multiplier));
      const billed = Math.max(
        allowed,
        Math.round(allowed * providers.markup[provider] * (oon ? 1.3 : 1)),
      );
      // Adjudication: pharmacy in real time, professional in days, facility in weeks.
      const lag =
        item.claimType === 'RX'
          ? random.chance(0.97)
            ? 0
            : random.range(1, 7)
          : item.claimType === 'Facility'
            ? 12 + Math.round(random.logNormal(14, 0.6))
            : 4 + Math.round(random.logNormal(9, 0.6));
      const adjudicated = day + lag;
      let status = STATUS.pending;
      let clean = STATUS.pendingClean;
      let paid = 0;
      if (adjudicated <= pEnd) {
        let denial = item.denial * DENIAL_SCALE;
        if (oon) denial = open || item.detailedCategory === 'Emergency Room' ? denial + 0.06 : 0.55;
        if (random.chance(denial)) {
          status = STATUS.denied;
          clean = STATUS.deniedClean;
        } else {
          status = STATUS.approved;
          clean = STATUS.paid;
          paid = allowed - this.memberShare(item, allowed, oon ? 2000 : 0);
        }
      }
      summary.allowedCents += allowed;
      summary.paidCents += paid;
      const date = this.dateBytes[day - pStart];
      const dx = this.dx[i];
      out.begin(4096);
      out.raw(claimPrefix);
      out.pad4(k + 1);
      out.comma();
      out.raw(memberIdBytes);
      out.raw(providers.idBytes[provider]);
      out.raw(this.planIdBytes[span.planIndex]);
      out.raw(date);
      out.cents(billed);
      out.comma();
      out.cents(allowed);
      out.comma();
      out.cents(paid);
      out.comma();
      out.raw(status);
      out.raw(DX_CODE[dx]);
      out.raw(ITEM_CODE[itemIndex]);
      out.cents(billed);
      out.comma();
      out.cents(allowed);
      out.comma();
      out.raw(clean);
      out.raw(date);
      if (adjudicated <= pEnd) out.raw(this.dateBytes[adjudicated - pStart]);
      else out.comma();
      if (item.claimType === 'RX') out.raw(RX_UNITS);
      else if (units < UNITS_TEXT.length) out.raw(UNITS_TEXT[units]);
      else {
        out.uint(units);
        out.raw(DOT_00);
        out.uint(units);
        out.comma();
      }
      out.raw(ITEM_HEAD[itemIndex]);
      out.raw(SPECIALTY_TEXT[providers.specialty[provider]]);
      out.raw(ITEM_TAIL[itemIndex]);
      out.raw(OON[oon ? 1 : 0]);
      out.raw(providers.contractingBytes[provider]);
      out.raw(DX_TAIL[dx]);
      out.end();
    }
    return summary;
  }
}
