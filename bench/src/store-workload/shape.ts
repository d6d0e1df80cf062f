/**
 * The fixed store workload of /work/shared/notes/store-workload.md (W1-W3). Other stores were measured on exactly
 * this shape, so the numbers below are the note's and must stay as they are; only --smoke scales the stream
 * counts down (and says so in every figure), to keep CI short.
 */

export interface WorkloadShape {
  /** W1: streams x eventsPerStream single appends. */
  w1Streams: number;
  /** W2/W3: streams x eventsPerStream events, one append per stream. */
  w2Streams: number;
  eventsPerStream: number;
  /** Runs of each workload, each on a fresh store. */
  runs: number;
  /** Rows per transaction of the raw SQLite insert. */
  rawTransactionRows: number;
  /** What the figures say about the shape: as in the note, or the smoke's reduction. */
  label: string;
}

export const NOTE_SHAPE: WorkloadShape = {
  w1Streams: 2_000,
  w2Streams: 20_000,
  eventsPerStream: 15,
  runs: 3,
  rawTransactionRows: 10_000,
  label: 'as in the note',
};

export const SMOKE_SHAPE: WorkloadShape = {
  w1Streams: 50,
  w2Streams: 500,
  eventsPerStream: 15,
  runs: 1,
  rawTransactionRows: 10_000,
  label: 'SMOKE: 1/40 of the note, 1 run; not comparable',
};

/** Event i (0-based) of a stream has type i mod 5 of these. */
export const WORKLOAD_EVENT_TYPES = ['MeasureImposed', 'GuardianAssigned', 'PlanAgreed', 'HelpStarted', 'Waitlisted'] as const;

export const DATA_BYTES = 250;
export const METADATA_BYTES = 300;
