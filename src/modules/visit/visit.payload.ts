import { Payload } from '../../write/payloads';
import { Visit } from './visit.entity';

/** The payload of every mutation of a visit, built once: the schema holds one VisitPayload. */
export const VisitPayload = Payload(Visit, 'Visit', 'visit');
