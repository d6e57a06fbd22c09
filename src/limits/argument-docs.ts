import {
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { DEFAULT_TEXT_LIMIT, listLimitOf, textLimitOf } from './argument-limits';

/**
 * Writes each list argument's bound (and each text argument's, where it differs from the
 * default) into its description, so GraphiQL and schema.graphql show the limits the server
 * enforces: one table, argument-limits.ts, is both the rule and its documentation.
 */
export function documentArgumentLimits(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const argument of field.args) {
          argument.description = withLimit(
            argument.description,
            argument.type,
            `${type.name}.${field.name}(${argument.name})`,
            argument.name,
          );
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        field.description = withLimit(field.description, field.type, `${type.name}.${field.name}`, field.name);
      }
    }
  }
}

function withLimit(
  description: string | null | undefined,
  type: GraphQLInputType,
  key: string,
  name: string,
): string | undefined {
  const inner = isNonNullType(type) ? type.ofType : type;
  let limit: string | undefined;
  if (isListType(inner)) {
    limit = `At most ${listLimitOf(key)} items.`;
  } else if (inner.name === 'String' || inner.name === 'ID') {
    const characters = textLimitOf(key, name);
    if (characters !== DEFAULT_TEXT_LIMIT) limit = `At most ${characters} characters.`;
  }
  if (!limit) return description ?? undefined;
  const text = (description ?? '').replace(/\s*\(at most \d+\)/i, '').trim();
  return text ? `${text}${/[.!?)]$/.test(text) ? '' : '.'} ${limit}` : limit;
}
