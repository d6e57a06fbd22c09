import { Connection } from '../../common/connection';
import { Visit } from './visit.entity';

export const VisitConnection = Connection(Visit, 'Visit', 'visit');
export type VisitConnection = InstanceType<typeof VisitConnection>;
