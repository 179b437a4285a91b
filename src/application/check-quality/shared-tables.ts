import { quoteIdentifier } from '../../domain/data-quality/sql-identifier';
import { SqlSession } from '../ports/sql-database.port';
import { SavepointGuard } from './savepoint-guard';
import { SharedTables } from './sql/compiled-check';

/**
 * The temporary tables checks of one run share: each set is built by the first check that
 * needs it and dropped when the run ends, so that the stages after data quality (in the same
 * batch transaction) do not carry them.
 */
export class SharedTableBuilder {
  private readonly built = new Set<string>();

  constructor(
    private readonly session: SqlSession,
    private readonly guard: SavepointGuard,
  ) {}

  /**
   * Builds `shared` unless this run already has. Under a savepoint of its own, released before
   * the check's statement runs: a check that fails afterwards cannot roll the tables back from
   * under the checks after it. When building fails it throws, and the next check needing the
   * same tables tries again (and reports the same error).
   */
  async ensure(shared: SharedTables): Promise<void> {
    const key = shared.tables.join(' ');
    if (this.built.has(key)) return;
    await this.guard.run(async () => {
      await this.session.execute(dropStatement(shared.tables));
      for (const step of shared.steps) await this.session.execute(step.sql, step.params);
    });
    this.built.add(key);
  }

  async dropAll(): Promise<void> {
    const tables = [...this.built].flatMap((key) => key.split(' '));
    this.built.clear();
    if (tables.length > 0) await this.guard.run(() => this.session.execute(dropStatement(tables)));
  }
}

function dropStatement(tables: readonly string[]): string {
  return `DROP TABLE IF EXISTS ${tables.map((t) => `pg_temp.${quoteIdentifier(t)}`).join(', ')}`;
}
