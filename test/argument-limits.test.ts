import { GraphQLInputType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType } from 'graphql';
import { LIST_LIMITS, TEXT_LIMITS } from '../src/limits/argument-limits';
import { buildApiSchema } from '../src/schema';

/** The table of bounds names only what the schema has, and the schema documents every bound. */
const schema = buildApiSchema();

interface Place {
  type: GraphQLInputType;
  description: string | null | undefined;
}

const places = new Map<string, Place>();
for (const type of Object.values(schema.getTypeMap())) {
  if (type.name.startsWith('__')) continue;
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      for (const argument of field.args) places.set(`${type.name}.${field.name}(${argument.name})`, argument);
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) places.set(`${type.name}.${field.name}`, field);
  }
}
const unwrap = (type: GraphQLInputType) => (isNonNullType(type) ? type.ofType : type);

test.each(Object.keys(LIST_LIMITS))('%s is a list argument of the schema', (key) => {
  expect(places.has(key)).toBe(true);
  expect(isListType(unwrap(places.get(key)!.type))).toBe(true);
});

test.each(Object.keys(TEXT_LIMITS))('%s is a text argument of the schema', (key) => {
  expect(places.has(key)).toBe(true);
  expect(['String', 'ID']).toContain(String(unwrap(places.get(key)!.type)));
});

test('every list argument states its bound in its description', () => {
  const lists = [...places.entries()].filter(([, place]) => isListType(unwrap(place.type)));
  expect(lists.length).toBeGreaterThan(50);
  const undocumented = lists
    .filter(([, place]) => !/At most \d+ items\.$/.test(place.description ?? ''))
    .map(([key]) => key);
  expect(undocumented).toEqual([]);
  expect(places.get('AgreementFilter.parties')!.description).toBe(
    'Municipality slugs that must all be parties ("tehran", "moscow"). At most 10 items.',
  );
  expect(places.get('Query.nodes(ids)')!.description).toBe('Global ids. At most 100 items.');
});
