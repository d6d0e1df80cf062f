import { type EventRow, rowBefore } from '../sinks/event-rows';

/** Rows of one partition in log order, buffered a batch at a time (a worker's replies, or a spill file). */
export interface RowSource {
  rows: EventRow[];
  index: number;
  /** No more rows will come after those buffered. */
  done: boolean;
  readonly empty: boolean;
  /** Buffers the next batch, or sets done. */
  fill(): Promise<void>;
}

/**
 * The sources' rows merged into log order (each source is in log order already), in chunks. A merge stops at a
 * source that ran dry but may have more rows: it must be refilled before the next comparison.
 */
export async function* mergeInLogOrder(sources: readonly RowSource[], chunkSize = 4000): AsyncGenerator<EventRow[]> {
  for (;;) {
    for (const source of sources) if (source.empty && !source.done) await source.fill();
    const out: EventRow[] = [];
    merging: while (out.length < chunkSize) {
      let best: RowSource | undefined;
      for (const source of sources) {
        if (source.empty) {
          if (!source.done) break merging;
        } else if (!best || rowBefore(source.rows[source.index], best.rows[best.index])) {
          best = source;
        }
      }
      if (!best) break;
      out.push(best.rows[best.index++]);
    }
    if (out.length > 0) yield out;
    else if (sources.every((source) => source.done && source.empty)) return;
  }
}
