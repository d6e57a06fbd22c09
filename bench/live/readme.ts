import { machineLine, replaceReadmeSection } from '../lib/report';
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
  const first = results[0];
  replaceReadmeSection(root, 'results-live', [
    '',
    machineLine(machineInfo),
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
  ]);
}
