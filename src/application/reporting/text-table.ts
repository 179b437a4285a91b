export interface TextTableOptions {
  /** Columns whose cells are right-aligned (numbers); by index. */
  readonly rightAligned?: (index: number) => boolean;
  /** Draw a dashed rule under the header (default true). */
  readonly rule?: boolean;
}

/**
 * A fixed-width table for the terminal: columns two spaces apart, each as wide as its widest
 * cell; the last column is not padded, so long text (samples, errors) does not widen the rest.
 */
export function renderTextTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: TextTableOptions = {},
): string {
  const last = header.length - 1;
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const right = options.rightAligned ?? (() => false);
  const line = (cells: readonly string[]): string =>
    header
      .map((_, i) => {
        const cell = cells[i] ?? '';
        if (right(i)) return cell.padStart(widths[i]!);
        return i === last ? cell : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  const ruled = options.rule ?? true;
  return [
    line(header),
    ...(ruled ? [line(widths.map((w) => '-'.repeat(w)))] : []),
    ...rows.map(line),
  ].join('\n');
}
