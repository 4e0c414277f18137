/**
 * npm run bench:similarity [-- --scales national,10 --seed 42]
 *
 * What the derived similarity adds to seeding Neo4j, measured on the embedded store's code the
 * seeding runs (similar-to.ts, similar-by-findings.ts, similar-by-themes.ts): for each scale,
 * the time to build the findings' index, then to compute every SIMILAR_TO row (each finding's
 * closest of each polarity), every SIMILAR_BY_FINDINGS and SIMILAR_BY_THEMES row (each area's
 * rankings), with how many of each. The writing
 * itself needs a server (`npm run seed` prints the counts). `--limit N` computes the rows of the
 * first N findings and N areas only and says so (each costs about the same). Times are CPU
 * seconds of this process. Prints figures; asserts nothing.
 */
import { Command } from 'commander';
import { loadDataset } from '../src/dataset/load-dataset';
import { MemoryGraph } from '../src/store/memory/memory-graph';
import { FindingSimilarityIndex } from '../src/store/memory/finding-similarity-index';
import { similarByThemesRows } from '../src/store/memory/similar-areas';
import { datasetFor, fmt } from './harness';

/** CPU seconds of this process since `from` (the machine is shared: wall time says more of the others than of this). */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

function main() {
  const o = new Command()
    .option('--scales <list>', 'comma-separated: national, or multiples of it', 'national,10')
    .option('--seed <n>', 'dataset seed', '42')
    .option('--limit <n>', 'the rows of this many findings and areas only (0: all)', '0')
    .parse()
    .opts<{ scales: string; seed: string; limit: string }>();
  const limit = Number(o.limit);
  console.log('scale      findings  index s | SIMILAR_TO: findings     rows   cpu s | SIMILAR_BY_FINDINGS: areas    rows  cpu s | SIMILAR_BY_THEMES: rows  cpu s');
  for (const name of o.scales.split(',')) {
    const scale = name === 'national' ? 1 : Number(name);
    const bundle = loadDataset(datasetFor(scale, Number(o.seed)));
    let t = process.cpuUsage();
    const graph = new MemoryGraph(bundle);
    const index = new FindingSimilarityIndex(graph);
    const indexS = cpuSince(t);

    t = process.cpuUsage();
    let findings = 0;
    let similarTo = 0;
    for (const rows of index.similarToRows()) {
      similarTo += rows.length;
      if (++findings === limit) break;
    }
    const similarToS = cpuSince(t);

    t = process.cpuUsage();
    let rankings = 0;
    let byFindings = 0;
    // Six rankings an area (2 polarities x 3 frameworks).
    for (const rows of index.similarByFindingsRows()) {
      byFindings += rows.length;
      if (++rankings === 6 * limit) break;
    }
    const byFindingsS = cpuSince(t);

    t = process.cpuUsage();
    let byThemes = 0;
    for (const rows of similarByThemesRows(graph)) byThemes += rows.length;
    const byThemesS = cpuSince(t);

    const of = (n: number, all: number) => (n < all ? `${n} of ${all}` : String(n));
    console.log(
      `${name.padEnd(9)}${String(index.findingCount()).padStart(10)}${fmt(indexS, 1).padStart(9)} | ${of(findings, index.findingCount()).padStart(20)}${String(similarTo).padStart(9)}${fmt(similarToS, 1).padStart(8)} | ${of(rankings / 6, index.rankedAreaCount()).padStart(26)}${String(byFindings).padStart(8)}${fmt(byFindingsS, 1).padStart(7)} | ${String(byThemes).padStart(18)}${fmt(byThemesS, 1).padStart(7)}`,
    );
  }
}

main();
