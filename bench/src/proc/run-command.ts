import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './child-runtime';

export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Highest VmHWM among the node processes of the command, npm itself left out; undefined if none reported. */
  peakRssMb?: number;
}

const PEAK_HOOK = resolve(__dirname, 'peak-rss-at-exit.js');

/**
 * Runs a CLI to the end (e.g. `npm run generate`) with every node process in it reporting its peak RSS at exit
 * (peak-rss-at-exit.js), because npm puts a shell and a node process between the bench and the CLI.
 */
export async function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CommandRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-peak-'));
  const peakFile = join(scratch, 'peaks.jsonl');
  const started = process.hrtime.bigint();
  try {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: {
        ...env,
        NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${PEAK_HOOK}`.trim(),
        BENCH_PEAK_RSS_FILE: peakFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise<number>((resolveExit, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolveExit(code ?? (signal ? 128 : 1)));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { exitCode, stdout, stderr, seconds, peakRssMb: peakOf(peakFile) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function peakOf(file: string): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
  const peaks = lines
    .map((line) => JSON.parse(line) as { script: string; peakKb: number })
    .filter((entry) => !/[\\/]npm[\\/]|npm-cli/.test(entry.script))
    .map((entry) => entry.peakKb / 1024);
  return peaks.length > 0 ? Math.max(...peaks) : undefined;
}

/** The last non-empty line a CLI printed: the summary line of the generator and the rebuild. */
export const lastLine = (text: string): string => text.trim().split('\n').filter(Boolean).pop() ?? '';
