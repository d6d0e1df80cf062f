/** Progress lines on stderr, with the time since the bench began; stdout is kept for the table. */
const started = Date.now();

export function progress(part: string, message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${part}: ${message}\n`);
}
