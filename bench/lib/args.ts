/** `--name value` and `--flag` pairs from argv, with typed readers that name the bad option. */
export class Args {
  private readonly values = new Map<string, string>();

  constructor(
    argv: readonly string[],
    private readonly known: readonly string[],
  ) {
    for (let i = 0; i < argv.length; i++) {
      const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
      if (!match || !known.includes(match[1]))
        throw new Error(`unknown argument "${argv[i]}"; known: --${known.join(', --')}`);
      const inline = match[2];
      const next = argv[i + 1];
      if (inline !== undefined) this.values.set(match[1], inline);
      else if (next !== undefined && !next.startsWith('--')) this.values.set(match[1], argv[++i]);
      else this.values.set(match[1], 'true');
    }
  }

  string(name: string, fallback: string): string {
    return this.values.get(name) ?? fallback;
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max)
      throw new Error(`--${name} must be a number from ${min} to ${max} (got "${text}")`);
    return value;
  }

  flag(name: string): boolean {
    const text = this.values.get(name);
    return text !== undefined && text !== 'false';
  }

  list(name: string, fallback: readonly string[]): string[] {
    const text = this.values.get(name);
    return text === undefined
      ? [...fallback]
      : text
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean);
  }
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of `database` on the server `adminUrl` points to. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
