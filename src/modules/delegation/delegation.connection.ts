import { Connection } from '../../common/connection';
import { Delegation } from './delegation.entity';

export const DelegationConnection = Connection(Delegation, 'Delegation', 'delegation');
export type DelegationConnection = InstanceType<typeof DelegationConnection>;
