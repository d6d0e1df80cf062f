/*
 * Preloaded (NODE_OPTIONS=--require) into the node processes of a CLI the bench runs through npm, such as
 * `npm run generate`: when a process exits it appends its own peak RSS (VmHWM) to BENCH_PEAK_RSS_FILE, because
 * the parent cannot read /proc/<pid>/status of a grandchild that has already gone. Plain JS: it must load
 * before any TypeScript loader does.
 */
'use strict';
const { appendFileSync, readFileSync } = require('node:fs');

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (!match) return;
      const line = { pid: process.pid, script: process.argv[1] || '', peakKb: Number(match[1]) };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch {
      // a missing figure is reported as missing by the bench; it must never change the CLI's exit
    }
  });
}
