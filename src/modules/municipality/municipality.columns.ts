/**
 * What Municipality's resolved fields read, for `selectedColumns`: a list that selects only
 * the columns its query asks for must still give these resolvers their inputs. A field that
 * is neither here nor a column of the entity makes the list select every column. A new
 * resolver reading other columns than its namesake property must be listed here.
 */
export const MUNICIPALITY_RESOLVED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  name: ['names', 'slug'],
  names: ['names'],
  population: ['population', 'population_is_lower_bound', 'population_year'],
  partOf: ['part_of_id'],
};
