import { IsOptional } from 'class-validator';
import { Field } from 'type-graphql';
import { CalendarKind, PartialDateScalar } from '../common/dates';
import { IsPartialDate, NotBefore } from './validation';

/*
 * The date fields of mutation inputs, each with its checks. A module's create and update inputs
 * share their date range through a mixin of their own (see visit.input.ts), built from these; a
 * mixin class is an @InputType() that nothing refers to, so it is not in the schema.
 */

/** What an input mixin extends: CreateInput and ChangeInput are abstract, hence the abstract signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InputBase = abstract new (...args: any[]) => object;

export interface PartialDateFieldOptions {
  /** Non-null in the schema and never left out; otherwise null and left out are both accepted. */
  required?: boolean;
  /** The property this date ends a range from: it must not come before it. */
  notBefore?: string;
  /** Also a span a report gives, as an interval EARLIEST/LATEST (stored by `storedRange`). */
  range?: boolean;
}

const RANGE_INPUT =
  'A span a report gives may be an interval EARLIEST/LATEST, in the input\'s calendar: "2018-02-20/2018-02-28" ' +
  '(late February 2018), "1396-12-01/1396-12-09", "2015-01/2015-04" (early 2015).';

/** A PartialDate input field: a date that exists in the input's `calendar`. */
export function PartialDateField(
  description: string,
  { required = false, notBefore, range = false }: PartialDateFieldOptions = {},
): PropertyDecorator {
  const text = range ? `${description} ${RANGE_INPUT}` : description;
  const decorators: PropertyDecorator[] = required
    ? [Field(() => PartialDateScalar, { description: text }), IsPartialDate(undefined, range)]
    : [
        Field(() => PartialDateScalar, { nullable: true, description: text }),
        IsOptional(),
        IsPartialDate(undefined, range),
      ];
  if (notBefore) decorators.push(NotBefore(notBefore));
  // Last first, as TypeScript applies stacked decorators: the checks of a field keep their order.
  return (target, key) => [...decorators].reverse().forEach((decorate) => decorate(target, key));
}

/** The calendar an input's dates are given in; `dates` names them ("since and until"). */
export const CalendarField = (dates: string): PropertyDecorator =>
  Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: `Calendar of ${dates}.` });
