import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<any>;

/**
 * access_records (access-log/access-records.projection.ts): the access log as a table, so that GET
 * /audit/access pages through an index instead of reading every audit stream. The table starts empty and its
 * runner fills it from the start of the log; until it has caught up, queries read the rest from the log.
 * Every index ends in position, the order the answers come in (newest first), so a page is a short range scan
 * whichever filter is given.
 */
export const accessRecordsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('access_records')
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('sub', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('institution', 'text')
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('case_institution', 'text')
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('accessed_at', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('correlation_id', 'text', (c) => c.notNull())
      .execute();
    for (const column of ['case_id', 'sub', 'case_institution', 'accessed_at']) {
      await db.schema.createIndex(`access_records_${column}`).on('access_records').columns([column, 'position']).execute();
    }
  },
};
