import { SEARCH_TEXT_MAX_LENGTH } from '../common/text/search-normalize';
import { MAX_CURSOR_LENGTH } from '../common/cursors';

/**
 * The longest list and the longest text every argument accepts, checked before an operation
 * runs (argument-check.ts) and printed into the schema's descriptions (schema.ts), so that the
 * one table here is both the rule and its documentation.
 *
 * Keys name where a value sits: `Type.field(argument)` for a field's argument, and
 * `InputType.field` for a field of an input object (every argument of that input type, on
 * every field that takes it, shares the bound). Anything not named gets the default.
 */

/** Items in any list argument or list input field not named below: a page's worth. */
export const DEFAULT_LIST_LIMIT = 100;

/**
 * Set-membership filters are answered by one `= ANY(...)` each, so their length no longer
 * shapes the SQL; the bounds below say what a real question needs (an agreement has at most a
 * handful of parties), and keep every accepted filter small for the planner.
 */
export const LIST_LIMITS: Record<string, number> = {
  'AgreementFilter.parties': 10,
  'AgreementFilter.partyCountries': 10,
  'AgreementFilter.areas': 20,
  'AgreementFilter.kinds': 20,
  'AgreementFilter.statuses': 20,
  'VisitFilter.host': 20,
  'VisitFilter.sender': 20,
  'VisitFilter.person': 20,
  'VisitFilter.statuses': 20,
  'DelegationFilter.host': 20,
  'DelegationFilter.sender': 20,
  'DelegationFilter.person': 20,
  'MunicipalityFilter.countries': 50,
  'PersonFilter.mayorOf': 20,
  'AuditLogFilter.actions': 20,
  'Query.search(types)': 10,
  'Query.nodes(ids)': 100,
  'SetExternalIdsInput.externalIds': 20,
  'UpsertMunicipalityInput.externalIds': 20,
  'UpsertPersonInput.externalIds': 20,
  'UpsertAgreementInput.externalIds': 20,
  'Query.changes(types)': 20,
  'Query.changes(municipalities)': 20,
  'Subscription.registerChanged(types)': 20,
  'Subscription.registerChanged(municipalities)': 20,
};

/** Characters in any text argument not named below: the longest text the register keeps (a summary). */
export const DEFAULT_TEXT_LIMIT = 4000;

/** Cursors: common/cursors.ts owns the bound, which it also applies when it decodes one. */
export const CURSOR_TEXT_LIMIT = MAX_CURSOR_LENGTH;

export const TEXT_LIMITS: Record<string, number> = {
  'AgreementFilter.text': 200,
  'MunicipalityFilter.name': 200,
  'MunicipalityFilter.partOf': 100,
  'PersonFilter.name': 200,
  'PersonFilter.position': 200,
  'AuditLogFilter.recordType': 100,
  'Query.search(query)': SEARCH_TEXT_MAX_LENGTH,
  'Query.municipality(slug)': 100,
  'Query.municipality(wikidataId)': 100,
  'Query.organization(slug)': 100,
  'Query.person(wikidataId)': 20,
  'Query.organization(wikidataId)': 20,
  'Query.cooperationArea(slug)': 100,
  'Query.path(from)': 100,
  'Query.path(to)': 100,
  'Query.node(id)': 100,
  'CreateApiKeyInput.account': 100,
  'Query.recordByExternalId(system)': 100,
  'Query.recordByExternalId(id)': 200,
  'ExternalIdInput.system': 100,
  'ExternalIdInput.id': 200,
};

/** Arguments named `after` and `before` are cursors wherever they appear; `lang` is a BCP 47 tag. */
export function textLimitOf(key: string, name: string): number {
  if (name === 'after' || name === 'before') return CURSOR_TEXT_LIMIT;
  if (name === 'lang' && key.includes('(')) return 35;
  return TEXT_LIMITS[key] ?? DEFAULT_TEXT_LIMIT;
}

export function listLimitOf(key: string): number {
  return LIST_LIMITS[key] ?? DEFAULT_LIST_LIMIT;
}
