import { type Kysely, type Migration, sql } from 'kysely';
import { anyUnfinishedRebuild } from '../../runtime/rebuild-marker';
import type { ReadModelSchema } from '../read-model-schema';
import { createSecondaryIndexes, type SecondaryIndex } from '../secondary-indexes';
import { SEGMENTS_BY_PRONOUNCEMENT_0010 } from './0010-segments-by-pronouncement';

/** The columns this migration adds to case_status_segments. */
export const SEGMENT_COLUMNS_0013 = ['opens_verdict_span', 'verdict_span_until'] as const;

/** Replaced by 0016's index, ordered by each run's end after the pronouncement, which drops it. */
export const VERDICT_SPANS_0013: SecondaryIndex = {
  name: 'case_status_segments_verdict_spans',
  table: 'case_status_segments',
  columns: ['pronounced_on', 'valid_from', 'verdict_span_until', 'protector', 'fixed_protector', 'plan', 'help', 'institution', 'municipality_code', 'measure_type'],
  where: '"opens_verdict_span" = 1',
};

/**
 * The same runs as cases/verdict-spans.ts computes for the projection, in SQL both dialects run: a segment
 * continues the run of the one before when it starts where that one ends with the same four verdicts; the
 * running count of openings numbers the runs, and each run ends where its last segment ends (written on its
 * first segment only).
 */
const BACKFILL = sql`
  update case_status_segments
  set opens_verdict_span = r.opens, verdict_span_until = case when r.opens = 1 then r.span_until end
  from (
    select case_id, valid_from, opens,
      last_value(valid_until) over (partition by case_id, run order by valid_from rows between unbounded preceding and unbounded following) as span_until
    from (
      select case_id, valid_from, valid_until, opens,
        sum(opens) over (partition by case_id order by valid_from rows unbounded preceding) as run
      from (
        select case_id, valid_from, valid_until,
          case when lag(valid_until) over w = valid_from and lag(protector) over w = protector
            and lag(fixed_protector) over w = fixed_protector and lag(plan) over w = plan and lag(help) over w = help
          then 0 else 1 end as opens
        from case_status_segments
        window w as (partition by case_id order by valid_from)
      ) as openings
    ) as numbered
  ) as r
  where r.case_id = case_status_segments.case_id and r.valid_from = case_status_segments.valid_from`;

/**
 * The timeliness KPI reads one row per case of a period: the run of equal verdicts holding on its date. 0010's
 * index held every segment; this one holds the first segment of each run, with the run's end
 * (case_status_segments_verdict_spans), and replaces it, so the KPI scans about half the rows and every
 * projection write maintains a smaller index. Existing segments are backfilled in SQL; the index is made unless
 * a rebuild is marked unfinished: its end creates it, as it creates them all.
 */
export const verdictSpansMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex(SEGMENTS_BY_PRONOUNCEMENT_0010.name).ifExists().execute();
    await db.schema.alterTable('case_status_segments').addColumn('opens_verdict_span', 'integer').execute();
    await db.schema.alterTable('case_status_segments').addColumn('verdict_span_until', 'text').execute();
    await BACKFILL.execute(db);
    const typed = db as Kysely<ReadModelSchema>;
    if (await anyUnfinishedRebuild(typed)) return;
    await createSecondaryIndexes(typed, [VERDICT_SPANS_0013]);
  },
};
