import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { RangePrecision } from '../../common/dates';
import { Multilingual } from '../../common/names';

export enum TimelineEvent {
  VISIT = 'VISIT',
  SIGNING = 'SIGNING',
  STATUS_CHANGE = 'STATUS_CHANGE',
  TERM_START = 'TERM_START',
  TERM_END = 'TERM_END',
}

registerEnumType(TimelineEvent, {
  name: 'TimelineEvent',
  description: 'What happened at a point of a timeline.',
  valuesConfig: {
    VISIT: { description: 'A delegation visit began (subject: the Visit).' },
    SIGNING: { description: 'An agreement was signed (subject: the Agreement).' },
    STATUS_CHANGE: { description: "An agreement's status changed, other than its signing (subject: the Agreement)." },
    TERM_START: { description: 'A term of office began (subject: the MayoralTerm or Position).' },
    TERM_END: { description: 'A term of office ended (subject: the MayoralTerm or Position).' },
  },
});

/** The names a summary is written from, each in every language the record has. */
export interface TimelineParts {
  status?: string;
  delegation?: Multilingual | null;
  sender?: Multilingual | null;
  host?: Multilingual;
  agreement?: Multilingual;
  place?: Multilingual | null;
  person?: Multilingual;
  municipality?: Multilingual;
  office?: Multilingual;
}

@ObjectType('TimelineEntry', {
  simpleResolvers: true,
  description: 'One dated event in the story of a municipality or a person.',
})
export class TimelineEntry {
  /** First and last days of the event's period (its stored partial date) and how much of it is known. */
  date!: string;
  latest!: string;
  precision!: RangePrecision;

  @Field(() => TimelineEvent, { description: 'What happened.' })
  event!: TimelineEvent;

  /** GraphQL type and database id of the record the entry is about. */
  subjectType!: string;
  subjectId!: string;
  parts!: TimelineParts;
}
