import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Citation } from './citation.entity';
import { Confidence } from './confidence';
import { Source } from './source.entity';
import { sourceById } from './source.loaders';

/**
 * A citation's effective confidence: its own when it states one, else its source's. The note
 * goes with the level it explains, so a citation stating its own level shows its own note
 * (or none), never the source's note for another level.
 */
@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: 'The source cited.' })
  async source(@Root() citation: Citation, @Ctx() context: Context): Promise<Source> {
    return (await sourceById(context).load(citation.sourceId))!;
  }

  @FieldResolver(() => Confidence, {
    description:
      "How far the source supports this record: the citation's own confidence if it states one, else the source's.",
  })
  confidence(@Root() citation: Citation): Confidence {
    return citation.ownConfidence ?? citation.sourceConfidence!;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Why: the citation's note when it states its own confidence, else the source's note.",
  })
  confidenceNote(@Root() citation: Citation): string | null {
    return citation.ownConfidence ? citation.ownConfidenceNote : (citation.sourceConfidenceNote ?? null);
  }
}
