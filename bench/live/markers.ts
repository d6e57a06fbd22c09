import { randomInt } from 'node:crypto';

/**
 * What each write puts in the register so that an answer tells which writes it reflects: an
 * agreement's English title "Live bench <run> #<n>", or a municipality's population
 * <base + n> for the year 2199 (no real figure has that year). n is the write's number in the
 * run; the run's tag and base keep an earlier run's leftovers from being read as this run's.
 */
export class Markers {
  readonly tag = randomInt(0x100000, 0xffffff).toString(16);
  readonly populationBase = 10_000_000 + randomInt(0, 8_000) * 10_000;
  static readonly YEAR = 2199;
  static readonly MAX_WRITES = 10_000;
  private readonly title = new RegExp(`^Live bench ${this.tag} #(\\d+)$`);

  titleOf(write: number): string {
    return `Live bench ${this.tag} #${write}`;
  }

  populationOf(write: number): { value: number; isLowerBound: boolean; year: number } {
    return { value: this.populationBase + write, isLowerBound: false, year: Markers.YEAR };
  }

  /**
   * The writes an answer shows, as "record write" pairs: an object with an `id` and a marked
   * `title` (an agreement), or a `slug` and a marked `population` (a municipality).
   */
  found(answer: unknown): Array<{ record: string; write: number }> {
    const found: Array<{ record: string; write: number }> = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      if (typeof object.id === 'string' && typeof object.title === 'string') {
        const match = this.title.exec(object.title);
        if (match) found.push({ record: object.id, write: Number(match[1]) });
      }
      const population = object.population as { value?: unknown; year?: unknown } | null | undefined;
      if (typeof object.slug === 'string' && population && population.year === Markers.YEAR) {
        const write = Number(population.value) - this.populationBase;
        if (write >= 0 && write < Markers.MAX_WRITES) found.push({ record: object.slug, write });
      }
      for (const inner of Object.values(object)) walk(inner);
    };
    walk(answer);
    return found;
  }
}
