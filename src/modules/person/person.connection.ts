import { Connection } from '../../common/connection';
import { Person } from './person.entity';
import { Position } from './position.entity';

export const PersonConnection = Connection(Person, 'Person', 'person');
export type PersonConnection = InstanceType<typeof PersonConnection>;

export const PositionConnection = Connection(Position, 'Position', 'position');
export type PositionConnection = InstanceType<typeof PositionConnection>;
