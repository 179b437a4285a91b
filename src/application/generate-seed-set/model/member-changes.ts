/**
 * What changes for a member picked as "changed" in an incremental seed set. Each changed
 * member gets one driver: a move to another state (new address and, when covered, a plan of
 * the same metal in the new state), an income change (new FPL ratio; when covered, a new span
 * in the same plan with a new tax credit), a metal switch at open enrollment, a new clinical
 * segment, a new broker/agency, or only new engagement figures. Every changed row also carries
 * the period's refreshed figures (year, engagement, flags, enrollment length).
 */
import { Random, WeightedChoice } from '../random';
import { CLINICAL_SEGMENTS } from '../reference/clinical-profiles';
import { GenerationContext } from './generation-context';
import {
  MemberRecord,
  changedFplHundredths,
  drawBroker,
  drawCondition,
  drawRiskMilli,
  latentTraits,
  segmentIndexOf,
} from './member-record';

export type ChangeKind = 'move' | 'income' | 'metal' | 'segment' | 'broker' | 'engagement';

export const CHANGE_KINDS = new WeightedChoice<ChangeKind>([
  ['move', 12],
  ['income', 22],
  ['metal', 18],
  ['segment', 15],
  ['broker', 10],
  ['engagement', 23],
]);

/** Plausible next segments (members get sicker or recover; a pregnancy ends). */
const SEGMENT_TRANSITIONS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  Healthy: [
    ['Rising Risk', 50],
    ['Behavioral', 25],
    ['Chronic', 20],
    ['Oncology', 5],
  ],
  'Rising Risk': [
    ['Chronic', 55],
    ['Healthy', 35],
    ['Behavioral', 10],
  ],
  Chronic: [
    ['Complex', 45],
    ['Rising Risk', 40],
    ['Oncology', 15],
  ],
  Behavioral: [
    ['Healthy', 50],
    ['Chronic', 30],
    ['Rising Risk', 20],
  ],
  Maternity: [
    ['Healthy', 80],
    ['Behavioral', 20],
  ],
  Complex: [
    ['Chronic', 70],
    ['Oncology', 30],
  ],
  Oncology: [
    ['Complex', 50],
    ['Chronic', 50],
  ],
};

export function changeSegment(ctx: GenerationContext, m: MemberRecord, random: Random): void {
  const current = CLINICAL_SEGMENTS[m.segment].name;
  const next = segmentIndexOf(new WeightedChoice(SEGMENT_TRANSITIONS[current]).sample(random));
  const age = m.ageOnDay(ctx.period.end);
  m.segment = next;
  m.condition = drawCondition(next, age, random);
  m.riskMilli = drawRiskMilli(next, latentTraits(ctx.seed, m.memberNo).frailty, random);
}

export function changeBroker(ctx: GenerationContext, m: MemberRecord, random: Random): void {
  for (let attempt = 0; attempt < 20; attempt++) {
    const next = drawBroker(m.stateIndex, ctx, random);
    if (next.broker !== m.broker || next.agency !== m.agency) {
      m.agency = next.agency;
      m.broker = next.broker;
      return;
    }
  }
  m.broker =
    m.broker === '' ? drawBroker(m.stateIndex, ctx, random).broker || 'Independent Agent' : '';
  m.agency = '';
}

export function changeIncome(m: MemberRecord, random: Random): void {
  m.fplHundredths = changedFplHundredths(m.fplHundredths, random);
}
