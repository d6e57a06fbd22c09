import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { RecordTypeName } from '../../write/records';
import { Citation } from './citation.entity';
import { citationsOf, recordConfidenceOf } from './citation.loaders';
import { Confidence } from './confidence';

/**
 * `citations` and `confidence` for a record type that cites sources: the same two fields on
 * every such type. The source module imports none of them, so the type is handed in
 * (modules/record-confidence.resolver.ts makes one resolver per type of the registry).
 */
export function CitingRecordResolver(target: new () => object, type: RecordTypeName) {
  @Resolver(() => target)
  class CitingRecordFields {
    @FieldResolver(() => [Citation], {
      description: 'The sources cited for it, each with how far it supports it; in the order of `sources`.',
    })
    citations(@Root() record: { id: string }, @Ctx() context: Context): Promise<Citation[]> {
      return citationsOf(context, type).load(record.id);
    }

    @FieldResolver(() => Confidence, {
      nullable: true,
      description:
        'How well it is supported: the strongest confidence among its citations (a record cited only by CLAIMED ' +
        'sources reads CLAIMED); null when it cites no source.',
    })
    async confidence(@Root() record: { id: string }, @Ctx() context: Context): Promise<Confidence | null> {
      const [row] = await recordConfidenceOf(context, type).load(record.id);
      return row?.confidence ?? null;
    }
  }
  Object.defineProperty(CitingRecordFields, 'name', { value: `${type}CitationsResolver` });
  return CitingRecordFields;
}
