/**
 * Full generation of a block of consecutive members: their members.csv rows, coverage spans
 * and claims. Everything about member n is drawn from streams keyed by (seed, n), and the
 * messy rows from streams keyed by the block number, so blocks can be generated in any order
 * or thread and concatenated into byte-identical files.
 */
import { calendarMonthOf, dayNumber, monthOfDay } from '../calendar';
import { Random, WeightedTable, hashString } from '../random';
import { ClaimGenerator } from './claim-generator';
import { EncodedRecords, RecordBuffer } from './record-buffer';
import {
  COVERAGE_RATES,
  CoverageSimulator,
  FULL_POLICY,
  Span,
  billedMonths,
} from './coverage-simulator';
import { encodeEnrollmentRow } from './enrollment-rows';
import { GenerationContext } from './generation-context';
import { MessyInjector, messyInjectorFor } from './messy-rows';
import {
  MemberRecord,
  drawEngagement,
  drawNewMember,
  encodeMemberRow,
  memberId,
} from './member-record';

/** Members per block: fixed, so the messy streams do not depend on the number of threads. */
export const BLOCK_MEMBERS = 1000;

export const STREAM = {
  member: hashString('member'),
  claims: hashString('claims'),
} as const;

export type BlockFileOutput = EncodedRecords;

export interface BlockOutput {
  readonly block: number;
  readonly members: BlockFileOutput;
  readonly enrollments: BlockFileOutput;
  readonly claims: BlockFileOutput;
  /** Totals for the run report. */
  readonly allowedCents: number;
  readonly paidCents: number;
}

/** Months a member is covered in the period's last benefit year (engagement exposure). */
export function monthsCoveredInYear(
  spans: readonly Span[],
  year: number,
  periodEnd: number,
): number {
  let months = 0;
  const from = dayNumber(year, 1, 1);
  for (const s of spans) {
    const end = s.end === -1 ? periodEnd : s.end;
    if (end < from) continue;
    const start = Math.max(s.start, from);
    months += monthOfDay(end) - monthOfDay(start) + 1;
  }
  return months;
}

/** Months of the member's last continuous run of coverage (touching spans joined). */
export function continuousMonths(spans: readonly Span[], periodEnd: number): number {
  if (spans.length === 0) return 0;
  let k = spans.length - 1;
  let months = billedMonths(spans[k], periodEnd);
  while (k > 0 && spans[k - 1].end + 1 === spans[k].start) {
    k--;
    months += billedMonths(spans[k], periodEnd);
  }
  return months;
}

export class MemberBlockGenerator {
  private readonly member = new MemberRecord();
  private readonly coverage: CoverageSimulator;
  private readonly claims: ClaimGenerator;
  private readonly memberRandom = new Random(0);
  private readonly claimRandom = new Random(0);
  private readonly entryTable: WeightedTable;
  private readonly firstMonth: number;
  private readonly lastMonth: number;

  constructor(private readonly ctx: GenerationContext) {
    this.coverage = new CoverageSimulator(ctx);
    this.claims = new ClaimGenerator(ctx);
    this.firstMonth = monthOfDay(ctx.period.start);
    this.lastMonth = monthOfDay(ctx.period.end);
    // New enrollees arrive mostly at open enrollment (January), the rest through SEPs.
    const weights: number[] = [];
    for (let m = this.firstMonth; m <= this.lastMonth; m++)
      weights.push(calendarMonthOf(m) === 1 ? 6 : 1);
    this.entryTable = new WeightedTable(weights);
  }

  generate(block: number, firstMemberNo: number, count: number): BlockOutput {
    const ctx = this.ctx;
    const injector = (file: string): MessyInjector | undefined =>
      messyInjectorFor(ctx, file, block);
    const members = new RecordBuffer(count * 320, injector('members.csv'));
    const enrollments = new RecordBuffer(count * 100, injector('enrollments.csv'));
    const claims = new RecordBuffer(
      Math.ceil(count * ctx.claimsPerMemberYear * 500),
      injector('claims.csv'),
    );
    let allowedCents = 0;
    let paidCents = 0;
    for (let memberNo = firstMemberNo; memberNo < firstMemberNo + count; memberNo++) {
      const r = this.memberRandom.reseed(ctx.seed, STREAM.member, memberNo);
      const m = drawNewMember(ctx, memberNo, r, this.member);
      const sim = this.coverage;
      sim.reset(m);
      let entry = this.firstMonth;
      if (r.chance(COVERAGE_RATES.alreadyEnrolled)) {
        m.priorMonths = calendarMonthOf(entry) === 1 ? r.int(49) : 0;
      } else {
        entry = this.firstMonth + this.entryTable.sample(r);
      }
      sim.enrol(m, entry, r);
      for (let month = entry + 1; month <= this.lastMonth; month++)
        sim.step(m, month, r, FULL_POLICY);
      sim.finish();
      const spans = sim.spans;
      const memberYearStart = dayNumber(ctx.memberYear, 1, 1);
      m.newInPeriod = m.priorMonths === 0 && spans[0].start >= memberYearStart;
      m.enrollmentMonths =
        continuousMonths(spans, ctx.period.end) +
        (spans.length > 0 && isContinuousFromStart(spans) ? m.priorMonths : 0);
      const summary = this.claims.generate(
        m,
        spans,
        this.claimRandom.reseed(ctx.seed, STREAM.claims, memberNo),
        claims,
      );
      allowedCents += summary.allowedCents;
      paidCents += summary.paidCents;
      m.visitedNewProvider = summary.visitedNewProvider;
      m.highCost = isHighCost(
        summary.allowedCents,
        coveredDays(spans, ctx.period.start, ctx.period.end),
      );
      drawEngagement(ctx, m, monthsCoveredInYear(spans, ctx.memberYear, ctx.period.end), r);
      members.writeRecord(encodeMemberRow(ctx, m));
      const id = memberId(memberNo);
      for (const span of spans) enrollments.writeRecord(encodeEnrollmentRow(ctx, id, span));
    }
    return {
      block,
      members: members.take(),
      enrollments: enrollments.take(),
      claims: claims.take(),
      allowedCents,
      paidCents,
    };
  }
}

/** A member is flagged high cost at $50,000 of allowed claims a year. */
export const HIGH_COST_ALLOWED_CENTS = 5_000_000;

function isContinuousFromStart(spans: readonly Span[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k - 1].end + 1 !== spans[k].start) return false;
  return true;
}

/** Days covered by the spans inside [from, to]. */
export function coveredDays(spans: readonly Span[], from: number, to: number): number {
  let days = 0;
  for (const s of spans) {
    const a = Math.max(s.start, from);
    const b = Math.min(s.end === -1 ? to : s.end, to);
    if (b >= a) days += b - a + 1;
  }
  return days;
}

/** High cost: allowed claims at a yearly rate of $50,000 or more over the covered days. */
export function isHighCost(allowedCents: number, days: number): boolean {
  return days > 0 && (allowedCents * 365) / days >= HIGH_COST_ALLOWED_CENTS;
}
