import net from 'node:net';
import { ConfigError, loadConfig } from '../../src/config';

/** The ConfigError loadConfig raises for `env` (the variable it names and its message); fails when there is none. */
export function configError(env: Record<string, string>): { variable: string; message: string } {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { variable: error.variable, message: error.message };
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

/** A loopback port nothing listens on (the kernel picked it free, and it was closed again). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
