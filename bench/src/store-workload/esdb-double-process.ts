import type { ChildRuntime } from '../proc/child-runtime';
import { peakRssMb } from '../proc/proc-status';

export interface DoubleProcess {
  connectionString: string;
  /** How the double's process ended, if it ended before stop(): a workload failure then names the cause. */
  died(): string | undefined;
  /** Reads the double's peak RSS, then ends it. */
  stop(): Promise<{ peakRssMb?: number }>;
}

/**
 * The double answers a read by serialising every event in one synchronous loop, so on a busy machine its event
 * loop can miss the client's keepalive pings for longer than the client's default 10 s timeout, and the client
 * drops the connection mid-read (UNAVAILABLE). A server streams with back-pressure and does not stall like
 * that; the bench gives the client a longer keepalive timeout instead of measuring the double's stall.
 */
const CLIENT_SETTINGS = 'keepAliveTimeout=120000';

/** A fresh double (an empty log) in its own process, for one workload run. */
export async function startDoubleProcess(runtime: ChildRuntime): Promise<DoubleProcess> {
  const child = runtime.start('bench/src/store-workload/esdb-double.host.ts', 'ignore');
  let ended: string | undefined;
  const exited = new Promise<void>((resolveExit) =>
    child.once('exit', (code, signal) => {
      ended = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolveExit();
    }),
  );
  const connectionString = await new Promise<string>((resolveStart, reject) => {
    child.once('message', (message: { connectionString: string }) => resolveStart(message.connectionString));
    child.once('exit', (code) => reject(new Error(`the esdb double exited (${code}) before it listened`)));
  });
  let stopping = false;
  return {
    connectionString: `${connectionString}&${CLIENT_SETTINGS}`,
    died: () => (stopping ? undefined : ended),
    stop: async () => {
      stopping = true;
      const peak = peakRssMb(child.pid as number);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      return { peakRssMb: peak };
    },
  };
}
