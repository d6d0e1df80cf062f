import { simulate, PROFILES } from '@app/case-generator';
const ended = new Set<string>(); const count = new Map<string, number>();
let maxLive = 0; let live = 0;
for (const e of simulate(PROFILES['rijnmond-decade'], 1)) { count.set(e.caseId, (count.get(e.caseId) ?? 0) + 1); if (e.event.type === 'MeasureEnded') ended.add(e.caseId); }
let events = 0, cases = 0; for (const [id, n] of count) if (!ended.has(id)) { events += n; cases++; }
console.log('active at horizon', cases, 'their events', events);
