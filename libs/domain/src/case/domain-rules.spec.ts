import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { DomainError } from './domain-error';
import { DOMAIN_RULES, findDomainRule, ruleError } from './domain-rules';

describe('DOMAIN_RULES', () => {
  it('has unique, well-formed codes with a one-line description', () => {
    const codes = DOMAIN_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of DOMAIN_RULES) {
      expect(rule.code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.description).not.toContain('\n');
    }
  });

  it.each([
    ['CASE.NOT_FOUND', 'not_found'],
    ['CASE.ALREADY_EXISTS', 'conflict'],
    ['CASE.ENDED', 'rule'],
    ['WAITLIST.UNKNOWN_ENTRY', 'rule'],
  ])('%s has category %s', (code, category) => {
    expect(findDomainRule(code)?.category).toBe(category);
  });

  it('builds errors with the catalogued category', () => {
    const error = ruleError('CASE.ALREADY_EXISTS', 'taken', 'caseId');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'CASE.ALREADY_EXISTS', category: 'conflict', message: 'taken', field: 'caseId' });
  });

  // Every documented refusal is pinned down by at least one decider test.
  it('every rule is asserted by a decider test', () => {
    const specs = readdirSync(__dirname)
      .filter((file) => file.startsWith('decide') && file.endsWith('.spec.ts'))
      .map((file) => readFileSync(join(__dirname, file), 'utf8'))
      .join('\n');
    const untested = DOMAIN_RULES.map((rule) => rule.code).filter((code) => !specs.includes(`'${code}'`));
    expect(untested).toEqual([]);
  });
});
