/**
 * How far the in-process projection fell behind a load run, and how long it took to catch up: the other side
 * of giving requests the cores and the disk first (apps/api/src/read-models/projection-thread.ts). Read from
 * GET /health, which states the runner's lag as any operator sees it.
 */

export interface ReadModelLag {
  /** readModels.secondsBehind when the load stopped: age of the oldest event not yet in the read models. */
  secondsBehindAtEnd: number;
  /** readModels.eventsBehind then (counted up to the status reader's cap). */
  eventsBehindAtEnd: number;
  /** From the load's end until /health said caught up (polled every POLL_MS). */
  catchUpSeconds: number;
}

interface ReadModelsHealth {
  secondsBehind: number;
  eventsBehind: number;
  caughtUp: boolean;
}

const POLL_MS = 100;
const CATCH_UP_TIMEOUT_MS = 300_000;

async function readModelsHealth(url: string): Promise<ReadModelsHealth> {
  const response = await fetch(`${url}/health`);
  const body = (await response.json()) as { info?: { readModels?: ReadModelsHealth }; error?: { readModels?: ReadModelsHealth } };
  const readModels = body.info?.readModels ?? body.error?.readModels;
  if (readModels === undefined || typeof readModels.caughtUp !== 'boolean') throw new Error(`GET /health answered ${response.status} without readModels`);
  return readModels;
}

/** Call right after a load run ends: waits until the read models hold every event appended. */
export async function awaitReadModels(url: string): Promise<ReadModelLag> {
  const started = performance.now();
  const atEnd = await readModelsHealth(url);
  let health = atEnd;
  while (!health.caughtUp) {
    if (performance.now() - started > CATCH_UP_TIMEOUT_MS) throw new Error(`the read models did not catch up within ${CATCH_UP_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    health = await readModelsHealth(url);
  }
  return {
    secondsBehindAtEnd: atEnd.secondsBehind,
    eventsBehindAtEnd: atEnd.eventsBehind,
    catchUpSeconds: atEnd.caughtUp ? 0 : (performance.now() - started) / 1000,
  };
}
