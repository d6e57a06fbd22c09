import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { PageArgs } from '../../common/connection';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { fetchPage } from '../../database/pagination';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { Organization, organizationById } from '../organization';
import { Person, personById } from '../person';
import { Source, sourcesOf } from '../source';
import { DelegationMember } from './delegation-member.entity';
import { DelegationConnection } from './delegation.connection';
import { Delegation } from './delegation.entity';
import { DelegationFilter, delegationList, DelegationOrder } from './delegation.filter';
import { delegationById, membersOf } from './delegation.loaders';

@Resolver(() => Delegation)
export class DelegationResolver {
  @Query(() => DelegationConnection, {
    description: 'Delegations, filtered and ordered (default: latest first visit first), a page at a time.',
  })
  async delegations(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => DelegationFilter, { nullable: true, description: 'Which delegations.' })
    filter?: DelegationFilter,
    @Arg('orderBy', () => DelegationOrder, { nullable: true, description: 'Order; default latest first visit first.' })
    orderBy?: DelegationOrder,
  ): Promise<DelegationConnection> {
    return new DelegationConnection(
      await fetchPage(context.loaders.reader, Delegation, delegationList(filter, orderBy), page),
    );
  }

  @FieldResolver(() => String, {
    description:
      'Name in the asked language (falls back to English, then any); one recorded without a name is called after its sender.',
  })
  async name(@Root() delegation: Delegation, @Ctx() context: Context, @Args() { lang }: LanguageArgs): Promise<string> {
    const named = pickText(delegation.names, lang);
    if (named !== null) return named;
    const sender = (await this.sender(delegation, context)) ?? (await this.senderOrganization(delegation, context));
    return `Delegation of ${pickText(sender?.names, lang) ?? 'an unrecorded sender'}`;
  }

  @FieldResolver(() => [LocalizedText], {
    description: 'The name in every language recorded (none for an unnamed delegation).',
  })
  names(@Root() delegation: Delegation): LocalizedText[] {
    return listTexts(delegation.names);
  }

  @FieldResolver(() => Municipality, {
    nullable: true,
    description: 'The municipality that sent it; null when an organization did (see senderOrganization).',
  })
  sender(@Root() delegation: Delegation, @Ctx() context: Context): Promise<Municipality | null> | null {
    return delegation.senderMunicipalityId ? municipalityById(context).load(delegation.senderMunicipalityId) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization that sent it (a city council, an embassy); null when a municipality did.',
  })
  senderOrganization(@Root() delegation: Delegation, @Ctx() context: Context): Promise<Organization | null> | null {
    return delegation.senderOrganizationId ? organizationById(context).load(delegation.senderOrganizationId) : null;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'Who headed it (not always the mayor); null when the sources do not say.',
  })
  head(@Root() delegation: Delegation, @Ctx() context: Context): Promise<Person | null> | null {
    return delegation.headPersonId ? personById(context).load(delegation.headPersonId) : null;
  }

  @FieldResolver(() => [DelegationMember], { description: 'Its members, in the order the sources list them.' })
  members(@Root() delegation: Delegation, @Ctx() context: Context): Promise<DelegationMember[]> {
    return membersOf(context).load(delegation.id);
  }

  @FieldResolver(() => [Source], {
    description: 'The evidence: sources that report this delegation, by publisher then title.',
  })
  sources(@Root() delegation: Delegation, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Delegation').load(delegation.id);
  }
}

@Resolver(() => DelegationMember)
export class DelegationMemberResolver {
  @FieldResolver(() => Person, { description: 'The member.' })
  async person(@Root() member: DelegationMember, @Ctx() context: Context): Promise<Person> {
    return (await personById(context).load(member.personId))!;
  }

  @FieldResolver(() => Delegation, { description: 'The delegation they travelled in.' })
  async delegation(@Root() member: DelegationMember, @Ctx() context: Context): Promise<Delegation> {
    return (await delegationById(context).load(member.delegationId))!;
  }
}
