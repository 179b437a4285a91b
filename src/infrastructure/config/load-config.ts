import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { validateSync } from 'class-validator';
import { AppConfig, INTEGER_SETTINGS } from './app-config';

export class ConfigError extends Error {}

/**
 * Reads `config/dev.env` (committed safe defaults), then `.env` (local overrides, ignored by
 * git), then the process environment, later sources winning; validates the result.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): AppConfig {
  const merged: Record<string, string | undefined> = {
    ...readEnvFile(resolve(root, 'config/dev.env')),
    ...readEnvFile(resolve(root, '.env')),
    ...env,
  };
  const config = new AppConfig();
  const target = config as unknown as Record<string, unknown>;
  for (const key of Object.keys(config).concat('DATABASE_URL')) {
    const raw = merged[key];
    if (raw === undefined || raw === '') continue;
    target[key] =
      INTEGER_SETTINGS.includes(key as keyof AppConfig) && /^-?\d+$/.test(raw.trim())
        ? Number(raw)
        : raw.trim();
  }
  const errors = validateSync(config);
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const shown =
        e.property === 'DATABASE_URL' ? maskDatabaseUrl(String(e.value)) : String(e.value);
      return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

function readEnvFile(path: string): Record<string, string> {
  return existsSync(path) ? parse(readFileSync(path)) : {};
}

/** Replaces the password of a connection string so it can be logged. */
export function maskDatabaseUrl(url: string | undefined): string {
  if (!url) return '(embedded PGlite)';
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

const CONNECTION_STRING = /postgres(?:ql)?:\/\/[^\s"']+/g;

/** Masks the password of every connection string inside a free text (errors, log lines). */
export function maskSecrets(text: string): string {
  return text.replace(CONNECTION_STRING, (url) => maskDatabaseUrl(url));
}
