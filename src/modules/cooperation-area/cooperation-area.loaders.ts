import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { CooperationArea } from './cooperation-area.entity';

export const areaById = (context: Context) => recordById(context, CooperationArea);

export const areaBySlug = (context: Context) =>
  recordsByKey(
    context,
    'cooperation-area:slug',
    CooperationArea,
    `SELECT c.*, c.slug AS _key FROM cooperation_area c WHERE c.slug = ANY($1::text[])`,
  );

export const areaChildren = (context: Context) =>
  recordsByKey(
    context,
    'cooperation-area:children',
    CooperationArea,
    `SELECT c.*, c.parent_id AS _key FROM cooperation_area c WHERE c.parent_id = ANY($1::uuid[]) AND c.status = 'ACCEPTED' ORDER BY c.slug`,
  );
