import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { Agreement } from '../agreement';
import { Municipality } from '../municipality';
import { Organization } from '../organization';
import { Person } from '../person';
import { Visit } from '../visit';
import { externalIdsOf, recordByExternalId } from './external-id.loaders';
import { ExternalId } from './external-id.type';

const DESCRIPTION = "Its ids in other systems (a city portal's, a catalogue's), by system then id.";

/** `externalIds` on a record type, read through one loader for every type. */
function externalIdsField(type: () => new () => { id: string }) {
  @Resolver(type)
  class ExternalIdsResolver {
    @FieldResolver(() => [ExternalId], { description: DESCRIPTION })
    externalIds(@Root() record: { id: string }, @Ctx() context: Context): Promise<ExternalId[]> {
      return externalIdsOf(context).load(record.id);
    }
  }
  return ExternalIdsResolver;
}

export const MunicipalityExternalIdsResolver = externalIdsField(() => Municipality);
export const PersonExternalIdsResolver = externalIdsField(() => Person);
export const OrganizationExternalIdsResolver = externalIdsField(() => Organization);
export const AgreementExternalIdsResolver = externalIdsField(() => Agreement);
export const VisitExternalIdsResolver = externalIdsField(() => Visit);

@Resolver()
export class ExternalIdResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'The record a system\'s id names ("tehran.ir", "4711"), whatever its type; null when none.',
  })
  recordByExternalId(
    @Ctx() context: Context,
    @Arg('system', { description: 'The system that keeps the id ("tehran.ir").' }) system: string,
    @Arg('id', { description: 'The id in that system.' }) id: string,
  ): Promise<Node | null> {
    return recordByExternalId(context, system, id);
  }
}
