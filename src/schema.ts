import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync, NonEmptyArray } from 'type-graphql';
import { AgreementResolver } from './modules/agreement/agreement.resolver';
import { MayoralTermResolver } from './modules/mayor/mayoral-term.resolver';
import { MunicipalityResolver } from './modules/municipality/municipality.resolver';
import { PartnerResolver } from './modules/municipality/partner.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { PersonResolver } from './modules/person/person.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  AgreementResolver, MayoralTermResolver, MunicipalityResolver, NodeResolver, PartnerResolver, PersonResolver,
];

/** The GraphQL schema, built from the modules' decorated classes. */
export function buildApiSchema(): GraphQLSchema {
  const schema = buildSchemaSync({ resolvers, validate: false });
  // type-graphql has no decorator for the root types' descriptions; GraphiQL shows them first.
  const query = schema.getQueryType();
  if (query) query.description = 'Reading the register: municipalities, agreements, visits, people and the evidence for each.';
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Changing the register: every write is validated, attributed and done in one transaction.';
  return schema;
}

/** The schema as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printApiSchema(schema: GraphQLSchema = buildApiSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
