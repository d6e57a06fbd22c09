import { PageArgs } from '../../common/connection';
import { nestedPages } from '../../database/pagination';
import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { DelegationMember } from './delegation-member.entity';
import { Delegation } from './delegation.entity';
import {
  DelegationFilter,
  delegationList,
  DelegationOrder,
  inDelegationSql,
  sentByMunicipalitySql,
} from './delegation.filter';

export const delegationById = (context: Context) => recordById(context, Delegation);

/** Each delegation's members in the order the sources list them. */
export const membersOf = (context: Context) =>
  recordsByKey(
    context,
    'delegation:members',
    DelegationMember,
    `SELECT dm.*, dm.delegation_id AS _key FROM delegation_member dm
      WHERE dm.delegation_id = ANY($1::uuid[]) ORDER BY dm.ordinal, dm.person_id`,
  );

/** How a nested delegation list is tied to its parent record. */
const SCOPES = {
  sentByMunicipality: sentByMunicipalitySql('= $parent'),
  sentByOrganization: 'd.sender_organization_id = $parent',
  withPerson: inDelegationSql('= $parent'),
} as const;

export type DelegationRelation = keyof typeof SCOPES;

/** Pages of one relation's delegations for many parents in one statement; see visitPages. */
export function delegationPages(
  context: Context,
  relation: DelegationRelation,
  page: PageArgs,
  filter?: DelegationFilter,
  orderBy?: DelegationOrder,
) {
  const name = `delegation:${relation}:${JSON.stringify([filter ?? null, orderBy ?? null])}`;
  return nestedPages(context, name, Delegation, () => delegationList(filter, orderBy, [SCOPES[relation]]), page);
}
