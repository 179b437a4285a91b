/** enrollments.csv rows: encoding of spans and the span ids. */
import { ENROLLMENTS_FILE } from '../../../domain/seed-contract';
import { centsText } from '../csv-encoding';
import { Span, billedMonths } from './coverage-simulator';
import { GenerationContext } from './generation-context';

const COLUMNS = ENROLLMENTS_FILE.columns.map((c) => c.name);
const EXPECTED = [
  'member_id',
  'plan_id',
  'start_date',
  'premium_paid',
  'enrollment_id',
  'end_date',
  'csr_variant',
];
if (COLUMNS.join(',') !== EXPECTED.join(',')) {
  throw new Error('enrollments.csv writer is out of step with the seed contract column order');
}

/** `ENR` + member number + start date: stable, so a re-sent span keeps its id. */
export function enrollmentId(memberDigits: string, startText: string): string {
  return `ENR${memberDigits}${startText.replace(/-/g, '')}`;
}

export function encodeEnrollmentRow(
  ctx: GenerationContext,
  memberIdText: string,
  span: Span,
): string {
  const start = ctx.dates.of(span.start);
  const premium = billedMonths(span, ctx.period.end) * span.monthlyCents;
  return (
    memberIdText +
    ',' +
    ctx.plans.planIds[span.planIndex] +
    ',' +
    start +
    ',' +
    centsText(premium) +
    ',' +
    enrollmentId(memberIdText.slice(3), start) +
    ',' +
    (span.end === -1 ? '' : ctx.dates.of(span.end)) +
    ',' +
    span.csr
  );
}
