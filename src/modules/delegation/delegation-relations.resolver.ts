import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Municipality } from '../municipality';
import { Organization } from '../organization';
import { Person } from '../person';
import { DelegationConnection } from './delegation.connection';
import { DelegationRelationArgs } from './delegation.arguments';
import { delegationPages } from './delegation.loaders';

/*
 * The other ends of the delegation relations: connections batched over all the parents in the
 * response, with the same filter and order as the root `delegations`.
 */

@Resolver(() => Municipality)
export class MunicipalityDelegationsResolver {
  @FieldResolver(() => DelegationConnection, {
    description:
      "Delegations this municipality sent, itself or through one of its bodies (an organization in it: its council, a committee; a body's own are in Organization.delegationsSent); those of an outside organization, such as an embassy, count for no city. Default latest first.",
  })
  async delegationsSent(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: DelegationRelationArgs,
  ): Promise<DelegationConnection> {
    return new DelegationConnection(
      await delegationPages(context, 'sentByMunicipality', page, filter, orderBy).load(municipality.id),
    );
  }
}

@Resolver(() => Organization)
export class OrganizationDelegationsResolver {
  @FieldResolver(() => DelegationConnection, {
    description: 'Delegations this organization sent; default latest first.',
  })
  async delegationsSent(
    @Root() organization: Organization,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: DelegationRelationArgs,
  ): Promise<DelegationConnection> {
    return new DelegationConnection(
      await delegationPages(context, 'sentByOrganization', page, filter, orderBy).load(organization.id),
    );
  }
}

@Resolver(() => Person)
export class PersonDelegationsResolver {
  @FieldResolver(() => DelegationConnection, {
    description: 'Delegations this person headed or was a member of; default latest first.',
  })
  async delegations(
    @Root() person: Person,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: DelegationRelationArgs,
  ): Promise<DelegationConnection> {
    return new DelegationConnection(
      await delegationPages(context, 'withPerson', page, filter, orderBy).load(person.id),
    );
  }
}
