import { Connection } from '../../common/connection';
import { Municipality } from './municipality.entity';

export const MunicipalityConnection = Connection(Municipality, 'Municipality', 'municipality');
export type MunicipalityConnection = InstanceType<typeof MunicipalityConnection>;
