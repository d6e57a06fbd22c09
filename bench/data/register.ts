import { Random, WeightedSampler, zipfWeights } from '../lib/random';
import { Names } from './names';

export interface Area {
  id: string;
  slug: string;
}

export interface Place {
  id: string;
  slug: string;
  countryCode: string;
  names: Names;
  population: number | null;
}

/** One mayor's term; `until` null while in office. ISO days, so strings compare as dates. */
export interface Term {
  id: string;
  personId: string;
  since: string;
  until: string | null;
}

/** What agreements need to know of a visit to have been signed during it. */
export interface VisitRecord {
  id: string;
  senderId: string;
  hostId: string;
  startsOn: string;
  headId: string | null;
  counterpartId: string | null;
}

/** What a later agreement needs to know of an earlier one to implement it. */
export interface AgreementRecord {
  id: string;
  partyIds: string[];
  signedOn: string | null;
}

/** Zipf exponent of partner draws: at 20,000 towns the first few have hundreds of partners. */
const HUB_EXPONENT = 0.6;

/**
 * The state the generators share: every place (found or made), its mayors, the visits and
 * agreements made so far, and the names already taken. One seeded Random drives all of it,
 * so the order calls are made in is part of what a seed means.
 */
export class Register {
  readonly places: Place[] = [];
  readonly placeById = new Map<string, Place>();
  readonly sourceIds: string[] = [];
  readonly terms = new Map<string, Term[]>();
  readonly visits: VisitRecord[] = [];
  readonly agreements: AgreementRecord[] = [];
  /** Slugs and match keys in use, real or invented: a new town must miss all of them. */
  readonly takenNames = new Set<string>();
  readonly capitalCountries = new Set<string>();
  /** party_key of every sister-city pact: one pact per set of parties. */
  readonly sisterCityKeys = new Set<string>();
  /** Per city, people who have travelled for it before: delegations reuse some of them. */
  readonly staff = new Map<string, string[]>();
  private ranked: Place[] = [];
  private sampler: WeightedSampler | null = null;

  constructor(readonly random: Random, readonly areas: readonly Area[], readonly today: string) {}

  uuid(): string {
    return this.random.uuid();
  }

  addPlace(place: Place): void {
    this.places.push(place);
    this.placeById.set(place.id, place);
    this.sampler = null;
  }

  /**
   * Orders places by population with some noise (big cities tend to be hubs, not always)
   * and fixes the Zipf weights that draw() follows. Call again after adding places.
   */
  rank(): void {
    const keyed = this.places.map((place, index) => ({
      place, index, key: Math.log((place.population ?? 1000) + 1) + this.random.next() * 3,
    }));
    keyed.sort((a, b) => b.key - a.key || a.index - b.index);
    this.ranked = keyed.map((entry) => entry.place);
    this.sampler = new WeightedSampler(zipfWeights(this.ranked.length, HUB_EXPONENT), this.random);
  }

  /** A place, hubs far more often than the tail. */
  draw(): Place {
    if (!this.sampler) throw new Error('Register.draw() before rank()');
    return this.ranked[this.sampler.draw()];
  }

  /** A drawn place not among `excluded`, or null when none turns up after a few tries. */
  drawOther(excluded: ReadonlySet<string>): Place | null {
    for (let attempt = 0; attempt < 50; attempt++) {
      const place = this.draw();
      if (!excluded.has(place.id)) return place;
    }
    return null;
  }

  /** The person who was mayor of `placeId` on `day`, when the register knows one. */
  mayorAt(placeId: string, day: string): string | null {
    for (const term of this.terms.get(placeId) ?? []) {
      if (term.since <= day && (term.until === null || day <= term.until)) return term.personId;
    }
    return null;
  }

  /** Up to `count` distinct items of `items`, in random order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(this.random.pick(items));
    return [...chosen];
  }
}
