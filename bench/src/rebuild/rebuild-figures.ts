import { type Figure, figure, measurable } from '../report/figures';
import type { RebuildOutcome, RebuildRun } from './rebuild-bench';

const CLI = 'the rebuild CLI (apps/projector/src/rebuild.cli.ts, as `npm run projections:rebuild`, compiled in the bench\'s build) as a child process';

export function rebuildFigures(outcome: RebuildOutcome): Figure[] {
  const { rawRead } = outcome;
  const figures: Figure[] = [
    figure(
      {
        key: 'rebuild.rawRead.eventsPerSecond',
        part: 'rebuild',
        label: 'raw read of the log (limit)',
        unit: 'events/s',
        note: `readAll, ${rawRead.events.toLocaleString('en')} events`,
        method: `SqliteEventStore.readAll({streamPrefix: 'case-'}) over the profile's events.sqlite with the store's JSON parsing, events counted and dropped, in a child process; events / wall time (${rawRead.events} events)`,
      },
      rawRead.eventsPerSecond,
    ),
  ];
  const target = (key: 'sqlite' | 'postgres', name: string, run: RebuildRun, where: string): void => {
    const spec = { part: 'rebuild' as const, note: `${run.events.toLocaleString('en')} events, CLI's own timing` };
    figures.push(
      figure({ ...spec, key: `rebuild.${key}.eventsPerSecond`, label: `rebuild into ${name}`, unit: 'events/s', method: `events/s from the summary line of ${CLI} into ${where} ("${run.summaryLine}"${run.order ? `, read in ${run.order} order` : ''}); process start-up excluded (wall ${run.wallSeconds.toFixed(1)} s)` }, run.eventsPerSecond),
      figure({ ...spec, key: `rebuild.${key}.vsRawRead`, label: `rebuild into ${name} / raw read`, unit: 'ratio', note: 'same log, same run', method: `rebuild events/s divided by the raw read events/s of the same log in the same bench run` }, run.eventsPerSecond / rawRead.eventsPerSecond),
    );
    if (measurable(run.peakRssMb)) {
      figures.push(figure({ ...spec, key: `rebuild.${key}.peakRssMb`, label: `rebuild into ${name} peak RSS`, unit: 'MiB', note: 'VmHWM of the rebuild process', method: `VmHWM of the rebuild CLI's node process, written at its exit (bench/src/proc/peak-rss-at-exit.js)` }, run.peakRssMb));
    }
  };
  target('sqlite', 'SQLite', outcome.sqlite, 'DATA_DIR/read-models.sqlite (WAL, synchronous=NORMAL)');
  if (!('skipped' in outcome.postgres)) {
    target('postgres', 'PostgreSQL', outcome.postgres, 'a scratch database on 127.0.0.1:5432 (PostgreSQL 15, same machine), dropped afterwards');
  }
  return figures;
}
