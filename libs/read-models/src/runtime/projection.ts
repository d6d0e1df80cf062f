import type { Transaction } from 'kysely';
import type { StoredEvent } from '@app/event-store';
import type { ReadModelSchema, ReadModelTableName } from '../database/read-model-schema';

/**
 * A read model fed from the log. `apply` gets the transaction that will also move the projection's checkpoint,
 * so a row is written exactly when the event counts as applied: it must write through `trx` only, and must be
 * deterministic (no clock, no randomness), or a replay would not give the same rows.
 */
export interface Projection {
  /** Stable name: the key of its checkpoint row. Renaming it means a rebuild. */
  readonly name: string;
  /** The tables it owns; a rebuild empties them before replaying the log. */
  readonly tables: readonly ReadModelTableName[];
  apply(trx: Transaction<ReadModelSchema>, event: StoredEvent): Promise<void>;
  /** Optional, for speed: the same as `apply` for each event, in the order given, written in one go. */
  applyBatch?(trx: Transaction<ReadModelSchema>, events: readonly StoredEvent[]): Promise<void>;
  /**
   * Optional, for a rebuild: present when the projection's rows depend only on each stream's own events, so
   * it may be fed whole streams, in any order of streams, into its emptied tables. Each stream comes whole
   * (every event of it the rebuild applies, in revision order) and only once; the tables then hold what
   * applying the same events one by one would have left.
   */
  rebuildStreams?(trx: Transaction<ReadModelSchema>, streams: readonly (readonly StoredEvent[])[]): Promise<void>;
  /**
   * Optional, for speed, with rebuildStreams: the same in two steps. rowsOfStreams works out the streams' rows
   * with no database, as plain data (structured-cloneable: it may run on another thread), and writeRows writes
   * them in a transaction later. Apart, the next rows can be worked out while the database writes the ones
   * before: on worker threads (see `workerModule`), or with PostgreSQL, which writes in its own process.
   */
  rowsOfStreams?(streams: readonly (readonly StoredEvent[])[]): unknown;
  writeRows?(trx: Transaction<ReadModelSchema>, rows: unknown): Promise<void>;
  /**
   * Optional, with rowsOfStreams: where a worker thread finds this projection's class, which it constructs
   * with no arguments to work out rows there (the module's file, and the class's export name).
   */
  readonly workerModule?: { file: string; exportName: string };
  /**
   * Optional, with rebuildStreams: called once a rebuild in stream order has written every stream, in its last
   * transaction, after the secondary indexes are made and before the KPI aggregates are computed. Derives the
   * rows that span streams (a child's waiting spells over its cases), which stream by stream cannot be.
   */
  finishRebuild?(trx: Transaction<ReadModelSchema>): Promise<void>;
  /**
   * Optional, with rebuildStreams: the only metadata keys it reads. When every projection of a rebuild names
   * them, the events it gets carry only those (missing or null ones left out), sparing the parse of the rest.
   */
  readonly rebuildMetadataKeys?: readonly string[];
}

/** The subset of pino's API the runtime uses, so pino (or nestjs-pino's PinoLogger) can be passed as is. */
export interface ProjectionLogger {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

const ignore = (): void => undefined;
export const silentLogger: ProjectionLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
