/** Collects the parameters of a hand-written statement and names their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value; returns its placeholder ("$3"). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
