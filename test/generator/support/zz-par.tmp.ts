import { PROFILES, simulateInParallel, writeInBulk, emptyStats } from '@app/case-generator';
import { SqliteEventStore } from '@app/event-store';
import { rmSync } from 'node:fs';
(async () => {
  rmSync('/tmp/gen-par', { recursive: true, force: true });
  const store = new SqliteEventStore('/tmp/gen-par/events.sqlite');
  const limit = Number(process.argv[2] ?? 400000); const workers = Number(process.argv[3] ?? 2);
  const stats = emptyStats();
  let n = 0; const t = Date.now();
  async function* take() { for await (const rows of simulateInParallel(PROFILES['national-decade'], 1, { workers, stats })) { n += rows.length; yield rows; if (n >= limit) return; } }
  await writeInBulk(store, take());
  console.log(n, (Date.now() - t) / 1000, 's', Math.round(n / ((Date.now() - t) / 1000)), 'ev/s', process.resourceUsage().maxRSS / 1024, 'MB');
  await store.close();
})();
