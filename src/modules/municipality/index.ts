/**
 * The municipality module's face: cities, their names and places.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { MUNICIPALITY_RESOLVED_COLUMNS } from './municipality.columns';
export { Municipality } from './municipality.entity';
export { municipalityById, municipalityBySlug } from './municipality.loaders';
export { createMunicipality, updateMunicipality } from './municipality.service';
export { CreateMunicipalityInput } from './municipality.input';
