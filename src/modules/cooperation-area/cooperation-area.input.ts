import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId } from '../../write/validation';

const Slug = () =>
  Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'must be lowercase letters and digits in words joined by single hyphens',
  });

@InputType('CreateCooperationAreaInput', {
  description: 'A new term of the cooperation-area vocabulary, at the top of the tree or under a broader area.',
})
export class CreateCooperationAreaInput extends CreateInput {
  @Field({ description: 'Stable key: lowercase words joined by hyphens ("water-supply").' })
  @Slug()
  slug!: string;

  @Field(() => [LocalizedTextInput], {
    description: 'Its label in every language recorded (English, Persian, Russian...).',
  })
  @NamesRules()
  names!: LocalizedTextInput[];

  @Field(() => ID, { nullable: true, description: 'The broader area it belongs under; null for a top-level area.' })
  @IsOptional()
  @IsGlobalId('CooperationArea')
  parentId?: string | null;
}

@InputType('UpdateCooperationAreaInput', {
  description: "New values for an area's fields; left out: unchanged, parentId null: moved to the top.",
})
export class UpdateCooperationAreaInput extends ChangeInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable key (clients may have stored it: change it only to correct it).',
  })
  @IsOptional()
  @Slug()
  slug?: string | null;

  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its label in every language (replaces the labels).',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The broader area (null: top level); not the area itself nor one of its sub-areas.',
  })
  @IsOptional()
  @IsGlobalId('CooperationArea')
  parentId?: string | null;
}

@InputType('AcceptCooperationAreaInput', {
  description: 'A proposed area (id and version read) to accept into the vocabulary.',
})
export class AcceptCooperationAreaInput extends ChangeInput {}

@InputType('RejectCooperationAreaInput', {
  description: 'A proposed area (id and version read) to reject: it is deleted.',
})
export class RejectCooperationAreaInput extends ChangeInput {}
