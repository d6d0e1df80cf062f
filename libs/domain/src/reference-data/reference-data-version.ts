/**
 * Version of the reference data below (institutions, municipalities). Bump it whenever a fact changes, and
 * record it beside anything derived from the data (a verdict, a KPI), so a replay years later can say which
 * facts it used. Format: the date the data was last checked, plus a sequence number for that day.
 */
export const REFERENCE_DATA_VERSION = 'rijnmond-2023-01-01.1';
