import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The worker threads' code as plain JavaScript. Under ts-node (the npm scripts, jest) a worker would have to load
 * TypeScript itself to run .ts files: seconds of start-up and some hundred megabytes per thread, which a national
 * run cannot spare. So the thread that starts the workers transpiles their module graph once - each file on its
 * own, as ts-node's transpile-only mode does - into a temporary directory, with the imports pointed at the
 * transpiled files and the packages at their installed paths.
 */
const ROOT = resolve(__dirname, '../../..');

/** The tsconfig path aliases: @app/<lib> and @app/<lib>/<path> live in libs/<lib>/src. */
const aliased = (specifier: string): string | undefined => {
  const match = /^@app\/([^/]+)(\/.*)?$/.exec(specifier);
  return match ? join(ROOT, 'libs', match[1], 'src', match[2] ?? '') : undefined;
};

const asSourceFile = (base: string): string | undefined =>
  [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));

const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier);

/**
 * Each source file's transpiled JavaScript, for every entry of this process: a module two entries share is
 * transpiled once, to one path, so a worker that loads both entries loads it once.
 */
const compiled = new Map<string, string>();
let out: string | undefined;

/** The path of the entry's transpiled JavaScript (made once per process; removed when the process exits). */
export function compileWorkerCode(entry: string): string {
  // Loaded only here, where ts-node (or ts-jest) has loaded it already.
  const ts = require('typescript') as typeof import('typescript');
  if (out === undefined) {
    const directory = mkdtempSync(join(tmpdir(), 'worker-js-'));
    process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
    out = directory;
  }
  const into = out;
  const compile = (file: string): string => {
    const known = compiled.get(file);
    if (known) return known;
    const target = join(into, relative(ROOT, file)).replace(/\.ts$/, '.js');
    compiled.set(file, target);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    });
    const code = outputText.replace(/require\("([^"]+)"\)/g, (call, specifier: string) => {
      if (isBuiltin(specifier)) return call;
      const local = aliased(specifier) ?? (specifier.startsWith('.') ? resolve(dirname(file), specifier) : undefined);
      const source = local && asSourceFile(local);
      const path = source ? compile(source) : require.resolve(specifier, { paths: [ROOT] });
      return `require(${JSON.stringify(path)})`;
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
    return target;
  };
  return compile(entry);
}
