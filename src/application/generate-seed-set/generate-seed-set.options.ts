/** Options of a generator run, their defaults and validation. */

export interface CommonGenerateOptions {
  /** Parent folder; the seed set goes to `<outDir>/<as_of as YYYYMMDDTHHMMSSZ>`. */
  readonly outDir: string;
  /** Extraction instant of the seed set (UTC). */
  readonly asOf: Date;
  /** Also write rows the contract rejects and business-rule breaches (see the manifest). */
  readonly messy: boolean;
  /** Share of data rows followed by a messy row when `messy` is on. */
  readonly messyRate: number;
}

export interface FullGenerateOptions extends CommonGenerateOptions {
  readonly kind: 'full';
  readonly seed: number;
  readonly members: number;
  /** Complete benefit years covered, ending with the year before as_of's year. */
  readonly years: number;
  readonly providers: number;
  /** Plan designs (each is written once per benefit year). */
  readonly plans: number;
  /** Mean claims per member-year of coverage. */
  readonly claimsPerMemberYear: number;
  /** Worker threads for members/enrollments/claims (1 = in this thread). */
  readonly workers: number;
}

export interface IncrementalGenerateOptions extends CommonGenerateOptions {
  readonly kind: 'incremental';
  /** Folder of the previous seed set (full or incremental). */
  readonly from: string;
  /** Seed of this step's randomness; defaults to the chain's seed. */
  readonly seed?: number;
  /** Share of existing members whose change-driver attributes change. */
  readonly changeRate: number;
  /** Share of unchanged existing members re-sent with identical rows. */
  readonly resendRate: number;
  /** New members, as a share of existing members. */
  readonly newMemberRate: number;
  /** Share of providers that move (new address) and that are added. */
  readonly providerChangeRate: number;
  /** Overrides the chain's claims per member-year. */
  readonly claimsPerMemberYear?: number;
}

export type GenerateSeedSetOptions = FullGenerateOptions | IncrementalGenerateOptions;

export const FULL_DEFAULTS = {
  seed: 42,
  members: 5000,
  years: 1,
  providers: 400,
  plans: 40,
  claimsPerMemberYear: 10,
  workers: 1,
  messyRate: 0.002,
} as const;

export const INCREMENTAL_DEFAULTS = {
  changeRate: 0.1,
  resendRate: 0,
  newMemberRate: 0.04,
  providerChangeRate: 0.02,
  messyRate: 0.002,
} as const;

/** Limits that keep identifiers and the date cache valid. */
export const LIMITS = {
  maxMembers: 99_999_999,
  maxProviders: 9_999_999,
  maxPlans: 9_999,
  maxYears: 20,
  /** Every specialty and metal tier must be represented. */
  minProviders: 30,
  minPlans: 5,
} as const;

export class InvalidGenerateOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidGenerateOptionsError';
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new InvalidGenerateOptionsError(message);
}

function isInt(n: number): boolean {
  return Number.isInteger(n);
}

function isShare(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 1;
}

/** Throws InvalidGenerateOptionsError naming the first invalid option. */
export function validateGenerateOptions(options: GenerateSeedSetOptions): void {
  check(options.outDir.trim() !== '', '--out must name a folder');
  check(!Number.isNaN(options.asOf.getTime()), '--as-of must be a valid date');
  const year = options.asOf.getUTCFullYear();
  check(year >= 1950 && year <= 2150, '--as-of must be between 1950 and 2150');
  check(isShare(options.messyRate), '--messy-rate must be between 0 and 1');
  if (options.kind === 'full') {
    check(
      isInt(options.seed) && options.seed >= 0 && options.seed <= 0xffffffff,
      '--seed must be an integer from 0 to 4294967295',
    );
    check(
      isInt(options.members) && options.members >= 1 && options.members <= LIMITS.maxMembers,
      `--members must be an integer from 1 to ${LIMITS.maxMembers}`,
    );
    check(
      isInt(options.years) && options.years >= 1 && options.years <= LIMITS.maxYears,
      `--years must be an integer from 1 to ${LIMITS.maxYears}`,
    );
    check(
      isInt(options.providers) &&
        options.providers >= LIMITS.minProviders &&
        options.providers <= LIMITS.maxProviders,
      `--providers must be an integer from ${LIMITS.minProviders} to ${LIMITS.maxProviders}`,
    );
    check(
      isInt(options.plans) && options.plans >= LIMITS.minPlans && options.plans <= LIMITS.maxPlans,
      `--plans must be an integer from ${LIMITS.minPlans} to ${LIMITS.maxPlans}`,
    );
    check(
      Number.isFinite(options.claimsPerMemberYear) &&
        options.claimsPerMemberYear >= 0 &&
        options.claimsPerMemberYear <= 1000,
      '--claims-per-member-year must be a number from 0 to 1000',
    );
    check(
      isInt(options.workers) && options.workers >= 1 && options.workers <= 64,
      '--workers must be an integer from 1 to 64',
    );
  } else {
    check(options.from.trim() !== '', '--from must name the previous seed set folder');
    if (options.seed !== undefined) {
      check(
        isInt(options.seed) && options.seed >= 0 && options.seed <= 0xffffffff,
        '--seed must be an integer from 0 to 4294967295',
      );
    }
    check(isShare(options.changeRate), '--change-rate must be between 0 and 1');
    check(isShare(options.resendRate), '--resend-rate must be between 0 and 1');
    check(
      Number.isFinite(options.newMemberRate) &&
        options.newMemberRate >= 0 &&
        options.newMemberRate <= 10,
      '--new-member-rate must be between 0 and 10',
    );
    check(isShare(options.providerChangeRate), '--provider-change-rate must be between 0 and 1');
    if (options.claimsPerMemberYear !== undefined) {
      check(
        Number.isFinite(options.claimsPerMemberYear) &&
          options.claimsPerMemberYear >= 0 &&
          options.claimsPerMemberYear <= 1000,
        '--claims-per-member-year must be a number from 0 to 1000',
      );
    }
  }
}
