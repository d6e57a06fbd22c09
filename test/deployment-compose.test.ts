import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Config, loadConfig } from '../src/config';

/*
 * docker-compose.yml's `scale` profile, kept correct by reading (no Docker engine runs here;
 * CI also runs `docker-compose --profile scale config -q`): the services are there, each API
 * process's environment is one the config loader accepts, the connections fit the primary,
 * and HAProxy's file names the processes and checks /readyz.
 */

interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

const ROOT = path.join(__dirname, '..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const haproxyConfig = readFileSync(path.join(ROOT, 'deploy/haproxy.cfg'), 'utf8');
const API_SERVICES = ['api-1', 'api-2', 'api-3'];
const SCALE_SERVICES = ['postgres-primary', 'postgres-replica', 'redis', ...API_SERVICES, 'haproxy'];

/**
 * Connections each PostgreSQL server keeps free of the API processes: superuser_reserved_connections
 * (3), and the rest for psql, migrations run by hand, backups and monitoring (README, "Running at scale").
 */
const HEADROOM = 10;

/** The value of `-c name=value` in a postgres command line. */
function setting(service: Service, name: string): string | undefined {
  const prefix = `${name}=`;
  return service.command?.find((argument) => argument.startsWith(prefix))?.slice(prefix.length);
}

function seconds(duration: string | undefined): number {
  const match = /^(\d+)s$/.exec(duration ?? '');
  if (!match) throw new Error(`not a duration in seconds: ${duration}`);
  return Number(match[1]);
}

/** Host name and port of a URL, the port defaulting to `port`. */
function endpoint(url: string, port: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || port}`;
}

describe('the scale profile', () => {
  it('has a primary, a replica, Redis, three API processes and HAProxy, and only those', () => {
    const inProfile = Object.keys(services).filter((name) => services[name].profiles?.includes('scale'));
    expect(inProfile).toEqual(SCALE_SERVICES);
  });

  it('leaves the default stack as it was: db and api, in no profile', () => {
    expect(Object.keys(services).filter((name) => !services[name].profiles)).toEqual(['db', 'api']);
    expect(services.api.environment).toEqual({
      DATABASE_URL: 'postgres://postgres:postgres@db:5432/diplomacy',
      HOST: '0.0.0.0',
      PORT: '4000',
      NODE_ENV: 'production',
    });
  });

  it('waits for what each service needs to be healthy, and each of those has a health check', () => {
    for (const name of API_SERVICES) {
      expect(services[name].depends_on).toEqual({
        'postgres-primary': { condition: 'service_healthy' },
        'postgres-replica': { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(services.haproxy.depends_on).toEqual(
      Object.fromEntries(API_SERVICES.map((name) => [name, { condition: 'service_healthy' }])),
    );
    expect(services['postgres-replica'].depends_on).toEqual({ 'postgres-primary': { condition: 'service_healthy' } });
    for (const name of SCALE_SERVICES.filter((name) => name !== 'haproxy')) {
      expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
    }
  });

  it('mounts only files that exist', () => {
    const mounted = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .filter((volume) => volume.startsWith('./'))
      .map((volume) => volume.split(':')[0]);
    expect(mounted).toEqual([
      './deploy/postgres-primary-init.sh',
      './deploy/postgres-replica-entrypoint.sh',
      './deploy/haproxy.cfg',
    ]);
    for (const file of mounted) expect(existsSync(path.join(ROOT, file))).toBe(true);
  });
});

describe('each API process', () => {
  const configs = API_SERVICES.map((name) => ({ name, env: services[name].environment!, config: {} as Config }));
  beforeAll(() => {
    for (const entry of configs) entry.config = loadConfig(entry.env);
  });

  it('runs the image from the Dockerfile', () => {
    for (const name of API_SERVICES)
      expect(services[name]).toMatchObject({ build: '.', image: 'municipal-diplomacy-api' });
  });

  it.each(API_SERVICES)('%s: its environment passes the config loader, with the values it means', (name) => {
    const { config } = configs.find((entry) => entry.name === name)!;
    expect(config.environment).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(4000);
    expect(endpoint(config.databaseUrl!, 5432)).toBe('postgres-primary:5432');
    expect(config.databasePoolSize).toBe(15);
    expect(config.serving.trustProxy).toBe(true);
    expect(config.serving.shutdownDrainDelayMs).toBe(5000);
    expect(config.serving.shutdownTimeoutMs).toBe(10_000);
  });

  // The replica and shared-budget settings, as the environment gives them and as loadConfig reads them.
  it.each(API_SERVICES)('%s: reads from the replica and keeps the rate budget in Redis', (name) => {
    const apiProcess = configs.find((entry) => entry.name === name)!;
    const env = apiProcess.env;
    expect(apiProcess.config.databaseUrl).toBe(env.DATABASE_URL);
    const replicaUrls = env.DATABASE_REPLICA_URLS.split(',');
    expect(replicaUrls.map((url) => endpoint(url, 5432))).toEqual(['postgres-replica:5432']);
    expect(replicaUrls.map((url) => new URL(url).protocol)).toEqual(['postgres:']);
    expect(apiProcess.config.replicas).toEqual({ urls: replicaUrls, maxLagMs: 1000, checkIntervalMs: 500 });
    expect(new URL(env.REDIS_URL).protocol).toBe('redis:');
    expect(endpoint(env.REDIS_URL, 6379)).toBe('redis:6379');
    expect([apiProcess.config.serving.rateBudgetStore, apiProcess.config.serving.redisUrl]).toEqual([
      'redis',
      env.REDIS_URL,
    ]);
  });

  it('is given time by Docker to drain and finish before SIGKILL', () => {
    for (const { name, config } of configs) {
      const needed = (config.serving.shutdownDrainDelayMs + config.serving.shutdownTimeoutMs) / 1000;
      expect([name, seconds(services[name].stop_grace_period) > needed]).toEqual([name, true]);
    }
  });

  it("fits the primary's and the replica's connections, with headroom", () => {
    const primary = services['postgres-primary'];
    const replica = services['postgres-replica'];
    const primaryMax = Number(setting(primary, 'max_connections'));
    const replicaMax = Number(setting(replica, 'max_connections'));
    expect(primaryMax).toBe(100);
    // A hot standby refuses to start with fewer connections than its primary.
    expect(replicaMax).toBeGreaterThanOrEqual(primaryMax);
    // On the primary: the pool and the LISTEN connection of each process.
    const onPrimary = configs.reduce((sum, { config }) => sum + config.databasePoolSize + 1, 0);
    // On the replica: each process's read pool, of the same size (its checks borrow from it).
    const onReplica = configs.reduce(
      (sum, { config }) => sum + config.databasePoolSize * config.replicas.urls.length,
      0,
    );
    expect([onPrimary, onReplica]).toEqual([48, 45]);
    expect(onPrimary).toBeLessThanOrEqual(primaryMax - HEADROOM);
    expect(onReplica).toBeLessThanOrEqual(replicaMax - HEADROOM);
  });
});

describe('PostgreSQL primary and replica', () => {
  it('the primary ships WAL to standbys, and its init script allows replication', () => {
    const primary = services['postgres-primary'];
    expect(setting(primary, 'wal_level')).toBe('replica');
    expect(Number(setting(primary, 'max_wal_senders'))).toBeGreaterThanOrEqual(2);
    expect(primary.volumes).toContain(
      './deploy/postgres-primary-init.sh:/docker-entrypoint-initdb.d/10-replication.sh:ro',
    );
    const init = readFileSync(path.join(ROOT, 'deploy/postgres-primary-init.sh'), 'utf8');
    expect(init).toContain('WITH REPLICATION LOGIN');
    expect(init).toContain('pg_create_physical_replication_slot');
    expect(init).toContain('host replication ${REPLICATION_USER} all scram-sha-256');
  });

  it('the replica copies the primary with pg_basebackup -R on its first start, on the primary slot', () => {
    const replica = services['postgres-replica'];
    const script = readFileSync(path.join(ROOT, 'deploy/postgres-replica-entrypoint.sh'), 'utf8');
    expect(replica.entrypoint).toEqual(['/usr/local/bin/replica-entrypoint.sh']);
    expect(replica.volumes).toContain(
      './deploy/postgres-replica-entrypoint.sh:/usr/local/bin/replica-entrypoint.sh:ro',
    );
    // Continued lines read as one command.
    expect(script.replace(/\\\n\s*/g, ' ')).toMatch(
      /pg_basebackup -h "\$PRIMARY_HOST" .* -D "\$PGDATA" -R -X stream -S "\$REPLICATION_SLOT"/,
    );
    expect(replica.environment).toMatchObject({
      PRIMARY_HOST: 'postgres-primary',
      REPLICATION_USER: services['postgres-primary'].environment!.REPLICATION_USER,
      REPLICATION_SLOT: services['postgres-primary'].environment!.REPLICATION_SLOT,
    });
  });
});

describe('HAProxy', () => {
  const haproxy = services.haproxy;

  it('runs deploy/haproxy.cfg where the image reads it', () => {
    expect(haproxy.image).toBe('haproxy:2.8');
    expect(haproxy.volumes).toEqual(['./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
  });

  it('names each API process, by the address and port it listens on', () => {
    const servers = [...haproxyConfig.matchAll(/^\s*server (\S+) "\$\{(\w+)\}" check$/gm)].map((match) => ({
      name: match[1],
      address: haproxy.environment![match[2]],
    }));
    expect(servers).toEqual(
      API_SERVICES.map((name) => ({ name, address: `${name}:${services[name].environment!.PORT}` })),
    );
  });

  it('checks /readyz, expects 200, keeps WebSockets open, retries failed connections elsewhere', () => {
    expect(haproxyConfig).toMatch(/^\s*option httpchk GET \/readyz$/m);
    expect(haproxyConfig).toMatch(/^\s*http-check expect status 200$/m);
    expect(haproxyConfig).toMatch(/^\s*timeout tunnel 1h$/m);
    expect(haproxyConfig).toMatch(/^\s*option redispatch 1$/m);
    expect(haproxyConfig).toMatch(/^\s*retries 3$/m);
    expect(haproxyConfig).not.toMatch(/^\s*(compression|option http-buffer-request|daemon)\b/m);
  });

  it('listens where the published port points', () => {
    expect(haproxyConfig).toMatch(/^\s*bind "\$\{HAPROXY_BIND\}"$/m);
    expect(haproxy.environment!.HAPROXY_BIND).toBe(':4000');
    expect(haproxy.ports).toEqual(['8080:4000']);
  });
});
