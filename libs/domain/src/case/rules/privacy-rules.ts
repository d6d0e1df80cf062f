import type { CaseCommand } from '../case-commands';
import { ruleError } from '../domain-rules';
import { findTextWithBsn } from '../../privacy';
import type { Check } from './checks';

/**
 * Events hold pseudonymous references only (issue 4): no field a person writes - references, team, reasons,
 * goals, and the same fields in a correction's data (named `data.<field>`) - may hold a number that passes the
 * BSN eleven-test. The message names the field, never the number: refusals end up in logs and responses.
 * Checked before anything else, so whatever the case's state, such a command records nothing.
 */
export const checkNoBsnInText = (command: CaseCommand): Check => {
  const found = findTextWithBsn(command.data);
  return found
    ? ruleError(
        'PRIVACY.BSN_IN_TEXT',
        `${found.field} contains a number that passes the BSN eleven-test; record a pseudonymous reference instead.`,
        found.field,
      )
    : undefined;
};
