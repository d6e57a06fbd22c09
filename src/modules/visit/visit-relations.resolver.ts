import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Agreement } from '../agreement';
import { Delegation } from '../delegation';
import { Municipality } from '../municipality';
import { Person } from '../person';
import { VisitConnection } from './visit.connection';
import { Visit } from './visit.entity';
import { VisitRelationArgs } from './visit.arguments';
import { visitById, visitPages, visitsOfDelegation } from './visit.loaders';

/*
 * The other ends of the visit relations. The lists of a municipality's and a person's visits
 * are connections over one batched statement for all the parents in the response, with the
 * same filter and order as the root `visits`.
 */

@Resolver(() => Municipality)
export class MunicipalityVisitsResolver {
  @FieldResolver(() => VisitConnection, {
    description: 'Visits this municipality hosted (delegations it received); default latest first.',
  })
  async visitsHosted(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: VisitRelationArgs,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'hostedBy', page, filter, orderBy).load(municipality.id));
  }

  @FieldResolver(() => VisitConnection, {
    description:
      'Visits made by delegations this municipality sent, itself or through one of its bodies (an organization in it: its council, a committee), as in delegationsSent; default latest first.',
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
    description:
      'Visits this person took part in: heading or in the delegation, or met as a counterpart; default latest first.',
  })
  async visits(
    @Root() person: Person,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: VisitRelationArgs,
  ): Promise<VisitConnection> {
    return new VisitConnection(await visitPages(context, 'tookPart', page, filter, orderBy).load(person.id));
  }
}

@Resolver(() => Delegation)
export class DelegationVisitsResolver {
  @FieldResolver(() => [Visit], { description: 'Its visits in the order of the itinerary (by first day).' })
  visits(@Root() delegation: Delegation, @Ctx() context: Context): Promise<Visit[]> {
    return visitsOfDelegation(context).load(delegation.id);
  }
}

@Resolver(() => Agreement)
export class AgreementVisitResolver {
  @FieldResolver(() => Visit, { nullable: true, description: 'The visit during which it was signed.' })
  signedOnVisit(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Visit | null> | null {
    return agreement.signedOnVisitId ? visitById(context).load(agreement.signedOnVisitId) : null;
  }
}
