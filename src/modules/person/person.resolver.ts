import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { MayoralTerm } from '../mayor/mayoral-term.entity';
import { mayoralTermsOfPerson } from '../mayor/mayoral-term.loaders';
import { Person } from './person.entity';

@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() person: Person, @Args() { lang }: LanguageArgs): string {
    return pickText(person.names, lang) ?? person.sortName;
  }

  @FieldResolver(() => [LocalizedText], { description: 'The name in every language recorded, ordered by language tag.' })
  names(@Root() person: Person): LocalizedText[] {
    return listTexts(person.names);
  }

  @FieldResolver(() => [MayoralTerm], { description: 'Terms as mayor, earliest first.' })
  mayoralTerms(@Root() person: Person, @Ctx() context: Context): Promise<MayoralTerm[]> {
    return mayoralTermsOfPerson(context).load(person.id);
  }
}
