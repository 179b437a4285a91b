import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { QueryCubeService } from '../../application/query-cube/query-cube.service';
import { CUBE_MEASURES, CubeQueryError, CubeResult, MeasureUnit } from '../../domain/cube';
import { renderTextTable } from '../../application/reporting/text-table';
import { EXIT, openCliRuntime, runCli, UsageError } from './support/cli-runtime';

const USAGE = `usage: npm run cube -- --measures <m1,m2> [--by <d1,d2>] [--where <dim>=<v1,v2>]... [options]

Answers a question from the claims cube (mart.claims_cube): slice with --where, dice with --by,
roll up by leaving dimensions out (months roll up to years or all time).

  --measures <list>   measures, comma-separated (see --list)
  --by <list>         dimensions to group by, comma-separated
  --where <dim>=<v>   keep only these values (comma-separated); repeat for more dimensions
  --order <name>      a measure or --by dimension; "paid desc" (or --order=-paid) for descending
  --limit <n>         at most n rows
  --format <f>        table (default), csv or json
  --list              print the measures and dimensions and exit

example: npm run cube -- --measures paid,pmpm --by metal_tier,month --where state=TX`;

const MONEY_UNITS: readonly MeasureUnit[] = ['usd', 'usd_per_member_month'];
const UNIT = new Map(CUBE_MEASURES.map((m) => [m.name, m.unit]));

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseWhere(items: readonly string[]): Record<string, string[]> {
  const where: Record<string, string[]> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--where takes <dimension>=<values>; got '${item}'`);
    const name = item.slice(0, eq).trim();
    where[name] = [...(where[name] ?? []), ...list(item.slice(eq + 1))];
  }
  return where;
}

/** Thousands separators on a decimal string, without going through a float. */
function groupDigits(value: string): string {
  const [int, frac] = value.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${frac !== undefined ? `.${frac}` : ''}`;
}

function display(column: string, value: string | number | null): string {
  if (value === null) return '∅';
  const unit = UNIT.get(column);
  if (unit === undefined) return String(value);
  const text = String(value);
  if (MONEY_UNITS.includes(unit)) return `$${groupDigits(text)}`;
  return unit === 'ratio' ? text : groupDigits(text);
}

function renderTable(result: CubeResult): string {
  const cells = result.rows.map((row) => result.columns.map((c) => display(c, row[c] ?? null)));
  const numeric = result.columns.map((c) => UNIT.has(c));
  return [
    renderTextTable(result.columns, cells, { rightAligned: (i) => numeric[i] === true }),
    `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'}, from the ${result.source ?? 'cube'})`,
  ].join('\n');
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function renderCsv(result: CubeResult): string {
  return [
    result.columns.join(','),
    ...result.rows.map((row) => result.columns.map((c) => csvField(row[c] ?? null)).join(',')),
  ].join('\n');
}

void runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        measures: { type: 'string' },
        by: { type: 'string' },
        where: { type: 'string', multiple: true },
        order: { type: 'string' },
        limit: { type: 'string' },
        format: { type: 'string', default: 'table' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) {
    throw new UsageError(`--format must be table, csv or json; got '${format}'`);
  }
  if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) {
    throw new UsageError(`--limit must be a positive integer; got '${values.limit}'`);
  }

  const runtime = await openCliRuntime({ migrate: true });
  try {
    const cube = runtime.container.resolve(QueryCubeService);
    if (values.list) {
      const catalog = cube.describe();
      const rows = [
        ...catalog.measures.map((m) => `measure    ${m.name.padEnd(18)} ${m.description}`),
        ...catalog.dimensions.map((d) => `dimension  ${d.name.padEnd(18)} ${d.description}`),
      ];
      process.stdout.write(`${rows.join('\n')}\n`);
      return EXIT.ok;
    }
    let result: CubeResult;
    try {
      result = await cube.query({
        measures: list(values.measures),
        by: list(values.by),
        where: parseWhere(values.where ?? []),
        ...(values.order ? { orderBy: values.order } : {}),
        ...(values.limit ? { limit: Number(values.limit) } : {}),
      });
    } catch (error) {
      if (error instanceof CubeQueryError) throw new UsageError(error.message);
      throw error;
    }
    const out =
      format === 'json'
        ? JSON.stringify(result, null, 2)
        : format === 'csv'
          ? renderCsv(result)
          : renderTable(result);
    process.stdout.write(`${out}\n`);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
});
