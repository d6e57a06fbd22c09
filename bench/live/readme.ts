import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { COLUMNS, CompactedResult, LiveResult } from './report';

/** Replaces the live section's results in bench/README.md (`<!-- results-live:start -->` to `:end -->`). */
export function updateReadme(
  root: string,
  machineInfo: Record<string, unknown>,
  data: Record<string, unknown> | null,
  command: string,
  markdown: string,
  goalText: string[],
  results: ReadonlyArray<LiveResult | CompactedResult>,
  date: string,
): void {
  const file = path.join(root, 'bench/README.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- results-live:start -->';
  const end = '<!-- results-live:end -->';
  if (!text.includes(start)) throw new Error(`bench/README.md has no ${start} marker`);
  const first = results[0];
  const section = [
    start,
    '',
    `Machine: ${Object.entries(machineInfo)
      .map(([key, value]) => `${key} ${value}`)
      .join('; ')}.`,
    `Data: scale ${data?.scale ?? '?'}, seed ${data?.seed ?? '?'}: ${data ? JSON.stringify(data.counts) : 'unknown'}.`,
    `Command: \`${command}\` (${date.slice(0, 10)}); ${first?.subscribers ?? '?'} subscribers on ${first?.connections ?? '?'} WebSockets over ${first?.liveQueries ?? '?'} live queries, LIVE_THROTTLE_MS ${first?.throttleMs ?? '?'}.`,
    '',
    markdown,
    '',
    'Columns:',
    '',
    ...COLUMNS.map(([name, meaning]) => `- **${name}**: ${meaning}.`),
    '',
    'Goals (issue 17):',
    '',
    ...goalText,
    '',
    end,
  ].join('\n');
  writeFileSync(file, text.replace(new RegExp(`${start}[\\s\\S]*${end}`), section));
}
