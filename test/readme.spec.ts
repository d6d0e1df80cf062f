import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_RULES } from '@app/domain';

/** The README promises to list every rule and code; this keeps the promise when rules are added. */
it('README lists every domain rule code', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const missing = DOMAIN_RULES.map((rule) => rule.code).filter((code) => !readme.includes(`\`${code}\``));
  expect(missing).toEqual([]);
});
