import { simulate, PROFILES } from '@app/case-generator';
import { writeHeapSnapshot } from 'node:v8';
let n = 0;
for (const e of simulate(PROFILES['rijnmond-decade'], 1)) { if (++n === 120000) { (global as any).gc(); console.log(writeHeapSnapshot('/tmp/heap.heapsnapshot')); break; } }
