import { IsOptional, IsUrl } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { ChangeInput, CreateInput } from '../../write/payloads';
import { IsLanguageTag, IsPartialDate, IsText } from '../../write/validation';
import { Confidence, CONFIDENCE_NOTE_MAX_LENGTH } from './confidence';
import { SourceKind } from './source.entity';

// The database accepts http(s) URLs only (source_url_check): say so before it has to.
const WebAddress = (): PropertyDecorator => (target, key) =>
  [
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true },
      { message: 'must be an http:// or https:// address' },
    ),
    IsText(2000),
  ].forEach((decorate) => decorate(target, key));

@InputType('CreateSourceInput', {
  description: 'A new source: a document, a report or a data set that records can cite.',
})
export class CreateSourceInput extends CreateInput {
  @Field(() => SourceKind, { description: 'What kind of evidence it is.' })
  kind!: SourceKind;

  @Field({ description: 'Who published it ("IRNA").' })
  @IsText(500)
  publisher!: string;

  @Field({ description: 'Title or headline, in its own language and script.' })
  @IsText(1000)
  title!: string;

  @Field({ description: 'BCP 47 tag of the language it is written in ("fa").' })
  @IsLanguageTag()
  language!: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When it was published (or the month or year).' })
  @IsOptional()
  @IsPartialDate()
  publishedOn?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of publishedOn.' })
  calendar!: CalendarKind;

  @Field(() => String, { nullable: true, description: 'Where to read it: an http:// or https:// address.' })
  @IsOptional()
  @WebAddress()
  url?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What identifies it where there is no URL ("news code 465317").',
  })
  @IsOptional()
  @IsText(500)
  reference?: string | null;

  @Field(() => String, { nullable: true, description: 'Licence it is published under.' })
  @IsOptional()
  @IsText(500)
  licence?: string | null;

  @Field(() => Confidence, {
    nullable: true,
    description:
      'How far it is to be trusted; left out: from its kind (OFFICIAL_DOCUMENT CONFIRMED, BLOG CLAIMED, others REPORTED).',
  })
  @IsOptional()
  confidence?: Confidence | null;

  @Field(() => String, {
    nullable: true,
    description: `Why it has that confidence (at most ${CONFIDENCE_NOTE_MAX_LENGTH} characters).`,
  })
  @IsOptional()
  @IsText(CONFIDENCE_NOTE_MAX_LENGTH)
  confidenceNote?: string | null;
}

@InputType('UpdateSourceInput', {
  description: "New values for a source's fields; left out: unchanged, null: cleared (where it may be empty).",
})
export class UpdateSourceInput extends ChangeInput {
  @Field(() => SourceKind, { nullable: true, description: 'What kind of evidence it is.' })
  kind?: SourceKind | null;

  @Field(() => String, { nullable: true, description: 'Who published it.' })
  @IsOptional()
  @IsText(500)
  publisher?: string | null;

  @Field(() => String, { nullable: true, description: 'Title or headline.' })
  @IsOptional()
  @IsText(1000)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 tag of its language.' })
  @IsOptional()
  @IsLanguageTag()
  language?: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When it was published (null: not known).' })
  @IsOptional()
  @IsPartialDate()
  publishedOn?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of publishedOn.' })
  calendar!: CalendarKind;

  @Field(() => String, { nullable: true, description: 'Where to read it (null clears).' })
  @IsOptional()
  @WebAddress()
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'What identifies it where there is no URL (null clears).' })
  @IsOptional()
  @IsText(500)
  reference?: string | null;

  @Field(() => String, { nullable: true, description: 'Licence it is published under (null clears).' })
  @IsOptional()
  @IsText(500)
  licence?: string | null;

  @Field(() => Confidence, {
    nullable: true,
    description: 'How far it is to be trusted (left out or null: unchanged).',
  })
  @IsOptional()
  confidence?: Confidence | null;

  @Field(() => String, {
    nullable: true,
    description: `Why it has that confidence (at most ${CONFIDENCE_NOTE_MAX_LENGTH} characters; null clears).`,
  })
  @IsOptional()
  @IsText(CONFIDENCE_NOTE_MAX_LENGTH)
  confidenceNote?: string | null;
}
