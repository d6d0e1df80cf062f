import { DomainError } from '@app/domain';
import { parseAccessReason } from '../../apps/api/src/audit/access-log/access-context';
import { accessStreamId } from '../../apps/api/src/audit/access-log/access-record';
import { ProblemException } from '../../apps/api/src/problem-details/problem';

describe('parseAccessReason (X-Access-Reason)', () => {
  it('is null when absent, trimmed when sent', () => {
    expect(parseAccessReason(undefined)).toBeNull();
    expect(parseAccessReason('  inspection IGJ 2021 ')).toBe('inspection IGJ 2021');
  });

  it.each(['', ' ', 'x'.repeat(501), 'line\nbreak', 'tab\tin', 'caf\u00e9'])('refuses %p with invalid-header naming it', (raw) => {
    const thrown = (() => {
      try {
        parseAccessReason(raw);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).problem).toMatchObject({ status: 400, errors: [{ field: 'X-Access-Reason' }] });
  });

  it('refuses a BSN (PRIVACY.BSN_IN_TEXT), but not any nine digits', () => {
    expect(() => parseAccessReason('child 123.456.782')).toThrow(DomainError);
    expect(parseAccessReason('ticket 123456789')).toBe('ticket 123456789');
  });
});

it('names monthly audit streams by the UTC month', () => {
  expect(accessStreamId(new Date('2021-09-30T23:30:00Z'))).toBe('audit-access-2021-09');
});
