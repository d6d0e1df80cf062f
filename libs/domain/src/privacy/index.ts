/** Privacy rules of the domain: events hold pseudonymous references only, never a BSN. */
export { passesBsnElevenTest } from './bsn';
export { BSN_SEPARATORS, containsBsn, findBsnNumbers, findNineDigitNumbers, type NineDigitNumber } from './bsn-scanner';
export { findTextWithBsn, SYSTEM_ID_FIELDS, textFields, type TextField } from './text-fields';
