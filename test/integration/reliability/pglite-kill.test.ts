import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../src/infrastructure/database/open-database';
import { engineEnv, runEtl, spawnEtl } from '../../support/child-etl';
import { testEngines } from '../../support/test-database';
import { warehouseChecksums } from '../../support/warehouse-checksum';
import { generatedSeedSet, scratchDir } from './process-fixtures';

const onPglite = testEngines().includes('pglite') ? describe : describe.skip;

/** Opens an embedded warehouse folder in this process (after the child is gone) and reads it. */
async function inspect(dataDir: string): Promise<{
  checksums: Record<string, string>;
  batches: Array<Record<string, unknown>>;
}> {
  const { db } = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return {
      checksums: await warehouseChecksums(db),
      batches: await db.query('SELECT status, error FROM etl.load_batch ORDER BY load_id'),
    };
  } finally {
    await db.close();
  }
}

/**
 * kill -9 on the embedded engine: PGlite runs inside the ETL process, so nothing outside can
 * hold the batch at a statement; the suite watches the run's JSON log instead and kills it the
 * moment the quality stage has finished, i.e. while the marts refresh (the longest stage, with
 * staging, dimensions and facts already written in the batch transaction). The data folder must
 * recover: the lock file of the dead process is taken over, the abandoned batch is marked failed,
 * and the next run leaves the warehouse a clean run leaves.
 */
onPglite('kill -9 of a run on an embedded PGlite data folder', function () {
  it('the next run takes over the lock file, fails the abandoned batch and loads as a clean run does', async () => {
    const source = await generatedSeedSet();
    const cleanDir = scratchDir('pglite-clean-');
    const killedDir = scratchDir('pglite-killed-');

    const clean = await runEtl(['--mode', 'full', '--source', source], {
      ...engineEnv({ kind: 'pglite', dataDir: cleanDir }),
      LOG_LEVEL: 'error',
    });
    expect(clean.result.code, clean.stderr).to.equal(0);

    const env = { ...engineEnv({ kind: 'pglite', dataDir: killedDir }), LOG_LEVEL: 'info' };
    const child = spawnEtl(['--mode', 'full', '--source', source], env);
    await child.waitForLog((l) => l.message === 'stage finished' && l.stage === 'quality');
    expect(await child.killHard()).to.deep.equal({ code: null, signal: 'SIGKILL' });
    const messages = child.logLines().map((l) => l.message);
    expect(messages, 'killed before the marts were refreshed').not.to.include('marts refreshed');
    expect(messages).not.to.include('batch succeeded');
    const lockFile = join(killedDir, '.etl.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).to.include({ pid: child.pid });

    const rerun = await runEtl(['--mode', 'full', '--source', source], env);
    expect(rerun.result.code, rerun.stderr).to.equal(0);
    expect(
      rerun.logLines().find((l) => l.message === 'marked abandoned batches as failed'),
    ).to.include({ batches: 1 });
    expect(existsSync(lockFile), 'lock file released').to.equal(false);

    const after = await inspect(killedDir);
    expect(after.batches).to.deep.equal([
      {
        status: 'failed',
        error:
          'the process running this batch ended before it finished (killed or crashed); the batch was rolled back',
      },
      { status: 'succeeded', error: null },
    ]);
    expect(after.checksums).to.deep.equal((await inspect(cleanDir)).checksums);
  });
});
