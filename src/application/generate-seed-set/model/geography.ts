/**
 * Where people and providers live: states drawn by Marketplace enrollment, cities from the
 * text pools (each state owns a fixed slice, so a city name belongs to one state), ZIP codes
 * from the state's real 3-digit prefixes (each city keeps one prefix), street addresses,
 * phone numbers and e-mail addresses.
 */
import { US_STATES, UsState } from '../../../domain/aca';
import { TextPools } from '../ports/text-pools.port';
import { Random, WeightedTable, hashInts, hashString } from '../random';

/** Cities per state in the pool; the pool must hold `US_STATES.length ×` this many names. */
export const CITIES_PER_STATE = 30;

const STATE_INDEX = new Map(US_STATES.map((s, i) => [s.code, i]));

export function stateIndexOf(code: string): number {
  return STATE_INDEX.get(code.trim().toUpperCase()) ?? -1;
}

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];
const STREET_UNITS = ['Apt', 'Unit', 'Suite', '#'];

export class Geography {
  readonly states: readonly UsState[] = US_STATES;
  private readonly stateTable = new WeightedTable(US_STATES.map((s) => s.marketplaceThousands));
  /** Larger cities (earlier in a state's slice) get more residents (Zipf). */
  private readonly cityTable = new WeightedTable(
    Array.from({ length: CITIES_PER_STATE }, (_, k) => 1 / (k + 1)),
  );

  constructor(private readonly pools: TextPools) {
    if (pools.cityNames.length < US_STATES.length * CITIES_PER_STATE) {
      throw new Error(`City pool needs ${US_STATES.length * CITIES_PER_STATE} names`);
    }
  }

  pickState(random: Random): number {
    return this.stateTable.sample(random);
  }

  /** A different state, drawn by enrollment weight (moves). */
  pickOtherState(current: number, random: Random): number {
    for (let i = 0; i < 20; i++) {
      const s = this.stateTable.sample(random);
      if (s !== current) return s;
    }
    return (current + 1) % US_STATES.length;
  }

  /** Global city index (into the pool) of a city in the state. */
  pickCity(stateIndex: number, random: Random): number {
    return stateIndex * CITIES_PER_STATE + this.cityTable.sample(random);
  }

  cityName(city: number): string {
    return this.pools.cityNames[city];
  }

  /** A city's 3-digit ZIP prefix (one of its state's real prefixes). */
  zipPrefixOf(city: number): string {
    const state = US_STATES[Math.floor(city / CITIES_PER_STATE)];
    return state.zipPrefixes[
      hashInts(city, hashString(this.pools.cityNames[city])) % state.zipPrefixes.length
    ];
  }

  zip(city: number, random: Random): string {
    const rest = random.int(100);
    return `${this.zipPrefixOf(city)}${rest < 10 ? '0' : ''}${rest}`;
  }

  streetAddress(random: Random): string {
    const number = random.chance(0.7) ? random.range(100, 9999) : random.range(10, 29999);
    let street = `${number} ${random.pick(this.pools.streetNames)}`;
    if (random.chance(0.16))
      street += ` ${random.pick(STREET_UNITS)} ${random.range(1, 40)}${random.chance(0.3) ? String.fromCharCode(65 + random.int(6)) : ''}`;
    return street;
  }

  /** A North American Numbering Plan number: (NXX) NXX-XXXX, no N11 codes. */
  phone(random: Random): string {
    const n = (): number => random.range(2, 9);
    let area = `${n()}${random.range(0, 8)}${random.int(10)}`;
    if (area[1] === '1' && area[2] === '1') area = `${area[0]}10`;
    let exchange = `${n()}${random.int(10)}${random.int(10)}`;
    if (exchange[1] === '1' && exchange[2] === '1') exchange = `${exchange[0]}12`;
    return `(${area}) ${exchange}-${String(random.int(10000)).padStart(4, '0')}`;
  }

  email(first: string, last: string, memberNo: number): string {
    const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
    const style = memberNo % 4;
    const local =
      style === 0
        ? `${clean(first)}.${clean(last)}`
        : style === 1
          ? `${clean(first)[0] ?? 'x'}${clean(last)}${memberNo % 100}`
          : style === 2
            ? `${clean(first)}${clean(last)}${memberNo % 1000}`
            : `${clean(last)}.${clean(first)}${memberNo % 10}`;
    return `${local}@${EMAIL_DOMAINS[memberNo % EMAIL_DOMAINS.length]}`;
  }
}
