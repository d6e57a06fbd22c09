import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs, LanguageArgs } from '../../common/arguments';
import { showDateRange } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Municipality } from '../municipality';
import { Person } from '../person';
import { recordTypes, RecordTypeName } from '../record-types';
import { TimelineArgs, timelineRange } from './timeline.arguments';
import { timelineOf } from './timeline.service';
import { summarize } from './timeline.summary';
import { TimelineEntry } from './timeline-entry.type';

const TIMELINE_DESCRIPTION =
  'Dated events in date order: visits, signings, status changes of agreements and terms of office. On one day, ' +
  'events known to the day come before those known only by year, month or as "within a trip"; remaining ties ' +
  'are broken by kind of event and record, so the order is stable. Undated events are left out.';

@Resolver(() => Municipality)
export class MunicipalityTimelineResolver {
  @FieldResolver(() => [TimelineEntry], {
    description: `${TIMELINE_DESCRIPTION} Includes visits the municipality hosted or sent, agreements it is party to, its mayors.`,
  })
  timeline(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() args: TimelineArgs,
  ): Promise<TimelineEntry[]> {
    return timelineOf(context, 'municipality', timelineRange(args)).load(municipality.id);
  }
}

@Resolver(() => Person)
export class PersonTimelineResolver {
  @FieldResolver(() => [TimelineEntry], {
    description: `${TIMELINE_DESCRIPTION} Includes visits the person took part in, agreements they signed or attended, their offices.`,
  })
  timeline(@Root() person: Person, @Ctx() context: Context, @Args() args: TimelineArgs): Promise<TimelineEntry[]> {
    return timelineOf(context, 'person', timelineRange(args)).load(person.id);
  }
}

@Resolver(() => TimelineEntry)
export class TimelineEntryResolver {
  @FieldResolver(() => PartialDateScalar, {
    description: 'When it happened, at the precision known, in the asked calendar.',
  })
  on(@Root() entry: TimelineEntry, @Args() { calendar }: CalendarArgs): string {
    return showDateRange(entry.date, entry.latest, entry.precision, calendar)!;
  }

  @FieldResolver(() => String, {
    description: 'One line about the event in the asked language: en, fa or ru (others read as en).',
  })
  summary(@Root() entry: TimelineEntry, @Args() { lang }: LanguageArgs): string {
    return summarize(entry, lang);
  }

  @FieldResolver(() => Node, {
    description:
      'The record the event is about: the Visit, the Agreement (signed, or whose status changed), the MayoralTerm or Position.',
  })
  async subject(@Root() entry: TimelineEntry, @Ctx() context: Context): Promise<Node> {
    // subject_type is a record type's name (timeline.service.ts): a Visit, Agreement, MayoralTerm or Position.
    const { target } = recordTypes[entry.subjectType as RecordTypeName];
    return (await recordById(context, target as new () => Node).load(entry.subjectId))!;
  }
}
