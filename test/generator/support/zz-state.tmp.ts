import { simulate, PROFILES } from '@app/case-generator';
import { evolve, initialCaseState, type CaseState } from '@app/domain';
const events = [...simulate(PROFILES['rijnmond-year'], 1)].map((e) => ({ caseId: e.caseId, type: e.event.type, dataJson: e.dataJson, eventId: e.event.eventId }));
(global as any).gc(); const before = process.memoryUsage().heapUsed;
const states = new Map<string, CaseState>();
for (const e of events) states.set(e.caseId, evolve(states.get(e.caseId) ?? initialCaseState, { type: e.type, data: JSON.parse(e.dataJson), eventId: e.eventId } as any));
(global as any).gc(); const after = process.memoryUsage().heapUsed;
const json = [...states.values()].reduce((n, s) => n + JSON.stringify(s).length, 0);
console.log('events', events.length, 'cases', states.size, 'state bytes/event', ((after - before) / events.length).toFixed(0), 'json bytes/event', (json / events.length).toFixed(0));
