import { SqlSession } from '../ports/sql-database.port';

const SAVEPOINT = 'dq_check';

/**
 * Runs each check under a savepoint when the session is a transaction, so that a check whose
 * SQL fails (a missing table, say) is rolled back alone and does not abort the batch
 * transaction for the checks after it. Outside a transaction every statement stands alone
 * and needs no protection.
 */
export class SavepointGuard {
  private constructor(
    private readonly session: SqlSession,
    readonly inTransaction: boolean,
  ) {}

  static async open(session: SqlSession): Promise<SavepointGuard> {
    try {
      await session.execute(`SAVEPOINT ${SAVEPOINT}`);
    } catch (error) {
      if (isNoTransactionError(error)) return new SavepointGuard(session, false);
      throw error;
    }
    await session.execute(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    return new SavepointGuard(session, true);
  }

  async run<R>(work: () => Promise<R>): Promise<R> {
    if (!this.inTransaction) return work();
    await this.session.execute(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const result = await work();
      await this.session.execute(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return result;
    } catch (error) {
      await this.session.execute(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      await this.session.execute(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      throw error;
    }
  }
}

/** SQLSTATE 25P01: SAVEPOINT outside a transaction block. */
function isNoTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === '25P01' ||
    (typeof message === 'string' && /can only be used in transaction blocks/i.test(message))
  );
}
