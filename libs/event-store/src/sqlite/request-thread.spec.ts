import { RequestThread } from './request-thread';

/**
 * A thread that echoes numbers, answers every request queued behind the first in the same message, refuses a
 * negative number with a coded error, and exits on 'die'.
 */
const ECHO_SOURCE = `
const { parentPort, receiveMessageOnPort } = require('node:worker_threads');
const answer = ({ id, request }) => {
  if (request === 'die') process.exit(3);
  if (request < 0) return { id, error: { message: 'negative: ' + request, code: 'E_NEGATIVE' } };
  return { id, answer: request * 2 };
};
parentPort.on('message', (first) => {
  const batch = [first];
  for (let next; (next = receiveMessageOnPort(parentPort)); ) batch.push(next.message);
  parentPort.postMessage(batch.map(answer));
});
`;

describe('RequestThread (the writer and reader threads of the SQLite store)', () => {
  let thread: RequestThread<number | 'die', number>;
  beforeEach(() => (thread = new RequestThread(ECHO_SOURCE, {}, 'the echo thread')));
  afterEach(() => thread.close());

  it('answers each request by its id, also when the thread answers several in one message', async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => thread.request(n)));

    expect(answers).toEqual([2, 4, 6, 8, 10, 12]);
    expect(thread.batches).toBeGreaterThanOrEqual(1);
    expect(thread.batches).toBeLessThan(6);
    expect(thread.inFlight).toBe(0);
  });

  it('rejects a request the thread answers with an error, keeping its code, and answers the others', async () => {
    const [refused, answered] = await Promise.allSettled([thread.request(-1), thread.request(7)]);

    expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'negative: -1', code: 'E_NEGATIVE' } });
    expect(answered).toEqual({ status: 'fulfilled', value: 14 });
  });

  it('rejects the requests in flight when the thread dies, and starts a new thread for the next', async () => {
    await expect(thread.request('die')).rejects.toThrow('the echo thread exited (3)');

    await expect(thread.request(21)).resolves.toBe(42);
  });

  it('answers the requests in flight before it closes, and refuses later ones', async () => {
    const inFlight = thread.request(5);
    await thread.close();

    await expect(inFlight).resolves.toBe(10);
    await expect(thread.request(6)).rejects.toThrow('closed');
  });
});
