import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printApiSchema } from '../schema';

/** Writes schema.graphql at the project root from the code (npm run schema). */
const target = path.resolve(__dirname, '../../../schema.graphql');
writeFileSync(target, printApiSchema());
process.stdout.write(`wrote ${target}\n`);
