/**
 * Messy mode: after some valid rows the generator writes a damaged copy that the seed contract
 * says must be rejected (a date that does not exist, text in a number, a short row, a value
 * outside a domain, an empty required value), or a row that types but breaks a business rule
 * the data-quality checks report (paid above allowed, paid on a denied claim, …). Damaged rows
 * get their own ids (`MBRX…`, `CLMX…`) so they never collide with valid natural keys, and every
 * one is recorded with its line number for the manifest.
 */
import {
  CLAIMS_FILE,
  ENROLLMENTS_FILE,
  MEMBERS_FILE,
  PLANS_FILE,
  PROVIDERS_FILE,
  SeedFileSpec,
} from '../../../domain/seed-contract';
import { npiCheckDigit } from '../../../domain/aca';
import { centsText, csvRecord, parseCents, splitCsvRecord } from '../csv-encoding';
import { Random, hashString } from '../random';
import { GenerationContext } from './generation-context';

export type MessyCategory = 'rejects' | 'breaches';

interface MessyRule {
  readonly kind: string;
  readonly category: MessyCategory;
  /** Damages a copy of the valid row's fields (the id is already replaced). */
  readonly apply: (fields: string[], col: (name: string) => number, random: Random) => string[];
}

const IMPOSSIBLE_DATES = [
  '-02-30',
  '-02-31',
  '-04-31',
  '-06-31',
  '-09-31',
  '-11-31',
  '-13-01',
  '-00-15',
];

function impossibleDate(valid: string, random: Random): string {
  const year = /^\d{4}/.test(valid) ? valid.slice(0, 4) : '2024';
  return `${year}${random.pick(IMPOSSIBLE_DATES)}`;
}

const reject = (kind: string, apply: MessyRule['apply']): MessyRule => ({
  kind,
  category: 'rejects',
  apply,
});
const breach = (kind: string, apply: MessyRule['apply']): MessyRule => ({
  kind,
  category: 'breaches',
  apply,
});

const shortRow: MessyRule = reject('short_row', (f, _col, r) =>
  f.slice(0, Math.max(2, r.range(3, f.length - 3))),
);

function setField(name: string, value: (valid: string, r: Random) => string): MessyRule['apply'] {
  return (f, col, r) => {
    const i = col(name);
    f[i] = value(f[i], r);
    return f;
  };
}

function oneOf(options: readonly MessyRule['apply'][]): MessyRule['apply'] {
  return (f, col, r) => r.pick(options)(f, col, r);
}

const TEXT_NUMBERS = ['N/A', 'twelve', '1,234.50', '$412.50', '12.5.1', 'TBD'];

const RULES: Readonly<Record<string, readonly MessyRule[]>> = {
  'members.csv': [
    reject('impossible_date', setField('dob', impossibleDate)),
    reject(
      'text_in_number',
      setField('fpl_ratio', (_v, r) => r.pick(['2,35', 'two', 'N/A', '1.8x'])),
    ),
    shortRow,
    reject(
      'unknown_enum',
      oneOf([
        setField('plan_metal', () => 'Titanium'),
        setField('gender', () => 'X'),
        setField('region', () => 'Central'),
        setField('plan_network_access_type', () => 'HMSA'),
      ]),
    ),
    reject(
      'missing_required',
      oneOf(
        ['last_name', 'dob', 'state', 'zip', 'fpl_ratio', 'clinical_segment'].map((c) =>
          setField(c, () => ''),
        ),
      ),
    ),
    // A cross-field rule staging enforces: born after the seed set's as_of.
    reject('dob_after_as_of', (f, col) => {
      f[col('dob')] = `${Number(f[col('year')]) + 2}-06-15`;
      return f;
    }),
    breach(
      'non_us_state',
      setField('state', (_v, r) => r.pick(['PW', 'FM', 'MH'])),
    ),
  ],
  'plans.csv': [
    reject(
      'text_in_number',
      setField('monthly_premium', (_v, r) => r.pick(TEXT_NUMBERS)),
    ),
    shortRow,
    reject(
      'unknown_enum',
      setField('metal_tier', () => 'Diamond'),
    ),
    reject(
      'missing_required',
      oneOf(['name', 'deductible', 'oop_max'].map((c) => setField(c, () => ''))),
    ),
    breach('deductible_exceeds_oop_max', (f, col) => {
      f[col('deductible')] = centsText(parseCents(f[col('oop_max')]) + 50000);
      return f;
    }),
  ],
  'providers.csv': [
    shortRow,
    reject(
      'missing_required',
      oneOf(['name', 'specialty', 'npi'].map((c) => setField(c, () => ''))),
    ),
    reject(
      'invalid_npi',
      setField('npi', (v, r) => r.pick([v.slice(0, 9), `${v}0`, `A${v.slice(1)}`])),
    ),
    breach(
      'invalid_npi_check_digit',
      setField('npi', (v) => `${v.slice(0, 9)}${(npiCheckDigit(v.slice(0, 9)) + 5) % 10}`),
    ),
  ],
  'enrollments.csv': [
    reject('impossible_date', setField('start_date', impossibleDate)),
    reject(
      'text_in_number',
      setField('premium_paid', (_v, r) => r.pick(TEXT_NUMBERS)),
    ),
    shortRow,
    reject(
      'unknown_enum',
      setField('csr_variant', (_v, r) => r.pick(['99', '100', 'full'])),
    ),
    reject(
      'missing_required',
      oneOf(['plan_id', 'start_date', 'member_id'].map((c) => setField(c, () => ''))),
    ),
    reject('end_before_start', (f, col) => {
      // A cross-field rule staging enforces. Mid-month start (valid spans start on the 1st).
      const start = f[col('start_date')];
      f[col('start_date')] = `${start.slice(0, 8)}15`;
      f[col('end_date')] = `${start.slice(0, 8)}10`;
      return f;
    }),
  ],
  'claims.csv': [
    reject('impossible_date', setField('service_date', impossibleDate)),
    reject(
      'text_in_number',
      oneOf(
        ['claim_amount', 'allowed_amount', 'paid_amount'].map((c) =>
          setField(c, (_v, r) => r.pick(TEXT_NUMBERS)),
        ),
      ),
    ),
    shortRow,
    reject(
      'unknown_enum',
      oneOf([
        setField('status', (_v, r) => r.pick(['rejected', 'in_review', 'approvedd'])),
        setField('claim_type', () => 'Dental'),
      ]),
    ),
    reject(
      'missing_required',
      oneOf(
        ['member_id', 'diagnosis_code', 'procedure_code', 'service_date'].map((c) =>
          setField(c, () => ''),
        ),
      ),
    ),
    breach('paid_exceeds_allowed', (f, col, r) => {
      const allowed = parseCents(f[col('allowed_amount')]);
      f[col('status')] = 'approved';
      f[col('clean_claim_status')] = 'PAID';
      f[col('paid_amount')] = centsText(allowed + r.range(100, 50000));
      return f;
    }),
    breach('paid_on_denied', (f, col, r) => {
      const allowed = parseCents(f[col('allowed_amount')]);
      f[col('status')] = 'denied';
      f[col('clean_claim_status')] = 'DENIED';
      f[col('paid_amount')] = centsText(Math.max(1, Math.round(allowed * r.uniform(0.2, 0.9))));
      return f;
    }),
    breach('allowed_exceeds_billed', (f, col, r) => {
      const billed = parseCents(f[col('claim_amount')]);
      const allowed = billed + r.range(100, 20000);
      f[col('allowed_amount')] = centsText(allowed);
      f[col('allowed')] = centsText(allowed);
      return f;
    }),
  ],
};

const SPECS: Readonly<Record<string, SeedFileSpec>> = Object.fromEntries(
  [MEMBERS_FILE, PLANS_FILE, PROVIDERS_FILE, ENROLLMENTS_FILE, CLAIMS_FILE].map((s) => [s.file, s]),
);

const ID_PREFIX: Readonly<Record<string, [string, string]>> = {
  'members.csv': ['member_id', 'MBRX'],
  'plans.csv': ['plan_id', 'PLNX'],
  'providers.csv': ['provider_id', 'PRVX'],
  'enrollments.csv': ['enrollment_id', 'ENRX'],
  'claims.csv': ['claim_id', 'CLMX'],
};

/** One messy row: its kind, category and 0-based data-row index in its output. */
export interface MessyEntry {
  readonly kind: string;
  readonly category: MessyCategory;
  readonly row: number;
}

export function messyKindsOf(file: string): readonly { kind: string; category: MessyCategory }[] {
  return (RULES[file] ?? []).map(({ kind, category }) => ({ kind, category }));
}

/**
 * Decides after each valid row whether a damaged row follows. The first rows of the first
 * block (`forceAll`) get one row of every kind, so even a tiny seed set shows all of them.
 */
export class MessyInjector {
  readonly entries: MessyEntry[] = [];
  private readonly rules: readonly MessyRule[];
  private readonly columns: Map<string, number>;
  private forced = 0;
  private serial = 0;

  constructor(
    readonly file: string,
    private readonly rate: number,
    private readonly random: Random,
    private readonly forceAll: boolean,
    /** Makes damaged ids unique across blocks and seed sets. */
    private readonly idScope: string,
  ) {
    this.rules = RULES[file] ?? [];
    this.columns = new Map(SPECS[file].columns.map((c, i) => [c.name, i]));
  }

  private col = (name: string): number => {
    const i = this.columns.get(name);
    if (i === undefined) throw new Error(`${this.file} has no column ${name}`);
    return i;
  };

  /**
   * Called after a valid record was written as data row `rowIndex` (0-based in this output);
   * returns the damaged record to write next, or undefined. The valid record may be given
   * lazily: it is only needed when a damaged copy is made.
   */
  after(validRecord: string | (() => string), rowIndex: number): string | undefined {
    if (this.rules.length === 0 || this.rate <= 0) return undefined;
    let rule: MessyRule | undefined;
    if (this.forceAll && this.forced < this.rules.length) rule = this.rules[this.forced++];
    else if (this.random.chance(this.rate)) rule = this.random.pick(this.rules);
    if (!rule) return undefined;
    const fields = splitCsvRecord(typeof validRecord === 'string' ? validRecord : validRecord());
    const [idColumn, prefix] = ID_PREFIX[this.file];
    this.serial++;
    fields[this.col(idColumn)] = `${prefix}${this.idScope}${String(this.serial).padStart(4, '0')}`;
    const damaged = rule.apply(fields, this.col, this.random);
    this.entries.push({ kind: rule.kind, category: rule.category, row: rowIndex + 1 });
    return csvRecord(damaged);
  }
}

const MESSY_STREAM = hashString('messy');

/**
 * The injector of one file of a seed set, or undefined when messy mode is off. Full generation
 * passes its member `block`: the stream and the damaged ids are then scoped by block, and the
 * first block shows every kind.
 */
export function messyInjectorFor(
  ctx: Pick<GenerationContext, 'messyRate' | 'stepKey' | 'claimIdTag'>,
  file: string,
  block?: number,
): MessyInjector | undefined {
  if (ctx.messyRate <= 0) return undefined;
  const key = hashString(file);
  const random =
    block === undefined
      ? new Random(ctx.stepKey, MESSY_STREAM, key)
      : new Random(ctx.stepKey, MESSY_STREAM, key, block);
  const scope = block === undefined ? ctx.claimIdTag : `${ctx.claimIdTag}${block}-`;
  return new MessyInjector(file, ctx.messyRate, random, block === undefined || block === 0, scope);
}

/** Manifest section of one file: counts per kind and the physical line numbers. */
export interface MessyFileReport {
  clean_rows: number;
  rejects: Record<string, number>;
  breaches: Record<string, number>;
  lines: Record<string, number[]>;
}

export function emptyMessyReport(file: string): MessyFileReport {
  const report: MessyFileReport = { clean_rows: 0, rejects: {}, breaches: {}, lines: {} };
  for (const { kind, category } of messyKindsOf(file)) {
    report[category][kind] = 0;
    report.lines[kind] = [];
  }
  return report;
}

/** Adds entries whose rows are relative to `rowBase` data rows already in the file. */
export function recordMessy(
  report: MessyFileReport,
  entries: readonly MessyEntry[],
  rowBase: number,
): void {
  for (const e of entries) {
    report[e.category][e.kind] = (report[e.category][e.kind] ?? 0) + 1;
    // Data row r (0-based) sits on physical line r + 2: line 1 is the header.
    (report.lines[e.kind] ??= []).push(rowBase + e.row + 2);
  }
}
