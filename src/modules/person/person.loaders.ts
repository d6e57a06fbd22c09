import { PageArgs } from '../../common/connection';
import { ListQuery, nestedPages } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { Person } from './person.entity';
import { Position } from './position.entity';

export const personById = (context: Context) => recordById(context, Person);

/** People by Wikidata id (person_wikidata_id_key: one each, and its index). */
export const personByWikidataId = (context: Context) =>
  recordsByKey(
    context,
    'person:wikidata',
    Person,
    `SELECT p.*, p.wikidata_id AS _key FROM person p WHERE p.wikidata_id = ANY($1::text[])`,
  );

export const positionById = (context: Context) => recordById(context, Position);

/** Each person's positions, earliest first; undated ones first, as the least known. */
export const positionsOfPerson = (context: Context) =>
  recordsByKey(
    context,
    'position:person',
    Position,
    `SELECT pp.*, pp.person_id AS _key FROM person_position pp
      WHERE pp.person_id = ANY($1::uuid[]) ORDER BY pp.since NULLS FIRST, pp.id`,
  );

/** Where a position is held: the column naming its municipality or its organization. */
export type PositionPlace = 'municipality_id' | 'organization_id';

function positionsHeldIn(place: PositionPlace): ListQuery {
  return {
    kind: 'Position:SINCE:ASC',
    select: 'pp.*',
    from: 'person_position pp',
    where: [`pp.${place} = $parent`],
    params: new SqlParams(),
    sortKey: `COALESCE(pp.since, '-infinity'::date)`,
    sortType: 'date',
    tieBreaker: 'pp.id',
    direction: 'ASC',
  };
}

/** Pages of the positions held in each municipality or organization, earliest first. */
export const positionPages = (context: Context, place: PositionPlace, page: PageArgs) =>
  nestedPages(context, `position:${place}`, Position, () => positionsHeldIn(place), page);
