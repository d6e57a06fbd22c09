import { Connection } from '../../common/connection';
import { Partnership } from './partnership.entity';

export const PartnershipConnection = Connection(Partnership, 'Partnership', 'partnership');
export type PartnershipConnection = InstanceType<typeof PartnershipConnection>;
