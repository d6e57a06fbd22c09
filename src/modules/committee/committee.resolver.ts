import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Agreement, agreementById } from '../agreement';
import { CooperationArea } from '../cooperation-area';
import { Source, sourcesOf } from '../source';
import { Committee } from './committee.entity';
import { committeesOf } from './committee.loaders';

@Resolver(() => Committee)
export class CommitteeResolver {
  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() committee: Committee, @Args() { lang }: LanguageArgs): string {
    return pickText(committee.names, lang) ?? '';
  }

  @FieldResolver(() => [LocalizedText], { description: 'The name in every language recorded.' })
  names(@Root() committee: Committee): LocalizedText[] {
    return listTexts(committee.names);
  }

  @FieldResolver(() => Agreement, { description: 'The agreement that set it up.' })
  async agreement(@Root() committee: Committee, @Ctx() context: Context): Promise<Agreement> {
    return (await agreementById(context).load(committee.agreementId))!;
  }

  @FieldResolver(() => CooperationArea, { nullable: true, description: 'The area it works on.' })
  area(@Root() committee: Committee, @Ctx() context: Context): Promise<CooperationArea | null> | null {
    return committee.areaId ? recordById(context, CooperationArea).load(committee.areaId) : null;
  }

  @FieldResolver(() => [Source], { description: 'The evidence for it.' })
  sources(@Root() committee: Committee, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Committee').load(committee.id);
  }
}

@Resolver(() => Agreement)
export class AgreementCommitteesResolver {
  @FieldResolver(() => [Committee], { description: 'Committees and working groups it sets up.' })
  committees(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Committee[]> {
    return committeesOf(context).load(agreement.id);
  }
}
