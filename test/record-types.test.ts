import { tableOf } from '../src/database/rows';
import { REGISTER_TABLES } from '../src/export/register-format';
import { recordTypes } from '../src/modules/record-types';
import { registeredRecordTypes } from '../src/write/records';

/*
 * The registry of record types (src/modules/record-types.ts) against what is still listed
 * elsewhere by choice: the export's sections, a public file format whose order is foreign-key
 * order. A record type added to the registry and forgotten there fails here, instead of
 * being left out of `npm run export` without a word.
 */
describe('the registry of record types', () => {
  it('is what the write layer was handed', () => {
    expect(registeredRecordTypes().map(({ target }) => target.name)).toEqual(Object.keys(recordTypes));
  });

  it('has every record type but API keys, and the rows each owns, in the register export', () => {
    const tables = Object.entries(recordTypes)
      .filter(([name]) => name !== 'ApiKey')
      .flatMap(([, { target, rows = [] }]) => [target, ...rows].map(tableOf));
    expect(tables.filter((table) => !REGISTER_TABLES.includes(table))).toEqual([]);
  });

  it('leaves API keys out of the export: a key is a credential, not part of the register', () => {
    expect(REGISTER_TABLES).not.toContain(recordTypes.ApiKey.table);
  });
});
