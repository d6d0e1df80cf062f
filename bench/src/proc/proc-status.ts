import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Resident memory from /proc (Linux only): VmHWM is the peak resident set size of a process, the figure the
 * bench reports as "peak RSS". It only grows, so a process that lives through several phases has its peak
 * reset between them (clear_refs "5", Linux 4.0+), which makes each phase's figure its own.
 */

const KB_PER_MB = 1024;

function statusField(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / KB_PER_MB : undefined;
  } catch {
    return undefined; // the process is gone, or this is not Linux
  }
}

/** Peak RSS in MiB, or undefined when it cannot be read. */
export const peakRssMb = (pid: number | 'self' = 'self'): number | undefined => statusField(pid, 'VmHWM');

export const currentRssMb = (pid: number | 'self' = 'self'): number | undefined => statusField(pid, 'VmRSS');

/** Resets the peak to the current RSS; false when the kernel refuses (then the peak spans earlier phases too). */
export function resetPeakRss(pid: number | 'self' = 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
