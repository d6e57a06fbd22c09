import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Multilingual } from '../../common/names';

export enum AgreementStatsGroup {
  KIND = 'KIND',
  STATUS = 'STATUS',
  AREA = 'AREA',
  YEAR = 'YEAR',
  COUNTRY_PAIR = 'COUNTRY_PAIR',
}

registerEnumType(AgreementStatsGroup, {
  name: 'AgreementStatsGroup',
  description: 'What to count agreements by.',
  valuesConfig: {
    KIND: { description: 'By kind: the key is an `AgreementKind` value ("SISTER_CITY").' },
    STATUS: {
      description:
        'By status as of today (UTC), following the dates as `Agreement.status` does (a lapsed fixed term counts ' +
        'as EXPIRED): the key is an `AgreementStatus` value ("SIGNED").',
    },
    AREA: {
      description:
        'By cooperation area: the key is the area slug. An agreement counts once under each area it covers directly ' +
        '(not under their parent areas), so the counts add up to more than the number of agreements; ' +
        'agreements with no area are not counted.',
    },
    YEAR: {
      description: 'By year of signing ("2015"); agreements whose signing date is not known count under "unknown".',
    },
    COUNTRY_PAIR: {
      description:
        'By the countries of the parties: their distinct ISO codes, sorted, joined by "-" ("IR-RU"). A multilateral ' +
        'agreement counts once, under all its countries ("CN-IR-RU"); one between cities of one country under that country ("RU").',
    },
  },
});

@ObjectType('AgreementStat', {
  simpleResolvers: true,
  description: 'The number of agreements in one group of a dashboard count.',
})
export class AgreementStat {
  @Field({
    description:
      'The group: an enum value, an area slug, a year, or a set of country codes; see `AgreementStatsGroup`.',
  })
  key!: string;

  /** Labels by language; shown by the `label` field. Null where the key says it all (years, countries). */
  labels!: Multilingual | null;

  @Field(() => Int, { description: 'How many agreements matching the filter fall in the group.' })
  count!: number;
}
