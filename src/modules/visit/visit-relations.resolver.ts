import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { Context } from '../../context';
import { Municipality } from '../municipality/municipality.entity';
import { Person } from '../person/person.entity';
import { VisitConnection } from './visit.connection';
import { VisitFilter, VisitOrder } from './visit.filter';
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
    @Args() page: PageArgs,
    @Arg('filter', () => VisitFilter, { nullable: true, description: 'Further conditions.' }) filter?: VisitFilter,
    @Arg('orderBy', () => VisitOrder, { nullable: true, description: 'Order; default latest first day first.' }) orderBy?: VisitOrder,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'hostedBy', page, filter, orderBy).load(municipality.id));
  }

  @FieldResolver(() => VisitConnection, {
    description: "Visits made by delegations this municipality sent (its organizations' delegations: see Organization.delegationsSent); default latest first.",
  })
  async visitsMade(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => VisitFilter, { nullable: true, description: 'Further conditions.' }) filter?: VisitFilter,
    @Arg('orderBy', () => VisitOrder, { nullable: true, description: 'Order; default latest first day first.' }) orderBy?: VisitOrder,
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
    @Args() page: PageArgs,
    @Arg('filter', () => VisitFilter, { nullable: true, description: 'Further conditions.' }) filter?: VisitFilter,
    @Arg('orderBy', () => VisitOrder, { nullable: true, description: 'Order; default latest first day first.' }) orderBy?: VisitOrder,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'tookPart', page, filter, orderBy).load(person.id));
  }
}
