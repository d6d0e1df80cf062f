import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { REPO_ROOT } from '../proc/child-runtime';
import { peakRssMb, resetPeakRss } from '../proc/proc-status';
import { API_MAIN } from './build-service';
import { serviceEnv } from './service-env';

/**
 * The compiled service as a child process on a profile's DATA_DIR: load generator and service are separate
 * processes, and the service's peak RSS is read from /proc/<pid>/status (reset between phases).
 * Logs stay at the default level (info) and go to /dev/null: request logging is part of a request's cost.
 */

const START_TIMEOUT_MS = 120_000;

export interface ApiSettings {
  dataDir: string;
  secret: string;
  extra?: Record<string, string>;
}

export class ApiProcess {
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
  }

  static async start(settings: ApiSettings): Promise<ApiProcess> {
    const port = await freePort();
    // For profiling a run, e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (bench/README.md).
    const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
      cwd: REPO_ROOT,
      env: serviceEnv({
        DATA_DIR: settings.dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_JWT_SECRET: settings.secret,
        ...settings.extra,
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    await api.waitUntilHealthy();
    return api;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  peakRssMb(): number | undefined {
    return peakRssMb(this.pid);
  }

  /** Starts a new phase: its peak RSS is measured from here. */
  resetPeakRss(): boolean {
    return resetPeakRss(this.pid);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the service exited (${this.child.exitCode}) at start: ${this.stderr.trim()}`);
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`the service was not healthy within ${START_TIMEOUT_MS} ms: ${this.stderr.trim()}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
