import { type Figure, type FigureSpec, measurable, medianFigure } from '../report/figures';
import { spreadOf } from '../stats/percentiles';
import type { AdapterRun, StoreRun, StoreWorkloadOutcome } from './run-store-workload';
import type { WorkloadShape } from './shape';
import type { Memory, StoreAdapter } from './workload.child';

/** The store workload's runs as figures: medians with min-max, rates beside the raw SQLite limit as ratios. */

const ADAPTER_LABEL: Record<StoreAdapter, string> = {
  sqlite: 'SQLite adapter',
  esdb: 'ESDB client + gRPC double',
};

const ADAPTER_METHOD: Record<StoreAdapter, string> = {
  sqlite:
    'SqliteEventStore (libs/event-store/src/sqlite) on a file in a fresh temp dir, the service\'s defaults (WAL, synchronous=FULL)',
  esdb:
    'EsdbEventStore (libs/event-store/src/esdb) with @eventstore/db-client 6.2.1 over real gRPC (BatchAppend advertised) to the ' +
    'test double test/esdb-double in a separate process: CLIENT + gRPC DOUBLE, NOT an EventStoreDB server (in-memory log, no disk, no server work); ' +
    'client defaults except keepAliveTimeout=120000 (the double stalls its event loop while it serialises a read)',
};

function describeShape(shape: WorkloadShape): { w1: string; w2: string; runs: string } {
  const w1Appends = (shape.w1Streams * shape.eventsPerStream).toLocaleString('en');
  const w2Events = (shape.w2Streams * shape.eventsPerStream).toLocaleString('en');
  return {
    w1: `${shape.w1Streams.toLocaleString('en')} streams x ${shape.eventsPerStream} events = ${w1Appends} single-event appends`,
    w2: `${shape.w2Streams.toLocaleString('en')} streams x ${shape.eventsPerStream} events = ${w2Events} events`,
    runs: `median of ${shape.runs} run(s), each on a fresh store in its own child process (min-max over runs); shape ${shape.label}`,
  };
}

export function storeFigures(outcome: StoreWorkloadOutcome, shape: WorkloadShape): Figure[] {
  const { runs } = outcome;
  const text = describeShape(shape);
  const note = `${shape.runs === 1 ? '1 run' : `median of ${shape.runs} runs`}, fresh store${shape.runs === 1 ? ' (smoke scale)' : ''}`;
  const spec = (key: string, label: string, unit: string, method: string, tableNote = note): FigureSpec => ({
    key: `store.${key}`,
    part: 'store',
    label,
    unit,
    note: tableNote,
    method: `${method}; ${text.runs}`,
  });
  const over = (pick: (run: StoreRun) => number | undefined): number[] => runs.map(pick).filter(measurable);
  const figures: Figure[] = [];
  const push = (s: FigureSpec, values: number[]): void => {
    if (values.length > 0) figures.push(medianFigure(s, values));
  };

  const rawMethod = `one SQLite table (autoincrement position, stream, revision, unique event id, type, data, metadata, unique (stream, revision)), WAL, synchronous=FULL, better-sqlite3 prepared statements`;
  push(spec('raw.insert.rowsPerSecond', 'raw SQLite insert (the limit)', 'rows/s', `W2's rows (${text.w2}) inserted in transactions of ${shape.rawTransactionRows.toLocaleString('en')}, rows / time inside the transactions (rows built and stringified before); ${rawMethod}`), over((r) => r.raw.insert.perSecond));
  push(spec('raw.read.rowsPerSecond', 'raw SQLite read (the limit)', 'rows/s', `the same rows read back in position order (pages of 10,000) with JSON.parse of data and metadata and W3's per-stream fold, wall time; ${rawMethod}`), over((r) => r.raw.read.perSecond));
  push(spec('raw.peakRssMb', 'raw SQLite insert+read peak RSS', 'MiB', 'VmHWM of the child process, reset before the insert and before the read; the larger of the two'), over((r) => Math.max(r.raw.insertMemory.peakRssMb, r.raw.readMemory.peakRssMb)));

  for (const adapter of ['sqlite', 'esdb'] as const) {
    const label = ADAPTER_LABEL[adapter];
    const how = ADAPTER_METHOD[adapter];
    const a = (r: StoreRun) => r.adapters[adapter];
    const w1 = `W1 of shared/notes/store-workload.md: ${text.w1}, each awaited, with the expected revision, round-robin over the streams; ${how}`;
    const w2 = `W2: ${text.w2}, one appendToStream per stream expecting no stream; events / time inside appendToStream (event construction excluded); ${how}`;
    const w3a = `W3 (a) right after W2 on the same store: readStream of each of the ${shape.w2Streams.toLocaleString('en')} streams, folded into {count per type, last date, event count}; events / wall time incl. the fold; ${how}`;
    const w3b = `W3 (b): readAll of the whole log in global order, folded per stream the same way, positions checked to increase; events / wall time incl. the fold; ${how}`;
    push(spec(`${adapter}.w1.appendsPerSecond`, `${label} W1 single appends`, 'appends/s', `${w1}; appends / time inside appendToStream (event construction excluded)`), over((r) => a(r).w1.appends.perSecond));
    push(spec(`${adapter}.w1.p50Ms`, `${label} W1 append latency p50`, 'ms', `${w1}; nearest-rank p50 of per-append hrtime latencies`), over((r) => a(r).w1.latencyMs.p50));
    push(spec(`${adapter}.w1.p99Ms`, `${label} W1 append latency p99`, 'ms', `${w1}; nearest-rank p99 of per-append hrtime latencies`), over((r) => a(r).w1.latencyMs.p99));
    push(spec(`${adapter}.w2.eventsPerSecond`, `${label} W2 batched appends`, 'events/s', w2), over((r) => a(r).w2w3.w2.perSecond));
    push(spec(`${adapter}.w3a.eventsPerSecond`, `${label} W3a read per stream`, 'events/s', w3a), over((r) => a(r).w2w3.w3a.perSecond));
    push(spec(`${adapter}.w3b.eventsPerSecond`, `${label} W3b read all`, 'events/s', w3b), over((r) => a(r).w2w3.w3b.perSecond));

    const ratioNote = 'per-run ratio to raw SQLite, median';
    push(spec(`${adapter}.w1.vsRawInsert`, `${label} W1 / raw insert`, 'ratio', `W1 appends/s divided by the raw SQLite insert rows/s of the same run`, ratioNote), over((r) => a(r).w1.appends.perSecond / r.raw.insert.perSecond));
    push(spec(`${adapter}.w2.vsRawInsert`, `${label} W2 / raw insert`, 'ratio', `W2 events/s divided by the raw SQLite insert rows/s of the same run`, ratioNote), over((r) => a(r).w2w3.w2.perSecond / r.raw.insert.perSecond));
    push(spec(`${adapter}.w3a.vsRawRead`, `${label} W3a / raw read`, 'ratio', `W3a events/s divided by the raw SQLite read rows/s of the same run`, ratioNote), over((r) => a(r).w2w3.w3a.perSecond / r.raw.read.perSecond));
    push(spec(`${adapter}.w3b.vsRawRead`, `${label} W3b / raw read`, 'ratio', `W3b events/s divided by the raw SQLite read rows/s of the same run`, ratioNote), over((r) => a(r).w2w3.w3b.perSecond / r.raw.read.perSecond));

    const rss = (workload: string, baselines: number[]) =>
      `VmHWM of the workload's own child process on plain node (client side), reset right before ${workload}; ` +
      `it held a median ${spreadOf(baselines).median.toFixed(0)} MiB (node, modules, client) when ${workload} began`;
    const memory = (pick: (run: AdapterRun) => Memory) => ({
      peaks: runs.map((r) => pick(a(r)).peakRssMb).filter(measurable),
      baselines: runs.map((r) => pick(a(r)).baselineRssMb).filter(measurable),
    });
    for (const [key, workload, pick] of [
      ['w1', 'W1', (run: AdapterRun) => run.w1.memory],
      ['w2', 'W2', (run: AdapterRun) => run.w2w3.w2Memory],
      ['w3', 'W3 (a and b)', (run: AdapterRun) => run.w2w3.w3Memory],
    ] as const) {
      const { peaks, baselines } = memory(pick);
      if (baselines.length > 0) push(spec(`${adapter}.${key}.peakRssMb`, `${label} ${workload.split(' ')[0]} peak RSS`, 'MiB', rss(workload, baselines)), peaks);
    }
  }
  push(spec('esdb.double.w2w3.peakRssMb', 'gRPC double process peak RSS (W2+W3)', 'MiB', 'VmHWM of the test double\'s own process after W2+W3 (its in-memory log of the whole workload); a double, not a server'), over((r) => r.adapters.esdb.doublePeakRssMb?.w2w3));
  return figures;
}
