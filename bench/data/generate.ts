import { Pool } from 'pg';
import { Random } from '../lib/random';
import { generateAgreements } from './agreements';
import { loadRegister } from './existing';
import { insertStep } from './insert';
import { generatePlaces } from './places';
import { TableRows } from './rows';
import { generateSources } from './sources';
import { generateTrips } from './trips';

/** Fixed, so that the same seed gives the same dates whenever it runs. */
const TODAY = '2026-06-30';
/** Rows generated and inserted at a time: bounds memory at any scale. */
const PLACES_PER_STEP = 20_000;
const VISITS_PER_STEP = 5_000;
const AGREEMENTS_PER_STEP = 10_000;

/**
 * Tops the register up to scale × (20,000 municipalities, 50,000 agreements, 20,000 visits).
 * The targets are totals: what the seed and the twin-town import put there counts towards
 * them, and only the difference is generated.
 */
export async function generate(pool: Pool, scale: number, seedNumber: number, log: (message: string) => void): Promise<void> {
  const client = await pool.connect();
  try {
    const { register, counts } = await loadRegister(client, new Random(seedNumber), TODAY);
    const missing = (target: number, present: number) => Math.max(0, Math.round(scale * target) - present);
    const step = async (name: string, tables: readonly TableRows[]) => {
      const started = Date.now();
      const rows = await insertStep(client, tables);
      log(`generated ${name}: ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    };
    await step('sources', [generateSources(register, Math.max(10, Math.round(scale * 1000)))]);
    await inChunks(missing(20_000, counts.municipalities), PLACES_PER_STEP, async (count) => {
      const { municipalities, persons, mayoralTerms, citations } = generatePlaces(register, count);
      await step(`${count} municipalities`, [municipalities, persons, mayoralTerms, citations]);
    });
    register.rank();
    await inChunks(missing(20_000, counts.visits), VISITS_PER_STEP, async (count) => {
      await step(`${count} visits`, generateTrips(register, count).tables);
    });
    const instruments = new Set<string>();
    await inChunks(missing(50_000, counts.agreements), AGREEMENTS_PER_STEP, async (count) => {
      await step(`${count} agreements`, generateAgreements(register, count, instruments).tables);
    });
  } finally {
    client.release();
  }
}

async function inChunks(total: number, size: number, run: (count: number) => Promise<void>): Promise<void> {
  for (let done = 0; done < total; done += size) await run(Math.min(size, total - done));
}
