/**
 * Incremental seed sets: what changed since the previous seed set of the chain.
 *
 * The previous state is rebuilt by streaming the chain's CSV files (the manifest's `previous`
 * pointers lead back to the full set): plans and providers (latest row per key), each
 * member's last coverage span (typed arrays) and each member's latest members.csv row (a
 * k-way merge in member-number order). Pending claims of the previous set are re-sent
 * adjudicated. Then every existing member is carried through the new period: a share
 * `changeRate` gets a change of its change-driver attributes (full row written), a share
 * `resendRate` of the others is re-sent unchanged (identical row), the rest are not written;
 * everyone's coverage continues (renewals at 1 January, terminations, returns) and claims for
 * the period are generated. New members, moved and new providers, the new benefit year's plans
 * and corrections of existing plans complete the set.
 */
import { CLAIMS_FILE, MEMBERS_FILE } from '../../domain/seed-contract';
import {
  DateText,
  civilOfDay,
  firstDayOfMonth,
  isoInstant,
  lastDayOfMonth,
  monthOfDay,
  parseDay,
  seedSetFolderName,
} from './calendar';
import { centsText, csvRecord, parseCents } from './csv-encoding';
import {
  GenerateResult,
  GenerateSeedSetDependencies,
  POOL_SIZES,
} from './generate-seed-set.service';
import {
  IncrementalGenerateOptions,
  InvalidGenerateOptionsError,
} from './generate-seed-set.options';
import { calibrateClaims } from './model/calibration';
import {
  LastSpans,
  OPEN_END,
  columnGetter,
  latestMemberRows,
  readLastSpans,
  readPlanRows,
  readProviderRows,
} from './model/chain-state';
import { ClaimGenerator } from './model/claim-generator';
import { CoveragePolicy, CoverageSimulator, STABLE_POLICY, Span } from './model/coverage-simulator';
import { encodeEnrollmentRow } from './model/enrollment-rows';
import {
  GenerationContext,
  claimIdTagOf,
  lastCoveredDay,
  stepKeyOf,
} from './model/generation-context';
import { Geography } from './model/geography';
import {
  CHANGE_KINDS,
  ChangeKind,
  changeBroker,
  changeIncome,
  changeSegment,
} from './model/member-changes';
import {
  STREAM,
  continuousMonths,
  coveredDays,
  isHighCost,
  monthsCoveredInYear,
} from './model/member-block';
import {
  MemberRecord,
  drawEngagement,
  drawNewMember,
  memberFields,
  memberId,
  parseMemberRow,
  relocateMember,
} from './model/member-record';
import { MessyInjector, messyInjectorFor } from './model/messy-rows';
import { RecordBuffer } from './model/record-buffer';
import {
  PlanBook,
  PlanYearRow,
  correctedPlanRow,
  encodePlanRow,
  nextYearPlanRow,
} from './model/plan-book';
import {
  ProviderDirectory,
  ProviderRow,
  encodeProviderRow,
  movedProviderRow,
  newProviderRow,
  providerNoOf,
} from './model/provider-directory';
import { SILENT_PROGRESS } from './ports/generator-progress.port';
import { Random, WeightedTable, hashString } from './random';
import { PROVIDER_SPECIALTIES } from './reference/provider-specialties';
import { SeedSetManifest, asGeneratedManifest } from './seed-set-manifest';
import { SeedSetOutput, manifestFiles } from './seed-set-output';

interface ChainLink {
  readonly folder: string;
  readonly manifest: SeedSetManifest;
}

/** Share of plans of the latest existing year that get a mid-year correction. */
const PLAN_CORRECTION_RATE = 0.1;
/** Share of pending claims denied on adjudication. */
const PENDING_DENIAL = 0.15;

export class IncrementalGeneration {
  constructor(
    private readonly deps: GenerateSeedSetDependencies,
    private readonly options: IncrementalGenerateOptions,
  ) {}

  private async readChain(): Promise<ChainLink[]> {
    const { reader } = this.deps;
    const chain: ChainLink[] = [];
    let folder = this.options.from;
    for (let depth = 0; depth < 10_000; depth++) {
      const manifest = asGeneratedManifest(await reader.readManifest(folder), folder);
      chain.unshift({ folder, manifest });
      if (manifest.kind === 'full') return chain;
      if (!manifest.previous) throw new Error(`${folder}/manifest.json has no 'previous' pointer`);
      folder = reader.resolve(folder, manifest.previous.path);
    }
    throw new Error('The seed set chain is too long or loops');
  }

  async run(): Promise<Omit<GenerateResult, 'seconds'>> {
    const options = this.options;
    const { reader, writer } = this.deps;
    const progress = this.deps.progress ?? SILENT_PROGRESS;
    const chain = await this.readChain();
    const root = chain[0].manifest;
    const previous = chain[chain.length - 1];
    const previousAsOf = new Date(previous.manifest.as_of);
    if (!(options.asOf.getTime() > previousAsOf.getTime())) {
      throw new InvalidGenerateOptionsError(
        `--as-of must be later than the previous seed set's as_of ${previous.manifest.as_of}`,
      );
    }
    const folders = chain.map((c) => c.folder);
    const seed = root.generator.seed;
    const stepSeed = options.seed ?? seed;
    const claimsPerMemberYear =
      options.claimsPerMemberYear ?? previous.manifest.generator.claims_per_member_year;
    const period = { start: lastCoveredDay(previousAsOf) + 1, end: lastCoveredDay(options.asOf) };
    const endYear = civilOfDay(period.end).year;
    const target = await writer.create(options.outDir, seedSetFolderName(options.asOf));
    try {
      progress.info('reading the previous seed sets', { chain: folders.length });
      const pools = this.deps.textPools.build(seed, new Date(root.as_of), POOL_SIZES);
      const geography = new Geography(pools);
      const stepKey = stepKeyOf(stepSeed, options.asOf);

      // Plans: the chain's rows, the new benefit years, corrections.
      const planRows = await readPlanRows(reader, folders);
      if (planRows.length === 0) throw new Error('The previous seed sets hold no plans');
      const plans = new PlanBook(planRows);
      const lastPlanYear = plans.years[plans.years.length - 1];
      const planRandom = new Random(stepKey, hashString('plans'));
      const newPlanRows: PlanYearRow[] = [];
      for (let year = lastPlanYear + 1; year <= endYear; year++) {
        for (const row of plans.rowsOf(year - 1)) {
          const next = nextYearPlanRow(row, planRandom);
          newPlanRows.push(next);
          plans.add(next);
        }
      }
      const correctable = plans.rowsOf(lastPlanYear);
      const corrections: PlanYearRow[] = [];
      const correctionCount = Math.max(1, Math.round(correctable.length * PLAN_CORRECTION_RATE));
      for (const i of sample(correctable.length, correctionCount, planRandom)) {
        const fixed = correctedPlanRow(correctable[i], planRandom);
        corrections.push(fixed);
        plans.add(fixed);
      }

      // Providers: moves and newcomers.
      const providerRows = await readProviderRows(reader, folders);
      const providerRandom = new Random(stepKey, hashString('providers'));
      const changedProviders: ProviderRow[] = [];
      for (const i of sample(
        providerRows.length,
        Math.round(providerRows.length * options.providerChangeRate),
        providerRandom,
      )) {
        const moved = movedProviderRow(providerRows[i], geography, providerRandom);
        providerRows[i] = moved;
        changedProviders.push(moved);
      }
      let maxProviderNo = previous.manifest.generator.max_provider_no;
      for (const r of providerRows)
        maxProviderNo = Math.max(maxProviderNo, providerNoOf(r.providerId));
      const specialties = new WeightedTable(PROVIDER_SPECIALTIES.map((s) => s.weight));
      const newProviders = Math.round(providerRows.length * options.providerChangeRate);
      for (let k = 0; k < newProviders; k++) {
        const row = newProviderRow(
          ++maxProviderNo,
          specialties.sample(providerRandom),
          geography,
          pools,
          new Random(stepKey, hashString('provider'), maxProviderNo),
        );
        providerRows.push(row);
        changedProviders.push(row);
      }
      changedProviders.sort((a, b) => a.providerId.localeCompare(b.providerId));

      const base: GenerationContext = {
        seed,
        stepKey,
        period,
        claimIdTag: claimIdTagOf(period.start),
        memberYear: endYear,
        claimsPerMemberYear,
        plans,
        providers: new ProviderDirectory(providerRows, pools),
        geography,
        pools,
        dates: new DateText(1900, endYear + 2),
        calibration: { poissonScale: 0, refillScale: 0 },
        messyRate: options.messy ? options.messyRate : 0,
      };
      const ctx: GenerationContext = { ...base, calibration: calibrateClaims(base) };
      const output = await SeedSetOutput.open(target, options.messy);
      const injector = (file: string): MessyInjector | undefined => messyInjectorFor(ctx, file);

      const planInjector = injector('plans.csv');
      for (const row of [...newPlanRows, ...corrections])
        await output.write('plans.csv', encodePlanRow(row), planInjector);
      output.recordInjector(planInjector);
      const providerInjector = injector('providers.csv');
      for (const row of changedProviders)
        await output.write('providers.csv', encodeProviderRow(row), providerInjector);
      output.recordInjector(providerInjector);

      // Claims still pending in the previous seed set come back adjudicated.
      const claims = new RecordBuffer(1 << 22, injector('claims.csv'));
      const flushClaims = async (force: boolean): Promise<void> => {
        if (force || claims.byteLength >= 1 << 22)
          await output.writeBlock('claims.csv', claims.take());
      };
      const resolved = await this.resendPendingClaims(ctx, previous.folder, claims, flushClaims);

      // Members: carried through the period.
      progress.phase('members', previous.manifest.generator.max_member_no);
      const lastSpans = await readLastSpans(
        reader,
        folders,
        plans,
        previous.manifest.generator.max_member_no + 1,
      );
      const memberInjector = injector('members.csv');
      const enrollmentInjector = injector('enrollments.csv');
      const stats = { existing: 0, changed: 0, resent: 0, added: 0, claims: 0, enrollments: 0 };
      const carrier = new MemberCarrier(ctx, lastSpans, period.start - 1, claims);
      let maxMemberNo = previous.manifest.generator.max_member_no;
      for await (const row of latestMemberRows(reader, folders)) {
        const outcome = carrier.carry(row.memberNo, row.get, options);
        maxMemberNo = Math.max(maxMemberNo, row.memberNo);
        if (!outcome) continue;
        stats.existing++;
        if (outcome.memberRow !== undefined) {
          if (outcome.changed) stats.changed++;
          else stats.resent++;
          await output.write('members.csv', outcome.memberRow, memberInjector);
        }
        for (const line of outcome.enrollmentRows)
          await output.write('enrollments.csv', line, enrollmentInjector);
        await flushClaims(false);
        stats.enrollments += outcome.enrollmentRows.length;
        stats.claims += outcome.claims;
        if (stats.existing % 5000 === 0) progress.advance(row.memberNo);
      }
      const newMembers = Math.round(stats.existing * options.newMemberRate);
      for (let k = 0; k < newMembers; k++) {
        const outcome = carrier.join(++maxMemberNo);
        await output.write('members.csv', outcome.memberRow as string, memberInjector);
        for (const line of outcome.enrollmentRows)
          await output.write('enrollments.csv', line, enrollmentInjector);
        await flushClaims(false);
        stats.enrollments += outcome.enrollmentRows.length;
        stats.claims += outcome.claims;
        stats.added++;
      }
      output.recordInjector(memberInjector);
      output.recordInjector(enrollmentInjector);
      await flushClaims(true);
      const written = await output.close();
      progress.end();

      const manifest: SeedSetManifest = {
        as_of: isoInstant(options.asOf),
        kind: 'incremental',
        files: manifestFiles(written),
        generator: {
          name: 'aca-warehouse generate',
          format: 1,
          seed,
          step_seed: stepSeed,
          claims_per_member_year: claimsPerMemberYear,
          period: { start: ctx.dates.of(period.start), end: ctx.dates.of(period.end) },
          benefit_years: yearsBetween(civilOfDay(period.start).year, endYear),
          max_member_no: maxMemberNo,
          max_provider_no: maxProviderNo,
          options: {
            change_rate: options.changeRate,
            resend_rate: options.resendRate,
            new_member_rate: options.newMemberRate,
            provider_change_rate: options.providerChangeRate,
            messy: options.messy,
            messy_rate: options.messy ? options.messyRate : 0,
          },
        },
        previous: {
          as_of: previous.manifest.as_of,
          path: reader.relative(target.path, previous.folder),
        },
        changes: {
          members_existing: stats.existing,
          members_changed: stats.changed,
          members_resent: stats.resent,
          members_new: stats.added,
          plans_new_year: newPlanRows.length,
          plans_corrected: corrections.length,
          providers_moved: changedProviders.length - newProviders,
          providers_new: newProviders,
          enrollments: stats.enrollments,
          claims_new: stats.claims,
          claims_resolved: resolved,
        },
        ...(options.messy ? { messy: output.messyReports() } : {}),
      };
      await target.writeJson('manifest.json', manifest);
      await target.commit();
      return {
        folder: target.path,
        asOf: manifest.as_of,
        kind: 'incremental',
        files: written,
        manifest,
      };
    } catch (err) {
      progress.end();
      await target.abort();
      throw err;
    }
  }

  /**
   * Streams the previous set's claims and re-sends each `pending` one with its outcome: denied
   * (paid 0) or approved with the plan paying allowed × (1 − coinsurance) (a simplification:
   * the member's deductible position is not known here). Same claim_id, same other values.
   */
  private async resendPendingClaims(
    ctx: GenerationContext,
    folder: string,
    claims: RecordBuffer,
    flush: (force: boolean) => Promise<void>,
  ): Promise<number> {
    const { reader } = this.deps;
    if (!(await reader.hasFile(folder, 'claims.csv'))) return 0;
    const table = await reader.openCsv(folder, 'claims.csv', {
      rawFilter: (raw) => raw.includes(',pending,'),
    });
    const getter = columnGetter(table.header);
    const columns = table.header.map((h) => h.trim().toLowerCase());
    const at = (name: string): number => columns.indexOf(name);
    const random = new Random(0);
    let count = 0;
    for await (const batch of table.batches()) {
      for (const fields of batch) {
        const get = getter(fields);
        const claimId = get('claim_id');
        if (get('status').toLowerCase() !== 'pending' || !/^CLM\d+$/.test(claimId)) continue;
        const allowed = parseCents(get('allowed_amount'));
        const serviceDay = parseDay(get('service_date'));
        const planIndex = ctx.plans.indexOf(get('plan_id'));
        if (!Number.isFinite(allowed) || serviceDay === undefined || planIndex === undefined)
          continue;
        random.reseed(ctx.stepKey, hashString('resolve'), hashString(claimId));
        const out = [...fields];
        const denied = random.chance(PENDING_DENIAL);
        const coinsurance = ctx.plans.row(planIndex, civilOfDay(serviceDay).year).coinsuranceBp;
        const paid = denied ? 0 : allowed - Math.round((allowed * coinsurance) / 10000);
        const adjudicated = Math.min(
          ctx.period.end,
          Math.max(ctx.period.start, serviceDay + random.range(14, 45)),
        );
        const set = (name: string, value: string): void => {
          const i = at(name);
          if (i >= 0) out[i] = value;
        };
        set('status', denied ? 'denied' : 'approved');
        set('paid_amount', centsText(paid));
        set('clean_claim_status', denied ? 'DENIED' : 'PAID');
        set('clean_claim_out', ctx.dates.of(adjudicated));
        claims.writeRecord(csvRecord(reorder(out, columns)));
        await flush(false);
        count++;
      }
    }
    return count;
  }
}

/** Fields of a claims.csv record in contract column order (the source header may differ). */
function reorder(fields: readonly string[], header: readonly string[]): string[] {
  return CLAIM_COLUMNS.map((c) => {
    const i = header.indexOf(c);
    return i < 0 ? '' : (fields[i] ?? '');
  });
}
const CLAIM_COLUMNS = CLAIMS_FILE.columns.map((c) => c.name);

function yearsBetween(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

/** `count` distinct indices below `n`, in increasing order. */
function sample(n: number, count: number, random: Random): number[] {
  const chosen = new Set<number>();
  const k = Math.min(n, count);
  while (chosen.size < k) chosen.add(random.int(n));
  return [...chosen].sort((a, b) => a - b);
}

interface CarryOutcome {
  readonly changed: boolean;
  /** The members.csv record to write (changed, re-sent or new), if any. */
  readonly memberRow?: string;
  readonly enrollmentRows: readonly string[];
  /** Claims written to the claims buffer. */
  readonly claims: number;
}

const MEMBER_COLUMNS = MEMBERS_FILE.columns.map((c) => c.name);

/** Carries one member at a time through the new period. */
class MemberCarrier {
  private readonly member = new MemberRecord();
  private readonly coverage: CoverageSimulator;
  private readonly claims: ClaimGenerator;
  private readonly random = new Random(0);
  private readonly claimRandom = new Random(0);
  private readonly firstMonth: number;
  private readonly lastMonth: number;

  constructor(
    private readonly ctx: GenerationContext,
    private readonly lastSpans: LastSpans,
    private readonly previousEnd: number,
    private readonly claimsOut: RecordBuffer,
  ) {
    this.coverage = new CoverageSimulator(ctx);
    this.claims = new ClaimGenerator(ctx);
    // Transitions happen on the first of a month; the first one inside the period:
    const start = ctx.period.start;
    this.firstMonth =
      firstDayOfMonth(monthOfDay(start)) === start ? monthOfDay(start) : monthOfDay(start) + 1;
    this.lastMonth = monthOfDay(ctx.period.end);
  }

  private randomMonth(random: Random): number {
    return this.firstMonth > this.lastMonth ? -1 : random.range(this.firstMonth, this.lastMonth);
  }

  private periodHasJanuary(): boolean {
    for (let m = this.firstMonth; m <= this.lastMonth; m++) if (m % 12 === 0) return true;
    return false;
  }

  carry(
    memberNo: number,
    get: (column: string) => string,
    options: IncrementalGenerateOptions,
  ): CarryOutcome | undefined {
    const ctx = this.ctx;
    const m = this.member;
    if (!parseMemberRow(ctx, get, m)) return undefined;
    const previousFields = MEMBER_COLUMNS.map((c) => get(c));
    const previousLength = m.enrollmentMonths;
    const r = this.random.reseed(ctx.stepKey, STREAM.member, memberNo);
    const changed = r.chance(options.changeRate);
    let kind: ChangeKind = changed ? CHANGE_KINDS.sample(r) : 'engagement';
    if (kind === 'metal' && !this.periodHasJanuary()) kind = 'income';
    const policy: CoveragePolicy = changed
      ? {
          ...STABLE_POLICY,
          moveMonth: kind === 'move' ? this.randomMonth(r) : -1,
          incomeMonth: kind === 'income' ? this.randomMonth(r) : -1,
          metalSwitchAtRenewal: kind === 'metal',
        }
      : STABLE_POLICY;

    // Where the previous seed set left the member's coverage.
    const sim = this.coverage;
    sim.reset(m);
    const end = this.lastSpans.endOf(memberNo);
    const activeBefore = end === OPEN_END || (end === this.previousEnd && isDecember31(end));
    if (end === OPEN_END) {
      const start = this.lastSpans.start[memberNo];
      const planIndex = this.lastSpans.plan[memberNo];
      const months = monthOfDay(this.previousEnd) - monthOfDay(start) + 1;
      const span: Span = {
        planIndex,
        csr: m.csr,
        start,
        end: -1,
        monthlyCents: Math.round(this.lastSpans.premiumCents[memberNo] / Math.max(1, months)),
        continued: true,
      };
      sim.continueOpenSpan(m, span);
    } else if (activeBefore) {
      sim.awaitRenewal(m, this.lastSpans.plan[memberNo]);
    }
    for (let month = this.firstMonth; month <= this.lastMonth; month++)
      sim.step(m, month, r, policy);
    sim.finish();

    // Attribute changes that do not depend on coverage (or whose coverage event did not happen).
    if (changed) {
      if (kind === 'move' && !sim.forcedEventHappened) relocateMember(ctx, m, r);
      if (kind === 'income' && !sim.forcedEventHappened) changeIncome(m, r);
      if (kind === 'segment') changeSegment(ctx, m, r);
      if (kind === 'broker') changeBroker(ctx, m, r);
    }
    const spans = sim.spans;
    const summary = this.claims.generate(
      m,
      spans,
      this.claimRandom.reseed(ctx.stepKey, STREAM.claims, memberNo),
      this.claimsOut,
    );
    const id = memberId(memberNo);
    const enrollmentRows = spans.map((s) => encodeEnrollmentRow(ctx, id, s));
    let memberRow: string | undefined;
    if (changed) {
      m.year = ctx.memberYear;
      m.newInPeriod = false;
      m.visitedNewProvider = summary.visitedNewProvider;
      m.highCost = isHighCost(
        summary.allowedCents,
        coveredDays(spans, ctx.period.start, ctx.period.end),
      );
      m.enrollmentMonths = this.enrollmentLength(spans, activeBefore, previousLength);
      drawEngagement(ctx, m, monthsCoveredInYear(spans, ctx.memberYear, ctx.period.end), r);
      const fields = memberFields(ctx, m);
      if (fields.join('\u0000') === previousFields.join('\u0000')) {
        m.calls += 1;
        fields[MEMBER_COLUMNS.indexOf('call_count')] = String(m.calls);
      }
      memberRow = csvRecord(fields);
    } else if (r.chance(options.resendRate)) {
      memberRow = csvRecord(previousFields);
    }
    return { changed, memberRow, enrollmentRows, claims: summary.claims };
  }

  /** Months of continuous coverage through the period's last covered day. */
  private enrollmentLength(
    spans: readonly Span[],
    activeBefore: boolean,
    previousLength: number,
  ): number {
    if (spans.length === 0) return previousLength;
    let contiguousFromStart =
      activeBefore && (spans[0].continued || spans[0].start === this.ctx.period.start);
    for (let k = 1; k < spans.length && contiguousFromStart; k++) {
      if (spans[k - 1].end + 1 !== spans[k].start) contiguousFromStart = false;
    }
    if (!contiguousFromStart)
      return continuousMonths(
        spans.filter((s) => !s.continued),
        this.ctx.period.end,
      );
    const last = spans[spans.length - 1];
    const lastCovered = last.end === -1 ? this.ctx.period.end : last.end;
    return previousLength + Math.max(0, monthOfDay(lastCovered) - monthOfDay(this.previousEnd));
  }

  /** A member new to the chain, enrolling during the period (mostly at open enrollment). */
  join(memberNo: number): CarryOutcome {
    const ctx = this.ctx;
    const r = this.random.reseed(ctx.stepKey, STREAM.member, memberNo);
    const m = drawNewMember(ctx, memberNo, r, this.member);
    const sim = this.coverage;
    sim.reset(m);
    const first = Math.min(this.firstMonth, this.lastMonth);
    let entry = first;
    if (this.periodHasJanuary() && r.chance(0.7)) {
      for (let month = first; month <= this.lastMonth; month++) if (month % 12 === 0) entry = month;
    } else {
      entry = r.range(first, this.lastMonth);
    }
    if (firstDayOfMonth(entry) < ctx.period.start) entry = first;
    sim.enrol(m, entry, r);
    for (let month = entry + 1; month <= this.lastMonth; month++)
      sim.step(m, month, r, STABLE_POLICY);
    sim.finish();
    const spans = sim.spans;
    const summary = this.claims.generate(
      m,
      spans,
      this.claimRandom.reseed(ctx.stepKey, STREAM.claims, memberNo),
      this.claimsOut,
    );
    m.newInPeriod = true;
    m.visitedNewProvider = summary.visitedNewProvider;
    m.highCost = isHighCost(
      summary.allowedCents,
      coveredDays(spans, ctx.period.start, ctx.period.end),
    );
    m.enrollmentMonths = continuousMonths(spans, ctx.period.end);
    drawEngagement(ctx, m, monthsCoveredInYear(spans, ctx.memberYear, ctx.period.end), r);
    const id = memberId(memberNo);
    return {
      changed: false,
      memberRow: csvRecord(memberFields(ctx, m)),
      enrollmentRows: spans.map((s) => encodeEnrollmentRow(ctx, id, s)),
      claims: summary.claims,
    };
  }
}

function isDecember31(day: number): boolean {
  return lastDayOfMonth(monthOfDay(day)) === day && monthOfDay(day) % 12 === 11;
}
