import { Worker } from 'node:worker_threads';
import { lowerThreadPriority, threadNiceness } from './thread-priority';

// The thread's niceness is the kernel's per-task value: only on Linux can one thread of a process be niced.
const onLinux = process.platform === 'linux' ? it : it.skip;
if (process.platform !== 'linux') console.log('thread-priority: not Linux, where a thread cannot be niced alone; skipped');

describe('lowerThreadPriority', () => {
  onLinux('nices the thread that calls it, not the rest of the process', async () => {
    const before = threadNiceness();
    const seen = await new Promise<{ result: string; niceness: number | undefined }>((resolve, reject) => {
      const worker = new Worker(
        `
        require('ts-node').register({ transpileOnly: true });
        const { parentPort } = require('node:worker_threads');
        const { lowerThreadPriority, threadNiceness } = require(${JSON.stringify(require.resolve('./thread-priority'))});
        const result = lowerThreadPriority(7);
        parentPort.postMessage({ result, niceness: threadNiceness() });
        `,
        { eval: true },
      );
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(seen).toEqual({ result: 'niceness 7', niceness: 7 });
    expect(threadNiceness()).toBe(before);
  });

  it('reports what it could not do instead of throwing', () => {
    // A niceness out of range is refused by the OS (or, off Linux, there is no thread id to nice).
    expect(lowerThreadPriority(1000)).toMatch(/^unchanged/);
  });
});
