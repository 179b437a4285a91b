/**
 * Coverage spans (enrollments) month by month. Marketplace coverage starts on the first of a
 * month and ends on the last day of a month; a plan year ends on 31 December, so a member who
 * renews the same plan gets a new span starting 1 January that touches the old one (the
 * warehouse merges such spans into one continuous coverage period). During a year members
 * terminate (non-payment, employer coverage), move (a new plan of the same metal in the new
 * state) or report an income change (a new span in the same plan with a new tax credit, again
 * touching). Outside coverage they come back at open enrollment or through a special
 * enrollment period.
 */
import { CsrVariant, US_STATES, csrVariantFor, monthlyPremium } from '../../../domain/aca';
import {
  calendarMonthOf,
  firstDayOfMonth,
  lastDayOfMonth,
  monthOfDay,
  yearOfMonth,
} from '../calendar';
import { Random } from '../random';
import { GenerationContext } from './generation-context';
import {
  MemberRecord,
  changedFplHundredths,
  chooseMetal,
  isTobaccoUser,
  latentTraits,
  relocateMember,
  switchedMetal,
} from './member-record';

export interface Span {
  planIndex: number;
  csr: CsrVariant;
  start: number;
  /** Last covered day, or -1 while still covered at the end of the period. */
  end: number;
  /** Member's monthly premium after the tax credit, in cents. */
  monthlyCents: number;
  /** Carried over from the previous seed set (re-sent with its new end and premium). */
  continued: boolean;
}

/** Monthly and yearly event rates of the coverage model. */
export const COVERAGE_RATES = {
  /** Share of members already covered when the generated window opens. */
  alreadyEnrolled: 0.74,
  /** Renewal at open enrollment. */
  renew: 0.86,
  /** Metal switch among renewals (full generation). */
  metalSwitch: 0.09,
  /** Switch to another plan of the same metal among renewals (full generation). */
  planSwitch: 0.05,
  /** Income redetermination at renewal (full generation). */
  incomeAtRenewal: 0.3,
  /** Mid-year termination per month. */
  terminate: 0.012,
  /** Mid-year move to another state per month (full generation). */
  move: 0.003,
  /** Mid-year income change per month (full generation). */
  incomeChange: 0.005,
  /** Re-enrollment of an uncovered member at open enrollment / in another month. */
  reenterAtOpenEnrollment: 0.25,
  reenterOtherMonth: 0.01,
} as const;

/** What may change during the simulated months. */
export interface CoveragePolicy {
  /** Random moves, income changes and metal/plan switches (full generation). */
  readonly randomChanges: boolean;
  /** Forced events of an incremental change (-1 = none). */
  readonly moveMonth: number;
  readonly incomeMonth: number;
  /** Switch metal at the next open enrollment. */
  readonly metalSwitchAtRenewal: boolean;
  /** A member coming back re-enrols in the plan they had (attributes stay as they were). */
  readonly keepPlan: boolean;
}

export const FULL_POLICY: CoveragePolicy = {
  randomChanges: true,
  moveMonth: -1,
  incomeMonth: -1,
  metalSwitchAtRenewal: false,
  keepPlan: false,
};
export const STABLE_POLICY: CoveragePolicy = {
  randomChanges: false,
  moveMonth: -1,
  incomeMonth: -1,
  metalSwitchAtRenewal: false,
  keepPlan: true,
};

export class CoverageSimulator {
  readonly spans: Span[] = [];
  covered = false;
  private current: Span | undefined;
  private tobaccoUser = false;
  /** A forced event of the policy actually happened. */
  forcedEventHappened = false;

  constructor(private readonly ctx: GenerationContext) {}

  reset(member: MemberRecord): void {
    this.spans.length = 0;
    this.covered = false;
    this.current = undefined;
    this.forcedEventHappened = false;
    this.tobaccoUser = isTobaccoUser(
      latentTraits(this.ctx.seed, member.memberNo),
      member.ageOnDay(this.ctx.period.end),
    );
  }

  /** Monthly member premium of a span starting on `day` (domain premium formula). */
  monthlyCents(member: MemberRecord, planIndex: number, day: number): number {
    const year = yearOfMonth(monthOfDay(day));
    const plans = this.ctx.plans;
    const row = plans.row(planIndex, year);
    const state = US_STATES[member.stateIndex];
    const tobaccoFactor =
      this.tobaccoUser && state.tobaccoRating ? plans.tobaccoSurcharges[planIndex] : 1;
    return monthlyPremium({
      baseMonthlyPremiumCents: row.monthlyPremiumCents,
      benchmarkMonthlyPremiumCents: plans.benchmarkCents(year),
      age: member.ageOnDay(day),
      tobaccoFactor,
      fplRatio: member.fplHundredths / 100,
      planYear: year,
      state: state.code,
      metal: plans.metals[planIndex],
    }).memberCents;
  }

  private start(member: MemberRecord, planIndex: number, day: number): void {
    const metal = this.ctx.plans.metals[planIndex];
    const span: Span = {
      planIndex,
      csr: csrVariantFor(metal, member.fplHundredths / 100),
      start: day,
      end: -1,
      monthlyCents: this.monthlyCents(member, planIndex, day),
      continued: false,
    };
    this.spans.push(span);
    this.current = span;
    this.covered = true;
    member.planIndex = planIndex;
    member.csr = span.csr;
  }

  private close(day: number): void {
    if (this.current) this.current.end = day;
    this.current = undefined;
  }

  /** Enrols a member who was not covered, in a plan chosen for their income and age. */
  enrol(member: MemberRecord, month: number, random: Random): void {
    const day = firstDayOfMonth(month);
    const year = yearOfMonth(month);
    const metal = chooseMetal(
      member.fplHundredths,
      member.ageOnDay(day),
      random,
      this.ctx.plans.metalsOffered(year),
    );
    this.start(member, this.ctx.plans.choosePlan(year, metal, random), day);
  }

  /** Continues a span of the previous seed set that was still open at its end. */
  continueOpenSpan(member: MemberRecord, span: Span): void {
    this.spans.push(span);
    this.current = span;
    this.covered = true;
    member.planIndex = span.planIndex;
    member.csr = span.csr;
  }

  /** The previous seed set ended on 31 December with this member covered: renewal pending. */
  awaitRenewal(member: MemberRecord, planIndex: number): void {
    this.covered = true;
    member.planIndex = planIndex;
  }

  /** Events at the first day of `month`. */
  step(member: MemberRecord, month: number, random: Random, policy: CoveragePolicy): void {
    const plans = this.ctx.plans;
    const day = firstDayOfMonth(month);
    const year = yearOfMonth(month);
    if (this.covered && calendarMonthOf(month) === 1) {
      this.close(day - 1);
      if (!random.chance(COVERAGE_RATES.renew)) {
        this.covered = false;
        return;
      }
      let planIndex = member.planIndex;
      const metal = plans.metals[planIndex];
      const offered = plans.metalsOffered(year);
      if (
        policy.metalSwitchAtRenewal ||
        (policy.randomChanges && random.chance(COVERAGE_RATES.metalSwitch))
      ) {
        const next = switchedMetal(metal, member.ageOnDay(day), random, offered);
        if (next !== metal) {
          planIndex = plans.choosePlan(year, next, random);
          if (policy.metalSwitchAtRenewal) this.forcedEventHappened = true;
        }
      } else if (policy.randomChanges && random.chance(COVERAGE_RATES.planSwitch)) {
        planIndex = plans.choosePlan(year, metal, random, planIndex);
      }
      if (policy.randomChanges && random.chance(COVERAGE_RATES.incomeAtRenewal)) {
        member.fplHundredths = changedFplHundredths(member.fplHundredths, random);
      }
      if (policy.incomeMonth === month) {
        member.fplHundredths = changedFplHundredths(member.fplHundredths, random);
        this.forcedEventHappened = true;
      }
      if (policy.moveMonth === month) {
        this.move(member, random);
        planIndex = plans.choosePlan(year, plans.metals[planIndex], random, planIndex);
      }
      this.start(member, planIndex, day);
      return;
    }
    if (this.covered) {
      if (random.chance(COVERAGE_RATES.terminate)) {
        this.close(day - 1);
        this.covered = false;
        return;
      }
      const move =
        policy.moveMonth === month || (policy.randomChanges && random.chance(COVERAGE_RATES.move));
      if (move) {
        this.close(day - 1);
        this.move(member, random);
        const metal = plans.metals[member.planIndex];
        this.start(member, plans.choosePlan(year, metal, random, member.planIndex), day);
        return;
      }
      const income =
        policy.incomeMonth === month ||
        (policy.randomChanges && random.chance(COVERAGE_RATES.incomeChange));
      if (income) {
        this.close(day - 1);
        member.fplHundredths = changedFplHundredths(member.fplHundredths, random);
        if (policy.incomeMonth === month) this.forcedEventHappened = true;
        this.start(member, member.planIndex, day);
      }
      return;
    }
    // Not covered: forced events still change the member's attributes.
    if (policy.moveMonth === month) this.move(member, random);
    if (policy.incomeMonth === month) {
      member.fplHundredths = changedFplHundredths(member.fplHundredths, random);
      this.forcedEventHappened = true;
    }
    const reenter =
      calendarMonthOf(month) === 1
        ? COVERAGE_RATES.reenterAtOpenEnrollment
        : COVERAGE_RATES.reenterOtherMonth;
    if (!random.chance(reenter)) return;
    if (policy.keepPlan && member.planIndex >= 0)
      this.start(member, member.planIndex, firstDayOfMonth(month));
    else this.enrol(member, month, random);
  }

  private move(member: MemberRecord, random: Random): void {
    relocateMember(this.ctx, member, random);
    this.forcedEventHappened = true;
  }

  /**
   * Ends the simulation at the period's last day: a span covering 31 December ends with the
   * plan year; any other span still covered stays open (empty end_date).
   */
  finish(): void {
    const end = this.ctx.period.end;
    const c = this.current;
    if (
      c &&
      c.end === -1 &&
      lastDayOfMonth(monthOfDay(end)) === end &&
      calendarMonthOf(monthOfDay(end)) === 12
    ) {
      c.end = end;
    }
  }
}

/** Months a span is billed for within a seed set: through its end, or the period's last month. */
export function billedMonths(span: Span, periodEnd: number): number {
  const last = span.end === -1 ? periodEnd : span.end;
  return monthOfDay(last) - monthOfDay(span.start) + 1;
}
