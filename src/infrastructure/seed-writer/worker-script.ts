import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

/** The JavaScript file a worker thread runs, and how to clean up after it. */
export interface WorkerScript {
  readonly path: string;
  dispose(): void;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s+|\brequire\()\s*'([^']+)'/g;

function resolveSource(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')])
    if (existsSync(candidate)) return candidate;
  return undefined;
}

interface TypeScriptApi {
  transpileModule(
    source: string,
    options: { compilerOptions: Record<string, unknown>; fileName: string },
  ): { outputText: string };
  ModuleKind: { CommonJS: unknown };
  ScriptTarget: { ES2022: unknown };
}

/**
 * The worker entry as JavaScript. From compiled output it is the `.js` file itself. From
 * TypeScript sources (ts-node) the entry's module graph is transpiled once into a temporary
 * folder, so worker threads do not each load the TypeScript compiler (seconds of start-up and
 * about 100 MB per thread). Returns undefined when the graph imports a package, which a
 * temporary folder could not resolve (the caller then registers ts-node in the worker).
 */
export function workerScript(entry: string): WorkerScript | undefined {
  if (!entry.endsWith('.ts')) return { path: entry, dispose: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as TypeScriptApi;
  const root = resolve(dirname(entry), '../../..');
  const out = mkdtempSync(join(tmpdir(), 'aca-seed-worker-'));
  const queue = [entry];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1];
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        rmSync(out, { recursive: true, force: true });
        return undefined;
      }
      const dependency = resolveSource(file, specifier);
      if (dependency && !seen.has(dependency)) {
        seen.add(dependency);
        queue.push(dependency);
      }
    }
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: file,
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return {
    path: join(out, relative(root, entry)).replace(/\.ts$/, '.js'),
    dispose: () => rmSync(out, { recursive: true, force: true }),
  };
}
