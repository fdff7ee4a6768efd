/**
 * Writes a run's files: `results.json`, `report.md` and `chart.svg` in
 * `<out>/bench-<timestamp>/`, then mirrors that folder to `<out>/latest/`.
 * @module
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderResultsChart } from './charts.js';
import { renderMarkdown } from './markdown.js';
import type { BenchResults } from './results.js';

/** The folder name of a run started at `date`. */
export function runFolderName(date: Date): string {
  return `bench-${date.toISOString().replace(/[:.]/g, '-')}`;
}

/** Writes the files into `runDir` (created already) and mirrors it to `<outDir>/latest`. */
export async function writeResults(
  outDir: string,
  runDir: string,
  results: BenchResults,
): Promise<string[]> {
  await mkdir(runDir, { recursive: true });
  const files = {
    'results.json': `${JSON.stringify(results, null, 2)}\n`,
    'report.md': renderMarkdown(results),
    'chart.svg': renderResultsChart(results),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(runDir, name), text);
  const latest = join(outDir, 'latest');
  await rm(latest, { recursive: true, force: true });
  await cp(runDir, latest, { recursive: true });
  return Object.keys(files).map((name) => join(runDir, name));
}
