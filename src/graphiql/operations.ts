import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';

/** A contract operation as a GraphiQL tab: its text as written, and variables to fill in. */
export interface OperationTab {
  /** The operation's name (`CityPartners`), which GraphiQL also shows as the tab title. */
  name: string;
  query: string;
  /** JSON naming each variable that has no default, set to null for the analyst to fill; null when none. */
  variables: string | null;
}

/**
 * Every tab the page opens with: the contract's operations (`operations/`, copies of
 * ../shared/contract), then the subscriptions that show the live register (`subscriptions/`).
 */
export function readExampleTabs(sourceDirectory: string): OperationTab[] {
  return [
    ...readOperationTabs(path.join(sourceDirectory, 'operations')),
    ...readOperationTabs(path.join(sourceDirectory, 'subscriptions')),
  ];
}

/** The `.graphql` files of a folder in file-name order (01-..., 02-...), each as a tab. */
export function readOperationTabs(directory: string): OperationTab[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => operationTab(file, readFileSync(path.join(directory, file), 'utf8')));
}

function operationTab(file: string, query: string): OperationTab {
  const operation = parse(query).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || !operation.name) {
    throw new Error(`${file}: expected one named operation`);
  }
  const missing = (operation.variableDefinitions ?? []).filter((variable) => !variable.defaultValue);
  const variables = Object.fromEntries(missing.map((variable) => [variable.variable.name.value, null]));
  return {
    name: operation.name.value,
    query,
    variables: missing.length > 0 ? JSON.stringify(variables, null, 2) : null,
  };
}
