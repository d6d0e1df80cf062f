import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { idleThreadIo, lowerThreadPriority, threadNiceness } from './thread-priority';

// The thread's niceness is the kernel's per-task value: only on Linux can one thread of a process be niced.
const onLinux = process.platform === 'linux' ? it : it.skip;
if (process.platform !== 'linux') console.log('thread-priority: not Linux, where a thread cannot be niced alone; skipped');

/** Runs `code` (which sets `result`) in a worker thread; answers with the result and the thread's niceness. */
function inWorker(code: string): Promise<{ result: unknown; niceness: number | undefined }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(
      `
      require('ts-node').register({ transpileOnly: true });
      const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      const { idleThreadIo, lowerThreadPriority, threadNiceness } = require(${JSON.stringify(require.resolve('./thread-priority'))});
      let result;
      ${code}
      parentPort.postMessage({ result, niceness: threadNiceness() });
      `,
      { eval: true },
    );
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** A task's I/O class as util-linux's ionice prints it ('idle', 'best-effort: prio 4', 'none: prio 4', ...). */
const ioClassOf = (taskId: number | string): string => execFileSync('ionice', ['-p', String(taskId)], { encoding: 'utf8' }).trim();
const ownTaskId = () => readlinkSync('/proc/thread-self').split('/').pop() as string;

describe('lowerThreadPriority', () => {
  onLinux('nices the thread that calls it, not the rest of the process', async () => {
    const before = threadNiceness();
    const seen = await inWorker('result = lowerThreadPriority(7);');
    expect(seen).toMatchObject({ result: 'niceness 7', niceness: 7 });
    expect(threadNiceness()).toBe(before);
  });

  it('reports what it could not do instead of throwing', () => {
    // A niceness out of range is refused by the OS (or, off Linux, there is no thread id to nice).
    expect(lowerThreadPriority(1000)).toMatch(/^unchanged/);
  });
});

describe('idleThreadIo', () => {
  // CI runs on Linux with util-linux; elsewhere the thread keeps its class and the function says so.
  onLinux('puts the thread that calls it, not the rest of the process, in the idle I/O class', async () => {
    const before = ioClassOf(ownTaskId());
    expect(before).not.toBe('idle');
    const seen = await inWorker('result = idleThreadIo();');
    expect(seen.result).toBe('idle I/O class');
    // A worker's task id ends with it, so its class is read from inside (ionice -p on its own task id).
    const again = await inWorker(`idleThreadIo(); result = require('node:child_process').execFileSync('ionice', ['-p', readlinkSync('/proc/thread-self').split('/').pop()], { encoding: 'utf8' }).trim();`);
    expect(again.result).toBe('idle');
    expect(ioClassOf(ownTaskId())).toBe(before);
  });

  it('reports what it could not do instead of throwing', () => {
    expect(idleThreadIo('/nonexistent/ionice')).toMatch(/^unchanged \(.*ENOENT/);
  });
});
