import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Bench work that must have a process of its own - so that its peak RSS is its own and a crash or a leak stays
 * there - is compiled once per bench run (bench/tsconfig.children.json, emit only) and forked on plain node.
 * A TypeScript loader in each child would add about 90 MiB to every peak RSS reported and seconds to each start.
 * Path aliases (@app/...) resolve through tsconfig-paths with the compiled tree as base URL.
 */

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

type Reply<R> = { ok: true; result: R } | { ok: false; error: string };

export interface ForkedTask<R> {
  pid: number;
  result: Promise<R>;
}

export class ChildRuntime {
  private constructor(private readonly outDir: string) {}

  static async compile(): Promise<ChildRuntime> {
    const outDir = mkdtempSync(join(tmpdir(), 'bench-children-'));
    const tsc = require.resolve('typescript/bin/tsc');
    const code = await new Promise<number>((resolveExit, reject) => {
      const child = spawn(process.execPath, [tsc, '-p', 'bench/tsconfig.children.json', '--outDir', outDir], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('close', (exitCode) => resolveExit(exitCode ?? 1));
    });
    if (code !== 0) {
      rmSync(outDir, { recursive: true, force: true });
      throw new Error(`compiling the bench's child processes failed (tsc exit ${code})`);
    }
    return new ChildRuntime(outDir);
  }

  /** Starts a compiled child; `entry` is the TypeScript source path relative to the repository root. */
  start(entry: string, stdout: 'inherit' | 'ignore' = 'inherit'): ChildProcess {
    return fork(join(this.outDir, entry.replace(/\.ts$/, '.js')), [], {
      cwd: REPO_ROOT,
      // --expose-gc: a child collects garbage before it takes the baseline of a measurement.
      execArgv: ['--expose-gc', '-r', 'tsconfig-paths/register'],
      env: { ...process.env, TS_NODE_BASEURL: this.outDir, NODE_PATH: join(REPO_ROOT, 'node_modules') },
      stdio: ['ignore', stdout, 'inherit', 'ipc'],
    });
  }

  /** Sends one task to a fresh child and resolves with its one answer. */
  run<T, R>(entry: string, task: T, options: { timeoutMs?: number } = {}): ForkedTask<R> {
    const child = this.start(entry);
    const result = new Promise<R>((resolveResult, reject) => {
      let reply: Reply<R> | undefined;
      const timer = options.timeoutMs
        ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
        : undefined;
      child.on('message', (message: Reply<R>) => (reply = message));
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (reply?.ok) resolveResult(reply.result);
        else if (reply) reject(new Error(`${entry}: ${reply.error}`));
        else reject(new Error(`${entry} exited (${signal ?? code}) without an answer${signal === 'SIGKILL' ? `, killed after ${options.timeoutMs} ms` : ''}`));
      });
    });
    child.send(task as object);
    return { pid: child.pid as number, result };
  }

  dispose(): void {
    rmSync(this.outDir, { recursive: true, force: true });
  }
}

/** The child's side: waits for the task, answers with `work`'s result (or its error). */
export function serveChildTask<T, R>(work: (task: T) => Promise<R>): void {
  process.once('message', (task: T) => {
    work(task).then(
      (result) => answer({ ok: true, result }),
      (error: unknown) => answer({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

// Exits rather than waiting for the event loop to drain: a socket or timer left open by the work must not hold
// the bench up, and the answer (with the peak RSS measured inside) has been delivered.
function answer<R>(reply: Reply<R>): void {
  process.send?.(reply, () => process.exit(reply.ok ? 0 : 1));
}
