/**
 * The source module's face: the evidence (sources) and what cites it (citations).
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { Citation } from './citation.entity';
export { addCitations, CitationsInput, removeCitations } from './citation.input';
export { CitingRecordResolver } from './citing-record.fields';
export { Confidence, strongestConfidence } from './confidence';
export { Source } from './source.entity';
export { sourcesOf } from './source.loaders';
