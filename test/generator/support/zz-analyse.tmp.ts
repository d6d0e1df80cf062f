import { simulate, PROFILES } from '@app/case-generator';
import { foldGenerated, timelinessOf } from './log-analysis';
const p = PROFILES[process.argv[2] as 'rijnmond-year'];
const events = [...simulate(p, Number(process.argv[3] ?? 1))];
const cases = foldGenerated(events);
const all = [...cases.values()];
const y = (from: string, to: string) => timelinessOf(all, from, to, p.horizon);
const pct = (r: any) => Object.fromEntries(Object.entries(r).map(([k, v]: any) => [k, `${v.percentMet?.toFixed(1)}% met=${v.met} expl=${v.explained} notMet=${v.notMet} pend=${v.pending} na=${v.notApplicable}`]));
console.log('window', pct(y(p.windowStart, p.horizon)));
console.log('first half window', pct(y(p.windowStart, p.windowStart.slice(0,4)+'-06-30')));
// active at window start, inflow by type per year
const active = (d: string) => all.filter((c) => c.state.pronouncedOn! <= d && !(c.state.endedOn && c.state.endedOn < d)).length;
for (const d of [p.windowStart]) { const by: Record<string, number> = {}; for (const c of all) if (c.state.pronouncedOn! <= d && !(c.state.endedOn && c.state.endedOn < d)) by[c.state.measureType!] = (by[c.state.measureType!] ?? 0) + 1; console.log("active at", d, by, active(d)); }
const inflow: Record<string, number> = {};
for (const c of all) if (c.state.pronouncedOn! >= p.windowStart) inflow[c.state.measureType!] = (inflow[c.state.measureType!] ?? 0) + 1;
const years = Number(p.horizon.slice(0,4)) - Number(p.windowStart.slice(0,4)) + 1;
console.log('inflow per year', Object.fromEntries(Object.entries(inflow).map(([k, v]) => [k, v / years])), 'total', Object.values(inflow).reduce((a, b) => a + b) / years);
console.log('cases', all.length, 'events', events.length, 'events/case', (events.length / all.length).toFixed(1));
const byType: Record<string, number[]> = {};
for (const c of all) (byType[c.state.measureType!] ??= []).push(c.events);
console.log('events/case by type', Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, (v.reduce((a, b) => a + b) / v.length).toFixed(1)])));
const muni: Record<string, number> = {}; for (const c of all) muni[c.state.municipalityCode!] = (muni[c.state.municipalityCode!] ?? 0) + 1; console.log(muni);
const inst: Record<string, number> = {}; for (const c of all) inst[c.state.institution!] = (inst[c.state.institution!] ?? 0) + 1; console.log(inst);
// waiting for help at horizon
let waiting = 0; for (const c of all) if (!c.state.ended && Object.values(c.state.waitlist).some((w) => w.open && w.waitingFor === 'HELP')) waiting++;
console.log('open help waits at horizon', waiting);
// caseload
const fam = new Map<string, Set<string>>(); for (const c of all) if (!c.state.ended && c.state.currentProtectorRef) { const s = fam.get(c.state.currentProtectorRef) ?? new Set(); s.add(c.state.familyRef!); fam.set(c.state.currentProtectorRef, s); }
const loads = [...fam.values()].map((s) => s.size).sort((a, b) => a - b); console.log('protectors', loads.length, 'median families', loads[loads.length >> 1], 'p90', loads[Math.floor(loads.length * 0.9)], '>16', loads.filter((x) => x > 16).length);
// lag
let late = 0, n = 0; for (const e of events) { const m = e.event.metadata; const d: any = e.event.data; const happened = d.assignedOn ?? d.agreedOn ?? d.startedOn ?? d.since ?? d.leftOn ?? d.explainedOn ?? d.extendedOn ?? d.endedOn; if (!happened || e.event.type === 'HelpStarted' && happened < (cases.get(e.caseId)!.state.pronouncedOn!)) continue; n++; if ((Date.parse(m.recordedAt.slice(0, 10)) - Date.parse(happened)) / 864e5 > 21) late++; }
console.log('late >21d', (100 * late / n).toFixed(1), '%');
