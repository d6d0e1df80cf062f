import { simulate, emptyStats, PROFILES } from '@app/case-generator';
const stats = emptyStats();
let n = 0;
for (const e of simulate(PROFILES['national-decade'], 1, { stats })) {
  if (++n % 100000 === 0) { (global as any).gc(); const m = process.memoryUsage(); console.log(n, e.event.metadata.recordedAt.slice(0, 10), 'heap', (m.heapUsed / 1048576).toFixed(0), 'rss', (m.rss / 1048576).toFixed(0), 'running?', stats.cases, stats.peakRunning, 'sleepers', (globalThis as any).sleepers, 'MB', ((globalThis as any).sleepBytes / 1048576).toFixed(0)); }
  if (n >= 400000) break;
}
