import pino from 'pino';
import { Config } from './config';

export type Logger = pino.Logger;

/** JSON logs on stdout, one object a line. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'municipal-diplomacy-api' } });
}
