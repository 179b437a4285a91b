/**
 * Reading the previous state of an incremental chain (full → incr1 → incr2 …) back from the
 * seed sets' CSV files, streamed: plans and providers (small: latest row per key), the last
 * coverage span of every member (compact typed arrays indexed by member number), and the
 * latest members.csv row of every member (a k-way merge of the chain's members files, which
 * this generator always writes in member-number order).
 */
import { CsvTable, PreviousSeedSetReaderPort } from '../ports/previous-seed-set-reader.port';
import { parseCents } from '../csv-encoding';
import { parseDay } from '../calendar';
import { memberNoOf } from './member-record';
import { PlanBook, PlanYearRow, parsePlanRow } from './plan-book';
import { ProviderRow, parseProviderRow } from './provider-directory';

/** Column lookup of a CSV header (names compared case-insensitively, trimmed). */
export function columnGetter(
  header: readonly string[],
): (fields: readonly string[]) => (column: string) => string {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  return (fields) => (column) => {
    const i = index.get(column);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
}

async function forEachRow(
  reader: PreviousSeedSetReaderPort,
  folder: string,
  file: string,
  visit: (get: (column: string) => string, fields: readonly string[]) => void,
  rawFilter?: (raw: string) => boolean,
): Promise<void> {
  if (!(await reader.hasFile(folder, file))) return;
  const table = await reader.openCsv(folder, file, rawFilter ? { rawFilter } : {});
  const getter = columnGetter(table.header);
  for await (const batch of table.batches())
    for (const fields of batch) visit(getter(fields), fields);
}

/** Latest plan rows of the chain (later seed sets override earlier rows of the same key). */
export async function readPlanRows(
  reader: PreviousSeedSetReaderPort,
  chain: readonly string[],
): Promise<PlanYearRow[]> {
  const rows = new Map<string, PlanYearRow>();
  for (const folder of chain) {
    await forEachRow(reader, folder, 'plans.csv', (get) => {
      const row = parsePlanRow(get);
      if (row && /^\d{5}[A-Z]{2}\d{7}$/.test(row.planId))
        rows.set(`${row.planId}|${row.year}`, row);
    });
  }
  return [...rows.values()].sort((a, b) => a.year - b.year || a.planId.localeCompare(b.planId));
}

/** Latest provider rows of the chain, in provider-number order. */
export async function readProviderRows(
  reader: PreviousSeedSetReaderPort,
  chain: readonly string[],
): Promise<ProviderRow[]> {
  const rows = new Map<string, ProviderRow>();
  for (const folder of chain) {
    await forEachRow(reader, folder, 'providers.csv', (get) => {
      const row = parseProviderRow(get);
      if (row) rows.set(row.providerId, row);
    });
  }
  return [...rows.values()].sort((a, b) => a.providerId.localeCompare(b.providerId));
}

/** Marks a member's last span as still open at the end of its seed set. */
export const OPEN_END = -1;
/** No span known for the member. */
export const NO_SPAN = -2;

/**
 * The last coverage span of every member, in typed arrays indexed by member number
 * (about 20 bytes a member: 20 MB for a million members).
 */
export class LastSpans {
  plan = new Int32Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  premiumCents = new Float64Array(0);

  ensure(memberNo: number): void {
    if (memberNo < this.plan.length) return;
    const size = Math.max(memberNo + 1, Math.ceil(this.plan.length * 1.5), 1024);
    const grow = <T extends Int32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
      fill: number,
    ): T => {
      const b = make(size);
      b.fill(fill);
      b.set(a);
      return b;
    };
    this.plan = grow(this.plan, (n) => new Int32Array(n), -1);
    this.start = grow(this.start, (n) => new Int32Array(n), 0);
    this.end = grow(this.end, (n) => new Int32Array(n), NO_SPAN);
    this.premiumCents = grow(this.premiumCents, (n) => new Float64Array(n), 0);
  }

  endOf(memberNo: number): number {
    return memberNo < this.end.length ? this.end[memberNo] : NO_SPAN;
  }
}

export async function readLastSpans(
  reader: PreviousSeedSetReaderPort,
  chain: readonly string[],
  plans: PlanBook,
  capacity: number,
): Promise<LastSpans> {
  const spans = new LastSpans();
  spans.ensure(capacity);
  for (const folder of chain) {
    await forEachRow(reader, folder, 'enrollments.csv', (get) => {
      const memberNo = memberNoOf(get('member_id'));
      const plan = plans.indexOf(get('plan_id'));
      const start = parseDay(get('start_date'));
      const endText = get('end_date');
      const end = endText === '' ? OPEN_END : parseDay(endText);
      const premium = parseCents(get('premium_paid'));
      if (
        !Number.isFinite(memberNo) ||
        plan === undefined ||
        start === undefined ||
        end === undefined
      )
        return;
      if (!Number.isFinite(premium) || (end !== OPEN_END && end < start)) return;
      spans.ensure(memberNo);
      // A later start wins; the same span re-sent later (new end, new premium) replaces it.
      if (spans.end[memberNo] !== NO_SPAN && start < spans.start[memberNo]) return;
      spans.plan[memberNo] = plan;
      spans.start[memberNo] = start;
      spans.end[memberNo] = end;
      spans.premiumCents[memberNo] = premium;
    });
  }
  return spans;
}

/** The latest members.csv row of one member. */
export interface LatestMemberRow {
  readonly memberNo: number;
  readonly fields: readonly string[];
  readonly get: (column: string) => string;
  /** Header of the file the row comes from. */
  readonly header: readonly string[];
}

interface Cursor {
  readonly table: CsvTable;
  readonly iterator: AsyncIterator<readonly (readonly string[])[]>;
  readonly getter: (fields: readonly string[]) => (column: string) => string;
  batch: readonly (readonly string[])[];
  index: number;
  memberNo: number;
  done: boolean;
  readonly file: string;
}

async function advance(cursor: Cursor): Promise<void> {
  const previous = cursor.memberNo;
  for (;;) {
    cursor.index++;
    while (cursor.index >= cursor.batch.length) {
      const next = await cursor.iterator.next();
      if (next.done) {
        cursor.done = true;
        return;
      }
      cursor.batch = next.value;
      cursor.index = 0;
    }
    const fields = cursor.batch[cursor.index];
    const memberNo = memberNoOf(cursor.getter(fields)('member_id'));
    if (!Number.isFinite(memberNo)) continue; // messy or foreign rows
    if (memberNo < previous)
      throw new Error(
        `${cursor.file} is not in member_id order (it was not written by this generator)`,
      );
    cursor.memberNo = memberNo;
    return;
  }
}

/**
 * Yields the latest row of every member across the chain in member-number order; when
 * several seed sets hold a member, the newest wins. Memory: one batch per file.
 */
export async function* latestMemberRows(
  reader: PreviousSeedSetReaderPort,
  chain: readonly string[],
): AsyncGenerator<LatestMemberRow> {
  const cursors: Cursor[] = [];
  for (const folder of chain) {
    if (!(await reader.hasFile(folder, 'members.csv'))) continue;
    const table = await reader.openCsv(folder, 'members.csv');
    const cursor: Cursor = {
      table,
      iterator: table.batches()[Symbol.asyncIterator](),
      getter: columnGetter(table.header),
      batch: [],
      index: -1,
      memberNo: -1,
      done: false,
      file: `${folder}/members.csv`,
    };
    await advance(cursor);
    cursors.push(cursor);
  }
  for (;;) {
    let min = Infinity;
    for (const c of cursors) if (!c.done && c.memberNo < min) min = c.memberNo;
    if (min === Infinity) return;
    let newest: Cursor | undefined;
    for (const c of cursors) if (!c.done && c.memberNo === min) newest = c; // chain is oldest → newest
    const chosen = newest as Cursor;
    const fields = chosen.batch[chosen.index];
    yield { memberNo: min, fields, get: chosen.getter(fields), header: chosen.table.header };
    for (const c of cursors) if (!c.done && c.memberNo === min) await advance(c);
  }
}
