import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Municipality } from '../municipality';
import { Person } from '../person';
import { VisitConnection } from './visit.connection';
import { VisitRelationArgs } from './visit.arguments';
import { visitPages } from './visit.loaders';

/*
 * The other ends of the visit relations. Each is a connection over one batched statement for
 * all the parents in the response, with the same filter and order as the root `visits`.
 */

@Resolver(() => Municipality)
export class MunicipalityVisitsResolver {
  @FieldResolver(() => VisitConnection, { description: 'Visits this municipality hosted (delegations it received); default latest first.' })
  async visitsHosted(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: VisitRelationArgs,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'hostedBy', page, filter, orderBy).load(municipality.id));
  }

  @FieldResolver(() => VisitConnection, {
    description: "Visits made by delegations this municipality sent (its organizations' delegations: see Organization.delegationsSent); default latest first.",
  })
  async visitsMade(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: VisitRelationArgs,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'madeBy', page, filter, orderBy).load(municipality.id));
  }
}

@Resolver(() => Person)
export class PersonVisitsResolver {
  @FieldResolver(() => VisitConnection, {
    description: 'Visits this person took part in: heading or in the delegation, or met as a counterpart; default latest first.',
  })
  async visits(
    @Root() person: Person,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: VisitRelationArgs,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'tookPart', page, filter, orderBy).load(person.id));
  }
}
