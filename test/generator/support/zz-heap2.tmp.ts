import { simulate, PROFILES } from '@app/case-generator';
import { writeHeapSnapshot } from 'node:v8';
let n = 0;
for (const e of simulate(PROFILES['national-decade'], 1)) { if (++n === 200000) { (global as any).gc(); console.log(writeHeapSnapshot('/tmp/heap2.heapsnapshot')); break; } }
