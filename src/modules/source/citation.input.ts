import { IsOptional } from 'class-validator';
import { Field } from 'type-graphql';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { addLinks, LinkInput, LinkInputShape, LinkSpec, removeLinks } from '../../write/links';
import { MutationTransaction } from '../../write/transaction';
import { IsText } from '../../write/validation';
import { Confidence, CONFIDENCE_NOTE_MAX_LENGTH } from './confidence';

/** What adding citations may say beyond the sources: one confidence and note for all of them. */
export type CitationsInputShape = LinkInputShape & { confidence?: Confidence | null; confidenceNote?: string | null };

/**
 * `<Name>Input { id, version, sourceIds, confidence, confidenceNote }`: the link input of a
 * record's sources, with the confidence the new citations state for that record.
 */
export function CitationsInput(name: string, spec: LinkSpec, what: string) {
  const Input = LinkInput(name, spec, what);
  Field(() => Confidence, {
    nullable: true,
    description:
      `Adding only: the confidence these citations state for this ${spec.owner}, outweighing their sources' own ` +
      "for it; left out, each takes its source's.",
  })(Input.prototype, 'confidence');
  IsOptional()(Input.prototype, 'confidence');
  Field(() => String, {
    nullable: true,
    description: `Adding only, with \`confidence\`: why (at most ${CONFIDENCE_NOTE_MAX_LENGTH} characters).`,
  })(Input.prototype, 'confidenceNote');
  for (const decorate of [IsOptional(), IsText(CONFIDENCE_NOTE_MAX_LENGTH)])
    decorate(Input.prototype, 'confidenceNote');
  return Input as new () => InstanceType<typeof Input> & CitationsInputShape;
}

/** Cites sources; a note needs the level it explains (the database checks it too). */
export function addCitations<T extends object>(
  tx: MutationTransaction,
  spec: LinkSpec,
  input: CitationsInputShape,
): Promise<T> {
  if (input.confidenceNote != null && input.confidence == null) {
    throw UserInputError.of(
      ['input', 'confidenceNote'],
      'explains a confidence: give `confidence` with it',
      UserErrorCode.INVALID,
    );
  }
  return addLinks<T>(tx, spec, input, {
    confidence: input.confidence ?? null,
    confidence_note: input.confidenceNote ?? null,
  });
}

/** Takes sources off a record; what a citation stated goes with it. */
export function removeCitations<T extends object>(
  tx: MutationTransaction,
  spec: LinkSpec,
  input: CitationsInputShape,
): Promise<T> {
  for (const field of ['confidence', 'confidenceNote'] as const) {
    if (input[field] != null) {
      throw UserInputError.of(
        ['input', field],
        'is for adding sources; removing takes the sources only',
        UserErrorCode.INVALID,
      );
    }
  }
  return removeLinks<T>(tx, spec, input);
}
