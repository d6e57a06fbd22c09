import { Connection } from '../../common/connection';
import { Node } from '../../common/node.interface';
import { Source } from './source.entity';

export const SourceConnection = Connection(Source, 'Source', 'source');
export type SourceConnection = InstanceType<typeof SourceConnection>;

/** A page of records of any type (the records a source supports). */
export const RecordConnection = Connection(Node, 'Record', 'record');
export type RecordConnection = InstanceType<typeof RecordConnection>;
