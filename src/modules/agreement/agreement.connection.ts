import { Connection } from '../../common/connection';
import { Agreement } from './agreement.entity';

export const AgreementConnection = Connection(Agreement, 'Agreement', 'agreement');
export type AgreementConnection = InstanceType<typeof AgreementConnection>;
