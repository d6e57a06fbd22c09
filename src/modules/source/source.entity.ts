import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { Node } from '../../common/node.interface';
import { Confidence } from './confidence';

export enum SourceKind {
  OFFICIAL_DOCUMENT = 'OFFICIAL_DOCUMENT',
  NEWS_AGENCY_REPORT = 'NEWS_AGENCY_REPORT',
  NEWS_REPORT = 'NEWS_REPORT',
  SECONDARY_COMPILATION = 'SECONDARY_COMPILATION',
  DATASET = 'DATASET',
  BLOG = 'BLOG',
  OTHER = 'OTHER',
}

registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'What kind of evidence a source is.',
  valuesConfig: {
    OFFICIAL_DOCUMENT: { description: 'A document issued by a party: the agreement text, a city web page.' },
    NEWS_AGENCY_REPORT: { description: 'A report by a news agency (IRNA, Sputnik).' },
    NEWS_REPORT: { description: 'A report by a newspaper or news site.' },
    SECONDARY_COMPILATION: { description: 'A compilation from other sources, such as a Wikipedia list.' },
    DATASET: { description: 'A published data set.' },
    BLOG: { description: 'A blog or personal page.' },
    OTHER: { description: 'Anything else.' },
  },
});

@ObjectType('Source', {
  simpleResolvers: true,
  implements: Node,
  description: 'Where facts come from: the evidence for records.',
})
@Entity('source')
export class Source extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => SourceKind, { description: 'What kind of evidence it is.' })
  @Column('text')
  kind!: SourceKind;

  @Field({ description: 'Who published it ("IRNA").' })
  @Column('text')
  publisher!: string;

  @Field({ description: 'Title or headline, in its own language.' })
  @Column('text')
  title!: string;

  @Field({ description: 'BCP 47 tag of the language it is written in.' })
  @Column('text')
  language!: string;

  @Column('date', { name: 'published_on', nullable: true })
  publishedOnDate!: string | null;

  @Column('text', { name: 'published_on_precision', nullable: true })
  publishedOnPrecision!: DatePrecision | null;

  @Field(() => String, { nullable: true, description: 'Where to read it.' })
  @Column('text', { nullable: true })
  url!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A reference that identifies it where there is no URL ("news code 465317").',
  })
  @Column('text', { nullable: true })
  reference!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence the source or data set is published under.' })
  @Column('text', { nullable: true })
  licence!: string | null;

  @Field(() => Confidence, {
    description:
      'How far it is to be trusted, for every record citing it that states no confidence of its own (see `Citation.confidence`).',
  })
  @Column('text')
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Why it has that confidence ("the city confirmed by e-mail").' })
  @Column('text', { name: 'confidence_note', nullable: true })
  confidenceNote!: string | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
