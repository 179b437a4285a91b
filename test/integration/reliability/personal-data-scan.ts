import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_FILES } from '../../../src/domain/seed-contract';
import { referenceRecords } from '../../support/reference-csv';

/** The personal columns of members.csv whose values must never leave the warehouse's tables. */
const PERSONAL = ['first_name', 'last_name', 'dob', 'email', 'phone', 'street'] as const;

/** Names shorter than this are too likely to be ordinary words or codes. */
const MIN_NAME_LETTERS = 4;

/** Words that log lines and reports use and that are also given or family names. */
const COMMON_WORDS = [
  'will',
  'case',
  'check',
  'file',
  'mode',
  'plan',
  'read',
  'rows',
  'stage',
  'state',
  'status',
  'table',
  'west',
  'south',
  'north',
  'east',
  'gold',
  'silver',
  'bronze',
];

export interface Leak {
  readonly kind: (typeof PERSONAL)[number];
  readonly value: string;
  readonly context: string;
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter(Boolean);
}

/**
 * The personal values of a seed set's members.csv, and a scanner that finds any of them in a
 * text. Names are matched as whole words, case-insensitively, skipping names shorter than four
 * letters and names that are also ordinary words here: a word of a non-personal value of the
 * seed set (a city, a plan, a broker, a specialty), a column name or domain value of the
 * contract, or a common word. Dates of birth that also occur as a non-personal value (a service
 * date, a coverage start) are skipped, since they cannot be told apart.
 */
export class PersonalDataScanner {
  private readonly names = new Map<string, Leak['kind']>();
  private readonly exact = new Map<string, Leak['kind']>();

  constructor(seedSetFolder: string) {
    const ordinaryWords = new Set<string>(COMMON_WORDS);
    const ordinaryValues = new Set<string>();
    for (const spec of SEED_FILES) {
      for (const column of spec.columns) {
        for (const w of words(column.name.replace(/_/g, ' '))) ordinaryWords.add(w);
        for (const value of column.domain ?? []) for (const w of words(value)) ordinaryWords.add(w);
      }
      const [header, ...rows] = referenceRecords(readFileSync(join(seedSetFolder, spec.file)));
      const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
      const personal = new Set(
        spec.entity === 'members' ? PERSONAL.map((c) => names.indexOf(c)) : [],
      );
      for (const row of rows) {
        row.fields.forEach((value, i) => {
          if (personal.has(i)) return;
          ordinaryValues.add(value.trim());
          for (const w of words(value)) ordinaryWords.add(w);
        });
      }
    }
    const [header, ...members] = referenceRecords(readFileSync(join(seedSetFolder, 'members.csv')));
    const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
    for (const row of members) {
      for (const kind of PERSONAL) {
        const value = row.fields[names.indexOf(kind)]?.trim() ?? '';
        if (value === '') continue;
        if (kind === 'first_name' || kind === 'last_name') {
          for (const w of words(value)) {
            if (w.length >= MIN_NAME_LETTERS && !ordinaryWords.has(w)) this.names.set(w, kind);
          }
        } else if (!ordinaryValues.has(value)) {
          this.exact.set(value, kind);
        }
      }
    }
  }

  /** How many distinct values the scan looks for (names, then the others). */
  get size(): { names: number; others: number } {
    return { names: this.names.size, others: this.exact.size };
  }

  scan(text: string): Leak[] {
    const leaks: Leak[] = [];
    const lower = text.toLowerCase();
    for (const match of lower.matchAll(/\p{L}+/gu)) {
      const kind = this.names.get(match[0]);
      if (kind) leaks.push({ kind, value: match[0], context: around(text, match.index) });
    }
    for (const [value, kind] of this.exact) {
      const at = lower.indexOf(value.toLowerCase());
      if (at >= 0) leaks.push({ kind, value, context: around(text, at) });
    }
    return leaks;
  }
}

function around(text: string, at: number): string {
  return text.slice(Math.max(0, at - 60), at + 60);
}
