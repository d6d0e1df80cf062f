import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's priority (raises its niceness) where the OS lets one thread be niced: on Linux a
 * thread is a task with its own id, read from /proc/thread-self. Elsewhere nothing changes. Either way it is
 * only a preference to the scheduler, and only under contention: an idle core runs the thread at full speed.
 * Returns what it did, for the log.
 */
export function lowerThreadPriority(niceness: number): string {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return 'unchanged (no thread id)';
    setPriority(threadId, niceness);
    return `niceness ${niceness}`;
  } catch (error) {
    return `unchanged (${(error as Error).message})`;
  }
}

/** The calling thread's niceness as the kernel reports it (Linux), or undefined. */
export function threadNiceness(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[16]);
  } catch {
    return undefined;
  }
}
