import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import type { Profile } from '../profiles';
import { emptyStats, simulate, type SimulationStats } from '../simulation/simulate';
import { type EventRow, toRow } from '../sinks/event-rows';
import { mergeInLogOrder, type RowSource } from './merge-sources';

/**
 * Runs too big to hold at once. A national run keeps some 55,000 cases running, each with the state the
 * domain folds for it - more than a gigabyte. Its families are split into partitions (see Partition), each
 * simulated on its own into a file of rows in log order (the first pass, a partition at a time per thread), and
 * the files are then merged by (recording time, case key) into exactly the log a single pass would have made
 * (the second pass, streaming). Memory is then that of one partition per thread; the price is writing the rows
 * once more, to a temporary file.
 */

// One row per line: JSON text never holds a raw newline or NUL (JSON.stringify escapes control characters).
const FIELD = '\u0000';
const LINE = '\n';
const WRITE_CHUNK_CHARS = 1 << 20;

const line = (row: EventRow): string =>
  `${row.recordAt}${FIELD}${row.key}${FIELD}${row.streamId}${FIELD}${row.revision}${FIELD}${row.event.eventId}${FIELD}` +
  `${row.event.type}${FIELD}${row.event.dataJson}${FIELD}${row.event.metadataJson}${LINE}`;

const parseLine = (text: string): EventRow => {
  const f = text.split(FIELD);
  return {
    recordAt: Number(f[0]),
    key: Number(f[1]),
    streamId: f[2],
    revision: Number(f[3]),
    event: { eventId: f[4], type: f[5], dataJson: f[6], metadataJson: f[7] },
  };
};

/** The first pass for one partition: its rows, in log order, into `file`. */
export function spillPartition(
  profile: Profile,
  seed: number,
  partition: { part: number; parts: number },
  file: string,
  /** Events simulated so far, and the recording time of the last one. */
  onProgress?: (events: number, recordAt: number) => void,
): SimulationStats {
  const stats = emptyStats();
  const fd = openSync(file, 'w');
  try {
    let pending: string[] = [];
    let chars = 0;
    let last = 0;
    const flush = (): void => {
      writeSync(fd, pending.join(''));
      pending = [];
      chars = 0;
      onProgress?.(stats.events, last);
    };
    for (const generated of simulate(profile, seed, { partition, stats })) {
      last = generated.recordAt;
      const text = line(toRow(generated));
      pending.push(text);
      chars += text.length;
      if (chars >= WRITE_CHUNK_CHARS) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return stats;
}

/** The rows of one spilled file, parsed as they are needed. */
class RowFile implements RowSource {
  rows: EventRow[] = [];
  index = 0;
  done = false;
  private rest = '';
  private readonly chunks: AsyncIterator<string>;

  constructor(file: string) {
    this.chunks = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  }

  get empty(): boolean {
    return this.index >= this.rows.length;
  }

  async fill(): Promise<void> {
    for (;;) {
      const next = await this.chunks.next();
      if (next.done) {
        this.done = true;
        this.rows = this.rest === '' ? [] : [parseLine(this.rest)];
        this.index = 0;
        this.rest = '';
        return;
      }
      const text = this.rest + (next.value as string);
      const end = text.lastIndexOf(LINE);
      if (end < 0) {
        this.rest = text;
        continue;
      }
      this.rest = text.slice(end + 1);
      this.rows = text.slice(0, end).split(LINE).map(parseLine);
      this.index = 0;
      return;
    }
  }
}

/** The second pass: the files' rows merged into log order, in chunks. */
export const mergeRowFiles = (files: readonly string[], chunkSize = 4000): AsyncGenerator<EventRow[]> =>
  mergeInLogOrder(files.map((file) => new RowFile(file)), chunkSize);
