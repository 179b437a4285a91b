import { DATA_DICTIONARY, qualifiedName } from '../../domain/data-dictionary';
import { QualityCheck, sampledColumns } from '../../domain/data-quality/quality-check';
import {
  InvalidCheckError,
  isIdentifier,
  parseTableName,
  quoteIdentifier,
} from '../../domain/data-quality/sql-identifier';
import { compileAcceptedValues } from './compilers/compile-accepted-values';
import { compileExpression } from './compilers/compile-expression';
import { compileFreshness } from './compilers/compile-freshness';
import { compileNotNull } from './compilers/compile-not-null';
import { compileReconciliation } from './compilers/compile-reconciliation';
import { compileRelationships } from './compilers/compile-relationships';
import { compileRowCount } from './compilers/compile-row-count';
import { compileScd2Integrity } from './compilers/compile-scd2-integrity';
import { compileUnique } from './compilers/compile-unique';
import { CompiledCheck, CompileScope } from './sql/compiled-check';

export const CHECK_NAME = /^[a-z][a-z0-9_]*$/;

/** Column names the compiled queries add to samples; a check's own columns may not shadow them. */
const RESERVED_COLUMNS = new Set([
  'null_columns',
  'duplicate_rows',
  'unexpected_value',
  'problems',
  'problem',
  'in_source',
  'in_target',
]);

/** `schema.table.column` of every column the data dictionary marks as personal data. */
const PERSONAL_COLUMNS = new Set(
  DATA_DICTIONARY.flatMap((doc) =>
    doc.columns.filter((c) => c.personal).map((c) => `${qualifiedName(doc)}.${c.name}`),
  ),
);

export function isPersonalColumn(table: string, column: string): boolean {
  return PERSONAL_COLUMNS.has(`${table}.${column}`);
}

/** Every identifier a check names, with where it came from (for error messages). */
function identifiersOf(check: QualityCheck): Array<[string, string]> {
  const p = check.params as unknown as Record<string, unknown>;
  const found: Array<[string, string]> = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (typeof value === 'string') found.push([path, value]);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
    }
  };
  for (const [key, value] of Object.entries(p)) {
    // Values, trusted SQL fragments and literals are not identifiers.
    if (['values', 'where', 'predicate', 'mode', 'endOfTime'].includes(key)) continue;
    visit(value, key);
  }
  return found;
}

/**
 * Checks the declaration before any SQL is built: a valid name, valid identifiers (tables as
 * `schema.table`, columns snake_case), no shadowing of the columns the compiler adds, and no
 * personal-data column among the sampled ones.
 */
export function validateCheck(check: QualityCheck): void {
  if (!CHECK_NAME.test(check.name)) {
    throw new InvalidCheckError(`check name '${check.name}' must match ${CHECK_NAME.source}`);
  }
  parseTableName(check.table);
  for (const [path, value] of identifiersOf(check)) {
    const isTable = path === 'to.table' || path === 'source.table' || path === 'rejectsTable';
    if (isTable) parseTableName(value);
    else if (!isIdentifier(value)) {
      throw new InvalidCheckError(
        `${check.name}: params.${path} '${value}' is not a valid identifier (expected ^[a-z_][a-z0-9_]*$)`,
      );
    } else if (RESERVED_COLUMNS.has(value)) {
      throw new InvalidCheckError(
        `${check.name}: params.${path} '${value}' is a column name the check runner reserves`,
      );
    }
  }
  const sampled = [...sampledColumns(check)];
  if (check.kind === 'accepted_values') sampled.push(check.params.column);
  const tables = [check.table];
  if (check.kind === 'reconciliation' && check.params.mode === 'keyed') {
    tables.push(check.params.source.table);
  }
  const personal = sampled.filter((c) => tables.some((t) => isPersonalColumn(t, c)));
  if (personal.length > 0) {
    throw new InvalidCheckError(
      `${check.name}: ${personal.join(', ')} of ${check.table} is personal data and cannot be sampled`,
    );
  }
  sampled.forEach(quoteIdentifier);
}

/** One check as one SQL statement with its parameters; throws InvalidCheckError on a bad declaration. */
export function compileCheck(check: QualityCheck, scope: CompileScope): CompiledCheck {
  validateCheck(check);
  if (!Number.isSafeInteger(scope.sampleSize) || scope.sampleSize < 0) {
    throw new InvalidCheckError(`sample size must be an integer >= 0, got ${scope.sampleSize}`);
  }
  switch (check.kind) {
    case 'not_null':
      return compileNotNull(check, scope);
    case 'unique':
      return compileUnique(check, scope);
    case 'relationships':
      return compileRelationships(check, scope);
    case 'accepted_values':
      return compileAcceptedValues(check, scope);
    case 'row_count':
      return compileRowCount(check, scope);
    case 'reconciliation':
      return compileReconciliation(check, scope);
    case 'scd2_integrity':
      return compileScd2Integrity(check, scope);
    case 'expression':
      return compileExpression(check, scope);
    case 'freshness':
      return compileFreshness(check, scope);
  }
}
