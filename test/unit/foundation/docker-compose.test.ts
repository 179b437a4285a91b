import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { parse as parseYaml } from 'yaml';

const root = resolve(__dirname, '../../..');

interface ComposeService {
  image: string;
  env_file: string[];
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  healthcheck: { test: string[] };
}

describe('docker/docker-compose.yml', () => {
  const compose = parseYaml(readFileSync(resolve(root, 'docker/docker-compose.yml'), 'utf8')) as {
    services: { postgres: ComposeService };
    volumes: Record<string, unknown>;
  };
  const env = parseEnv(readFileSync(resolve(root, 'config/dev.env')));
  const pg = compose.services.postgres;

  it('runs PostgreSQL 16 with a health check and a named volume', () => {
    expect(pg.image).to.equal('postgres:16');
    expect(pg.healthcheck.test.join(' ')).to.contain('pg_isready');
    const [volumeName, mountPoint] = pg.volumes[0]!.split(':');
    expect(mountPoint).to.equal('/var/lib/postgresql/data');
    expect(compose.volumes).to.have.property(volumeName!);
  });

  it('takes its credentials from config/dev.env, the file the application reads', () => {
    expect(pg.env_file).to.deep.equal(['../config/dev.env']);
    for (const key of ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB']) {
      expect(env[key], key).to.be.a('string').and.have.length.greaterThan(0);
      expect(pg.environment[key]).to.equal(`\${${key}:-${env[key]}}`);
    }
    expect(pg.ports).to.deep.equal([`\${POSTGRES_PORT:-${env.POSTGRES_PORT}}:5432`]);
  });

  it('matches the DATABASE_URL that config/dev.env documents for it', () => {
    const documented = readFileSync(resolve(root, 'config/dev.env'), 'utf8').match(
      /DATABASE_URL=(postgres:\/\/\S+)/,
    )?.[1];
    expect(documented).to.equal(
      `postgres://${env.POSTGRES_USER}:${env.POSTGRES_PASSWORD}@127.0.0.1:${env.POSTGRES_PORT}/${env.POSTGRES_DB}`,
    );
  });
});

describe('Makefile', () => {
  const makefile = readFileSync(resolve(root, 'Makefile'), 'utf8');
  const recipes = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of makefile.split('\n')) {
    const target = /^([a-z][a-z-]*):/.exec(line);
    if (target) recipes.set((current = target[1]!), []);
    else if (line.startsWith('\t') && current) recipes.get(current)!.push(line.trim());
  }

  it('has the targets the project promises, each doing real work', () => {
    const promised = [
      'bootstrap',
      'lint',
      'format',
      'test',
      'migrate',
      'db-up',
      'db-down',
      'clean',
      'generate',
      'load-full',
      'load-incremental',
      'dq',
      'bench',
      'docs',
      'demo',
    ];
    for (const name of promised) {
      const body = recipes.get(name);
      expect(body, `target ${name}`).to.not.equal(undefined);
      expect(
        body!.some((l) => /^(npm\b|\$\(COMPOSE\))/.test(l)),
        `target ${name} calls npm or docker compose`,
      ).to.equal(true);
      expect(
        body!.every((l) => !/^echo\b/.test(l)),
        `target ${name} does not only echo`,
      ).to.equal(true);
    }
  });

  it('calls npm scripts that exist', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: object })
        .scripts,
    );
    for (const [name, body] of recipes) {
      for (const line of body) {
        const script = /^npm (?:run )?([a-z:-]+)/.exec(line)?.[1];
        if (!script || script === 'ci' || script === 'test' || script === 'start') continue;
        expect(scripts, `make ${name} → npm run ${script}`).to.include(script);
      }
    }
  });
});
