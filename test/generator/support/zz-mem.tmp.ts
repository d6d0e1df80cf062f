import { simulate, emptyStats, PROFILES } from '@app/case-generator';
const stats = emptyStats();
let n = 0, peak = 0;
for (const e of simulate(PROFILES['rijnmond-decade'], 1, { stats })) {
  if (++n % 20000 === 0) { (global as any).gc(); const h = process.memoryUsage().heapUsed; peak = Math.max(peak, h); }
}
(global as any).gc();
console.log('peak heap MB', peak / 1048576, 'end heap MB', process.memoryUsage().heapUsed / 1048576, 'peakRunning', stats.peakRunning, 'events', n);
