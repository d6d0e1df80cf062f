import { Worker } from 'node:worker_threads';

/**
 * What a request thread posts back: one message per batch of answers, so that a thread which serves several
 * queued requests at once (the writer's group commit) answers them together. An error travels as plain data:
 * better-sqlite3's SqliteError is not a built-in error class, and would lose its `code` between threads.
 */
export type ThreadAnswer<Answer> = { id: number; answer: Answer } | { id: number; error: { message: string; code?: string } };

interface Pending<Answer> {
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/**
 * An error as it arrives from a thread's `error` event: a SqliteError thrown there crosses as a plain object
 * holding only its message and code.
 */
function asError(error: unknown, thread: string): Error {
  if (error instanceof Error && error.message) return error;
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const reason = typeof message === 'string' && message ? message : typeof code === 'string' ? code : String(error);
  return Object.assign(new Error(`${thread} failed: ${reason}`), typeof code === 'string' ? { code } : {});
}

const errorFrom = ({ message, code }: { message: string; code?: string }): Error =>
  Object.assign(new Error(message), code ? { code } : {});

/**
 * One worker thread that answers requests, as the store's writer and readers use it. The thread runs `source`
 * (eval'd, so that it runs the same under node, ts-node and jest) and receives `{ id, request }` messages. It
 * starts with the first request; it keeps the process alive only while a request is in flight; a thread that
 * dies rejects every request in flight, and the next request starts a new one; close answers the requests in
 * flight (their callers are owed an answer) before it stops the thread.
 */
export class RequestThread<Request, Answer> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending<Answer>>();
  private nextId = 0;
  private closed = false;
  private drained: (() => void) | undefined;
  /** Messages of answers received so far: for the writer, the groups it committed (or failed). */
  batches = 0;

  constructor(
    private readonly source: string,
    private readonly workerData: Record<string, unknown>,
    /** How errors name the thread, e.g. "the SQLite writer thread". */
    private readonly name: string,
  ) {}

  get inFlight(): number {
    return this.pending.size;
  }

  request(request: Request): Promise<Answer> {
    if (this.closed) return Promise.reject(new Error('The SQLite event store is closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.worker = undefined;
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.source, { eval: true, workerData: this.workerData });
    worker.unref();
    worker.on('message', (answers: ThreadAnswer<Answer>[]) => {
      this.batches += 1;
      for (const answer of answers) {
        const waiting = this.pending.get(answer.id);
        this.pending.delete(answer.id);
        if ('error' in answer) waiting?.reject(errorFrom(answer.error));
        else waiting?.resolve(answer.answer);
      }
      if (this.pending.size === 0) this.settled(worker);
    });
    const fail = (error: unknown): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, { reject }] of this.pending) {
        this.pending.delete(id);
        reject(error);
      }
      this.settled(worker);
    };
    worker.on('error', (error) => fail(asError(error, this.name)));
    worker.on('exit', (code) => fail(new Error(`${this.name} exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settled(worker: Worker): void {
    worker.unref();
    this.drained?.();
    this.drained = undefined;
  }
}
