/**
 * Calibrates claim volume so the mean number of claims per member-year of coverage matches the
 * requested `claims-per-member-year`: refills and inpatient episodes are first counted on a
 * sample of members, everything else is scaled to fill the rest (refills are thinned when they
 * alone would exceed 40 % of the target).
 */
import { CLINICAL_SEGMENTS } from '../reference/clinical-profiles';
import { Random, hashString } from '../random';
import {
  ADHERENCE,
  CLAIMS_PER_ADMISSION,
  ageAdmissions,
  claimsPerSlotDraw,
  memberFrequency,
} from './claim-generator';
import { ClaimCalibration, GenerationContext } from './generation-context';
import { MemberRecord, drawNewMember, latentTraits, memberDrugs } from './member-record';

const SAMPLE = 4000;

export function calibrateClaims(ctx: GenerationContext): ClaimCalibration {
  const target = ctx.claimsPerMemberYear;
  if (target <= 0) return { poissonScale: 0, refillScale: 0 };
  const random = new Random(ctx.seed, hashString('calibration'));
  const member = new MemberRecord();
  let rel = 0;
  let refills = 0;
  let admissions = 0;
  for (let k = 0; k < SAMPLE; k++) {
    // Member numbers far above any real one: the sample never coincides with a member.
    const m = drawNewMember(ctx, 2_000_000_000 + k, random, member);
    const age = m.ageOnDay(ctx.period.end);
    const latent = latentTraits(ctx.seed, m.memberNo);
    rel +=
      memberFrequency(m.segment, age, m.gender === 'F', latent.frailty) *
      claimsPerSlotDraw(m.segment);
    const drugs = memberDrugs(ctx.seed, m.memberNo, m.condition);
    let adherence = drugs.maintenance.length * ADHERENCE.generic;
    if (drugs.brand >= 0) adherence += ADHERENCE.brand;
    if (drugs.specialty >= 0) adherence += ADHERENCE.specialty;
    refills += (adherence * 365.25) / 30;
    const segment = CLINICAL_SEGMENTS[m.segment];
    admissions +=
      segment.admissionsPerYear *
      ageAdmissions(age) *
      Math.sqrt(latent.frailty) *
      CLAIMS_PER_ADMISSION;
    if (segment.name === 'Maternity') admissions += 2.6;
  }
  rel /= SAMPLE;
  refills /= SAMPLE;
  admissions /= SAMPLE;
  let refillScale = 1;
  if (refills + admissions > 0.4 * target)
    refillScale = Math.max(0, Math.min(1, (0.4 * target - admissions) / refills));
  const poissonScale = Math.max(0, target - refillScale * refills - admissions) / rel;
  return { poissonScale, refillScale };
}
