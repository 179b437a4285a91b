import { expect } from 'chai';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  loadConfig,
  maskDatabaseUrl,
} from '../../../src/infrastructure/config/load-config';

function projectWith(devEnv: string, dotEnv?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'aca-config-'));
  mkdirSync(join(root, 'config'));
  writeFileSync(join(root, 'config/dev.env'), devEnv);
  if (dotEnv !== undefined) writeFileSync(join(root, '.env'), dotEnv);
  return root;
}

describe('configuration', () => {
  it('layers config/dev.env, .env and the environment, later winning', () => {
    const root = projectWith(
      'LOG_LEVEL=debug\nHTTP_PORT=3000\nPGLITE_DATA_DIR=a\n',
      'HTTP_PORT=4000\nPGLITE_DATA_DIR=b\n',
    );
    const config = loadConfig({ PGLITE_DATA_DIR: 'c' }, root);
    expect(config.LOG_LEVEL).to.equal('debug');
    expect(config.HTTP_PORT).to.equal(4000);
    expect(config.PGLITE_DATA_DIR).to.equal('c');
    expect(config.DATABASE_URL).to.equal(undefined);
  });

  it('rejects a bad value with a message naming the setting, password masked', () => {
    const root = projectWith('HTTP_PORT=http\n');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@h/db', LOG_LEVEL: 'loud' }, root))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/DATABASE_URL=mysql:\/\/u:\*\*\*@h\/db: DATABASE_URL must look like/)
      .and.matches(/LOG_LEVEL=loud/)
      .and.matches(/HTTP_PORT=http/)
      .and.not.contains('secret');
  });

  it('masks the password of a connection string', () => {
    expect(maskDatabaseUrl('postgres://etl:s3cr%40t@db:5432/aca')).to.equal(
      'postgres://etl:***@db:5432/aca',
    );
    expect(maskDatabaseUrl('postgresql://postgres@127.0.0.1/test')).to.equal(
      'postgresql://postgres@127.0.0.1/test',
    );
    expect(maskDatabaseUrl(undefined)).to.equal('(embedded PGlite)');
  });
});
