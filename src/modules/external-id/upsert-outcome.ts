import { registerEnumType } from 'type-graphql';

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}

registerEnumType(UpsertOutcome, {
  name: 'UpsertOutcome',
  description: 'What an upsert did.',
  valuesConfig: {
    CREATED: { description: 'No record matched: it made one.' },
    UPDATED: { description: 'It changed the record that matched.' },
    UNCHANGED: { description: 'The record that matched already said all this: nothing was written.' },
  },
});
