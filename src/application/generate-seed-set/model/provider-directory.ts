/**
 * Providers: generation of the directory (specialty mix, locations, valid NPIs) and the
 * `ProviderDirectory` claims draw from: per specialty and state, with a fallback to the census
 * division and then the whole country, and a stable "usual" provider per member and specialty.
 */
import { US_STATES, npiCheckDigit } from '../../../domain/aca';
import { PROVIDERS_FILE } from '../../../domain/seed-contract';
import { csvField, csvRecord } from '../csv-encoding';
import { Random, hashInts, hashString } from '../random';
import { CONTRACTING_ENTITY_BY_DIVISION } from '../reference/distribution-channels';
import {
  ORGANIZATION_NAME_PATTERNS,
  PROVIDER_GROUP_SUFFIXES,
  PROVIDER_SPECIALTIES,
  specialtyIndex,
} from '../reference/provider-specialties';
import { TextPools } from '../ports/text-pools.port';
import { bytesOf } from './record-buffer';
import { CITIES_PER_STATE, Geography, stateIndexOf } from './geography';

export interface ProviderRow {
  readonly providerId: string;
  readonly npi: string;
  readonly name: string;
  readonly specialty: string;
  readonly street: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly phone: string;
}

export function providerId(providerNo: number): string {
  return `PRV${String(providerNo).padStart(7, '0')}`;
}

/** Provider number of an id written by this generator (`PRV0000123` → 123), else NaN. */
export function providerNoOf(id: string): number {
  return /^PRV\d{7,}$/.test(id) ? Number(id.slice(3)) : NaN;
}

/**
 * A valid NPI for a provider number: the 8-digit body is an affine bijection of the number
 * (so NPIs never collide), the first digit is 1 or 2 and the tenth the Luhn check digit.
 */
export function npiFor(providerNo: number, organization: boolean): string {
  const body = (providerNo * 7654321 + 10234567) % 100000000;
  const first = organization && hashInts(providerNo, 2) % 10 < 3 ? '2' : '1';
  const nine = `${first}${String(body).padStart(8, '0')}`;
  return `${nine}${npiCheckDigit(nine)}`;
}

function fill(pattern: string, city: string, last: string): string {
  return pattern.replace('{city}', city).replace('{last}', last);
}

/** Specialty of each provider: every specialty once, the rest by directory share, shuffled. */
function specialtyPlan(count: number, random: Random): number[] {
  const total = PROVIDER_SPECIALTIES.reduce((s, p) => s + p.weight, 0);
  const extra = count - PROVIDER_SPECIALTIES.length;
  const out: number[] = [];
  const remainders: [number, number][] = [];
  PROVIDER_SPECIALTIES.forEach((s, i) => {
    const exact = (extra * s.weight) / total;
    const n = 1 + Math.floor(exact);
    for (let k = 0; k < n; k++) out.push(i);
    remainders.push([exact - Math.floor(exact), i]);
  });
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; out.length < count; k++) out.push(remainders[k % remainders.length][1]);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A new provider with number `providerNo` (full generation and providers added later). */
export function newProviderRow(
  providerNo: number,
  specialty: number,
  geography: Geography,
  pools: TextPools,
  random: Random,
): ProviderRow {
  const spec = PROVIDER_SPECIALTIES[specialty];
  const state = geography.pickState(random);
  const city = geography.pickCity(state, random);
  const last = random.pick(pools.lastNames);
  let name: string;
  if (spec.organization) {
    name = fill(
      random.pick(ORGANIZATION_NAME_PATTERNS[spec.organization]),
      geography.cityName(city),
      last,
    );
  } else {
    const first = random.chance(0.5)
      ? random.pick(pools.femaleFirstNames)
      : random.pick(pools.maleFirstNames);
    name = `${first} ${last}, ${random.pick(spec.credentials)}`;
  }
  return {
    providerId: providerId(providerNo),
    npi: npiFor(providerNo, !!spec.organization),
    name,
    specialty: spec.name,
    street: geography.streetAddress(random),
    city: geography.cityName(city),
    state: US_STATES[state].code,
    zip: geography.zip(city, random),
    phone: geography.phone(random),
  };
}

/** The same provider at a new practice address (a move; one in five changes state). */
export function movedProviderRow(
  row: ProviderRow,
  geography: Geography,
  random: Random,
): ProviderRow {
  const current = stateIndexOf(row.state);
  const state =
    current < 0 || random.chance(0.2) ? geography.pickOtherState(current, random) : current;
  let city = geography.pickCity(state, random);
  if (geography.cityName(city) === row.city)
    city = state * CITIES_PER_STATE + ((city + 1) % CITIES_PER_STATE);
  return {
    ...row,
    street: geography.streetAddress(random),
    city: geography.cityName(city),
    state: US_STATES[state].code,
    zip: geography.zip(city, random),
    phone: random.chance(0.5) ? geography.phone(random) : row.phone,
  };
}

export function generateProviderRows(
  seed: number,
  count: number,
  geography: Geography,
  pools: TextPools,
): ProviderRow[] {
  const random = new Random(seed, hashString('providers'));
  return specialtyPlan(count, random).map((specialty, i) =>
    newProviderRow(
      i + 1,
      specialty,
      geography,
      pools,
      new Random(seed, hashString('provider'), i + 1),
    ),
  );
}

const COLUMNS = PROVIDERS_FILE.columns.map((c) => c.name);

export function encodeProviderRow(row: ProviderRow): string {
  const value: Record<string, string> = {
    provider_id: row.providerId,
    npi: row.npi,
    name: row.name,
    specialty: row.specialty,
    street: row.street,
    city: row.city,
    state: row.state,
    zip: row.zip,
    phone: row.phone,
  };
  return csvRecord(COLUMNS.map((c) => value[c] ?? ''));
}

export function parseProviderRow(get: (column: string) => string): ProviderRow | undefined {
  const row: ProviderRow = {
    providerId: get('provider_id'),
    npi: get('npi'),
    name: get('name'),
    specialty: get('specialty'),
    street: get('street'),
    city: get('city'),
    state: get('state'),
    zip: get('zip'),
    phone: get('phone'),
  };
  return Number.isFinite(providerNoOf(row.providerId)) && row.specialty ? row : undefined;
}

/** Directory of providers for claims: ids, specialty, location and per-claim text fragments. */
export class ProviderDirectory {
  readonly ids: string[] = [];
  readonly specialty: number[] = [];
  /** `provider_id,` as bytes. */
  readonly idBytes: Uint8Array[] = [];
  /** `best_contracting_entity_name,provider_group_name,`, CSV-encoded bytes. */
  readonly contractingBytes: Uint8Array[] = [];
  /** Charge-master markup of billed over allowed amounts. */
  readonly markup: number[] = [];
  private readonly byStateSpecialty = new Map<number, number[]>();
  private readonly byDivisionSpecialty = new Map<string, number[]>();
  private readonly bySpecialty = new Map<number, number[]>();
  /** Resolved candidate lists by state × 64 + specialty. */
  private readonly resolved: (readonly number[] | undefined)[] = [];

  constructor(
    rows: Iterable<ProviderRow>,
    private readonly pools: TextPools,
  ) {
    for (const row of rows) this.add(row);
  }

  get count(): number {
    return this.ids.length;
  }

  private add(row: ProviderRow): void {
    const index = this.ids.length;
    const providerNo = providerNoOf(row.providerId);
    const spec = Math.max(0, specialtyIndex(row.specialty));
    const stateIndex = stateIndexOf(row.state);
    const state = US_STATES[stateIndex] ?? US_STATES[0];
    this.ids.push(row.providerId);
    this.specialty.push(spec);
    const h = hashInts(providerNo, 101);
    const groupCity = this.pools.cityNames[Math.max(0, stateIndex) * CITIES_PER_STATE + (h % 8)];
    const group = `${groupCity} ${PROVIDER_GROUP_SUFFIXES[(h >>> 8) % PROVIDER_GROUP_SUFFIXES.length]}`;
    this.idBytes.push(bytesOf(`${row.providerId},`));
    this.contractingBytes.push(
      bytesOf(`${csvField(CONTRACTING_ENTITY_BY_DIVISION[state.division])},${csvField(group)},`),
    );
    const organization = PROVIDER_SPECIALTIES[spec].organization;
    const base =
      organization === 'pharmacy' || organization === 'specialty_pharmacy'
        ? 1.0
        : organization
          ? 1.9
          : 1.4;
    const spread =
      organization === 'pharmacy' || organization === 'specialty_pharmacy'
        ? 0.25
        : organization
          ? 1.6
          : 1.0;
    this.markup.push(base + ((h >>> 16) / 65536) * spread);
    const push = <K>(map: Map<K, number[]>, key: K): void => {
      const list = map.get(key);
      if (list) list.push(index);
      else map.set(key, [index]);
    };
    if (stateIndex >= 0) push(this.byStateSpecialty, stateIndex * 64 + spec);
    push(this.byDivisionSpecialty, `${state.division}|${spec}`);
    push(this.bySpecialty, spec);
  }

  /** Providers of a specialty near a state (state, else division, else anywhere). */
  candidates(specialty: number, stateIndex: number): readonly number[] {
    const key = stateIndex * 64 + specialty;
    let list = this.resolved[key];
    if (list === undefined) {
      list = this.byStateSpecialty.get(key) ??
        this.byDivisionSpecialty.get(`${US_STATES[stateIndex].division}|${specialty}`) ??
        this.bySpecialty.get(specialty) ??
        this.bySpecialty.get(0) ?? [0];
      this.resolved[key] = list;
    }
    return list;
  }
}
