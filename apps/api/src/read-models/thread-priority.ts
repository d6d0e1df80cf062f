import { execFileSync } from 'node:child_process';
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
    const threadId = currentThreadId();
    if (threadId === undefined) return 'unchanged (no thread id)';
    setPriority(threadId, niceness);
    return `niceness ${niceness}`;
  } catch (error) {
    return `unchanged (${(error as Error).message})`;
  }
}

/**
 * Puts the calling thread's disk reads and writes in the idle I/O class: the block layer serves them when no
 * other I/O waits (the mq-deadline and BFQ schedulers honour the class; mq-deadline still serves a request
 * that has waited ~10 s, so the thread is delayed, never starved). Linux has no call for it in Node, so the
 * util-linux `ionice` sets it, once; where that fails (another OS, no ionice) nothing changes. Returns what it
 * did, for the log.
 */
export function idleThreadIo(ionice = 'ionice'): string {
  try {
    const threadId = currentThreadId();
    if (threadId === undefined) return 'unchanged (no thread id)';
    execFileSync(ionice, ['-c', '3', '-p', String(threadId)], { stdio: 'ignore', timeout: 5_000 });
    return 'idle I/O class';
  } catch (error) {
    return `unchanged (${(error as Error).message.split('\n')[0]})`;
  }
}

/** The calling thread's task id on Linux (/proc/thread-self), or undefined. */
function currentThreadId(): number | undefined {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  return Number.isInteger(threadId) && threadId > 0 ? threadId : undefined;
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
