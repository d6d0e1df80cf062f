import type { ColumnType } from 'kysely';

/**
 * The read-model tables as Kysely sees them. The same types serve SQLite and PostgreSQL, so the differences
 * between the two are settled here once:
 * - log positions are BIGINT (INTEGER affinity in SQLite). They are written as decimal strings (exact in both
 *   drivers); PostgreSQL hands them back as strings, SQLite as numbers. Read them with `toPosition`, or select
 *   `cast(col as text)` where a value beyond 2^53 must stay exact (the checkpoints do).
 * - business dates are 'YYYY-MM-DD' text and instants ISO-8601 UTC text: both sort correctly as text in both.
 * - flags are integers 0/1 (SQLite has no boolean; one representation keeps dumps comparable).
 */
export type PositionColumn = ColumnType<string | number, string, string>;
export type NullablePositionColumn = ColumnType<string | number | null, string | null, string | null>;
export type FlagColumn = ColumnType<number, 0 | 1, 0 | 1>;

export interface ProjectionCheckpointTable {
  projection: string;
  /** Position of the last event this projection applied (or skipped as unknown); null before the first. */
  position: NullablePositionColumn;
  updated_at: string;
}

/** The SQLite runner lock: one row per lock name, held by `owner` until `expires_at` (epoch ms). */
export interface ReadModelLeaseTable {
  name: string;
  owner: string;
  expires_at: ColumnType<string | number, number, number>;
}

export interface CaseSummaryTable {
  case_id: string;
  institution: string | null;
  municipality_code: string | null;
  measure_type: string | null;
  child_ref: string | null;
  family_ref: string | null;
  current_protector_ref: string | null;
  pronounced_on: string | null;
  gi_notified_on: string | null;
  ends_on: string | null;
  ended_on: string | null;
  end_reason: string | null;
  /** The latest business date of any effective step. */
  last_step_on: string | null;
  /** Number of events of the case stream applied (the stream version the row reflects). */
  version: number;
  last_position: PositionColumn;
  /** When the first event of the case was recorded (metadata.recordedAt, else the store's storedAt). */
  recorded_first_at: string;
  /** The domain CaseState, so the next event is evolved without re-reading the stream. */
  state_json: string;
}

export interface CaseWaitlistEntryTable {
  case_id: string;
  /** The Waitlisted event that placed the entry: unique even if an entry id is reused after a retraction. */
  placed_by_event_id: string;
  entry_id: string;
  waiting_for: string;
  since: string;
  left_on: string | null;
  outcome: string | null;
  help_type: string | null;
  provider: string | null;
  reason: string | null;
  retracted: FlagColumn;
}

export interface StepRegistrationTable {
  event_id: string;
  case_id: string;
  /** The case's institution when the step was registered. */
  institution: string | null;
  step_type: string;
  /** Business date of the step (corrected if a correction changed it); null for a DeadlineAdvanced. */
  happened_on: string | null;
  /** metadata.recordedAt of the event (else the store's storedAt). */
  recorded_at: string;
  /** Days from happened_on to the recording date in Europe/Amsterdam; the region wants at most 21. */
  lag_days: number | null;
  retracted: FlagColumn;
}

/** A case's status on the dates [valid_from, valid_until): verdicts, deadlines, waiting (domain caseTimeline). */
export interface CaseStatusSegmentTable {
  case_id: string;
  valid_from: string;
  /** Exclusive; null for the open-ended last segment. */
  valid_until: string | null;
  protector: string;
  fixed_protector: string;
  plan: string;
  help: string;
  protector_deadline: string | null;
  plan_deadline: string | null;
  help_deadline: string | null;
  measure_active: FlagColumn;
  help_started: FlagColumn;
  waiting_for_help: FlagColumn;
  protector_assigned: FlagColumn;
  /** The protector holding the case on these dates. */
  protector_ref: string | null;
  waiting_for_protector: FlagColumn;
  help_waitlist_entry_id: string | null;
  help_waitlist_since: string | null;
  help_waitlist_help_type: string | null;
  help_waitlist_provider: string | null;
  help_waitlist_reason: string | null;
  /**
   * Copies of the case's case_summaries columns that the "on a date" KPIs read (migration 0008), so that they
   * read them with the segment instead of one lookup per active case. The projection rewrites all of a case's
   * segments on every event of the case, so a correction of a ref or date reaches the copies at once.
   */
  child_ref: string | null;
  family_ref: string | null;
  institution: string | null;
  municipality_code: string | null;
  pronounced_on: string | null;
  gi_notified_on: string | null;
  /** Copied by migration 0010, for the timeliness KPI grouped by measure type. */
  measure_type: string | null;
  /**
   * The segment's length class (segment-length-classes.ts, migration 0011), which the partial indexes of the
   * "on a date" KPIs are conditioned on. Always written; nullable only because the column was added later.
   */
  length_class: number | null;
  /**
   * Whether the segment opens a run of adjacent segments with the same four verdicts, and on such a segment where
   * that run ends (cases/verdict-spans.ts, migration 0013): the timeliness KPI reads the runs' first segments
   * only. The flag is always written; nullable only because the columns were added later.
   */
  opens_verdict_span: number | null;
  verdict_span_until: string | null;
  /** On a run's first segment, its four verdicts as one number (cases/verdict-spans.ts, migration 0016). */
  verdicts_code: number | null;
}

/** A count kept by triggers (INTEGER in both dialects; the KPI queries read sums of it, which may be strings). */
export type AggregateCountColumn = ColumnType<number, number, number>;

/** KPI pre-aggregate of step_registrations (kpi-aggregates/step-lag-days.ts). */
export interface StepLagDayTable {
  happened_on: string;
  /** '' for a registration without an institution. */
  institution: string;
  steps: AggregateCountColumn;
  late_steps: AggregateCountColumn;
}

/** KPI pre-aggregate of case_summaries (kpi-aggregates/case-inflow-days.ts). */
export interface CaseInflowDayTable {
  day: string;
  /** '' for a case without a measure type. */
  measure_type: string;
  pronounced: AggregateCountColumn;
  gone: AggregateCountColumn;
}

/** KPI pre-aggregate of case_status_segments (kpi-aggregates/active-measure-deltas.ts). */
export interface ActiveMeasureDeltaTable {
  day: string;
  /** Active segments starting on the day minus those ending on it (valid_until); never 0 (such rows are deleted). */
  delta: AggregateCountColumn;
}

/**
 * A child's spell of waiting, merged across its measures (cases/child-waiting-spells.ts, migration 0009): the
 * dates on which at least one of its active measures waited, for help ('help'), on a help waiting list
 * ('listed') or for a protector ('protector').
 */
export interface ChildWaitingSpellTable {
  child_ref: string;
  kind: 'help' | 'listed' | 'protector';
  valid_from: string;
  /** Exclusive; null while the spell lasts. */
  valid_until: string | null;
}

/** A protector's caseload while it stays the same (cases/protector-caseloads.ts, migration 0015). */
export interface ProtectorCaseloadSpanTable {
  protector_ref: string;
  valid_from: string;
  /** Exclusive; null while the caseload lasts. */
  valid_until: string | null;
  families: number;
  cases: number;
  length_class: number;
}

/** KPI pre-aggregate of child_waiting_spells (kpi-aggregates/waiting-child-deltas.ts). */
export interface WaitingChildDeltaTable {
  kind: 'help' | 'listed' | 'protector';
  day: string;
  /** Spells of the kind starting on the day minus those ending on it; never 0 (such rows are deleted). */
  delta: AggregateCountColumn;
}

/** One read of case-level data (access-log/access-records.projection.ts, migration 0012): a CaseAccessed event. */
export interface AccessRecordTable {
  position: PositionColumn;
  event_id: string;
  sub: string;
  role: string;
  institution: string | null;
  case_id: string;
  case_institution: string | null;
  route: string;
  reason: string | null;
  /** ISO 8601 UTC, as the api wrote it: sorts as text. */
  accessed_at: string;
  request_id: string;
  correlation_id: string;
}

export interface ReadModelSchema {
  projection_checkpoints: ProjectionCheckpointTable;
  read_model_leases: ReadModelLeaseTable;
  case_summaries: CaseSummaryTable;
  case_waitlist_entries: CaseWaitlistEntryTable;
  step_registrations: StepRegistrationTable;
  case_status_segments: CaseStatusSegmentTable;
  step_lag_days: StepLagDayTable;
  case_inflow_days: CaseInflowDayTable;
  active_measure_deltas: ActiveMeasureDeltaTable;
  child_waiting_spells: ChildWaitingSpellTable;
  protector_caseload_spans: ProtectorCaseloadSpanTable;
  waiting_child_deltas: WaitingChildDeltaTable;
  access_records: AccessRecordTable;
}

export type ReadModelTableName = keyof ReadModelSchema;

/** A log position as read back from either dialect. */
export const toPosition = (value: string | number | bigint): bigint => BigInt(value);
