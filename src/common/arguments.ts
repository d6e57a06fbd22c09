import { ArgsType, Field } from 'type-graphql';
import { CalendarKind } from './dates';

/** The `calendar:` argument every date field takes. */
@ArgsType()
export class CalendarArgs {
  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar to write the date in.' })
  calendar!: CalendarKind;
}

/** The `lang:` argument of every multilingual name or title. */
@ArgsType()
export class LanguageArgs {
  @Field({
    defaultValue: 'en',
    description: 'BCP 47 language tag. Falls back to English, then to any language the record has.',
  })
  lang!: string;
}
