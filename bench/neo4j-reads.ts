/**
 * npm run bench:neo4j-reads [-- --scales seeds,national,10]
 *
 * What two Neo4j statements read and send, counted on the embedded store's copy of the same
 * graph (there is no Neo4j server here; the latencies come from a real one):
 * - the nested benchmark document (`area(id) { inspections { findings { themes } } }`): the rows
 *   its one statement returns (a node reached from a parent, once), and the bytes of the nodes
 *   sent as JSON, when a finding came whole (with its stored similarity vector) and now (its
 *   row's properties only);
 * - `search(first: 10)` for the benchmark's words and for "plans": the matches, all of whose ids the statement
 *   read to order them before, and the window down to the page's last score whose ids it reads
 *   now (the embedded store's BM25 scores standing in for Lucene's).
 * Prints figures; asserts nothing.
 */
import { Command } from 'commander';
import { join } from 'node:path';
import { loadDataset } from '../src/dataset/load-dataset';
import type { NodeRow } from '../src/domain/model';
import { findingVectors } from '../src/store/finding-similarity';
import { hasThemeRows, themeWeaknessAreas } from '../src/store/has-theme';
import { MemoryStore } from '../src/store/memory/memory-store';
import { rowToProperties } from '../src/store/neo4j/values';
import type { TreeNeighbour } from '../src/store/port';
import { nodeTreesByLevels } from '../src/store/traversal-tree';
import { TRAVERSALS } from '../src/store/traversals';
import { AREAS_PER_SCALE } from '../src/synthetic/generate';
import { datasetFor, ROOT } from './harness';

const NESTED = [{ steps: TRAVERSALS.areaInspections, children: [{ steps: TRAVERSALS.inspectionFindings, children: [{ steps: TRAVERSALS.findingThemes, children: [] }] }] }];
/** The benchmark's search, and one common word. */
const SEARCHES = ['annual reviews too slow', 'plans'];

const flatten = (lists: readonly TreeNeighbour[][]): NodeRow[] => lists.flatMap((list) => list.flatMap((n) => [n.node, ...flatten(n.children)]));
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

async function main() {
  const o = new Command().option('--scales <list>', 'seeds, national, or multiples of national', 'seeds,national').parse().opts<{ scales: string }>();
  console.log(`data       area         rows  node bytes before  now   ratio | ${SEARCHES.map((q) => `"${q}": matches, ids read now`).join(' | ')} | sharedWeaknesses: HAS_THEME before, themes and entries now`);
  for (const name of o.scales.split(',')) {
    const scale = name === 'national' ? 1 : Number(name);
    const bundle = loadDataset(name === 'seeds' ? join(ROOT, 'seeds') : datasetFor(scale, 42));
    const store = new MemoryStore();
    await store.load(bundle);
    const vectors = findingVectors(bundle.nodes);
    const areaId = name === 'seeds' ? 'sandwell' : `area-${'0'.repeat(String(AREAS_PER_SCALE * scale).length)}`;
    const [tree] = await nodeTreesByLevels(store, [areaId], NESTED);
    const reached = flatten(tree!.children);
    const before = reached.reduce((sum, row) => sum + bytes(rowToProperties(row, vectors.get(row.id))), 0);
    const now = reached.reduce((sum, row) => sum + bytes(rowToProperties(row)), 0);

    const searches: string[] = [];
    for (const text of SEARCHES) {
      const all = await store.search({ text, first: 1_000_000 });
      const cut = all.hits[9]?.score;
      const window = cut === undefined ? all.hits.length : all.hits.filter((h) => h.score >= cut).length;
      searches.push(`${String(all.totalCount).padStart(7)} ${String(window).padStart(5)}`);
    }
    const hasTheme = hasThemeRows(bundle);
    const lists = themeWeaknessAreas(hasTheme, bundle.nodes.filter((n) => n.label === 'Theme').map((n) => n.id));
    searches.push(`${String(hasTheme.length).padStart(6)} ${lists.length} ${lists.reduce((n, t) => n + t.areaIds.length, 0)}`);
    console.log(
      `${name.padEnd(10)} ${areaId.padEnd(12)} ${String(reached.length).padStart(4)} ${String(before).padStart(18)} ${String(now).padStart(6)} ${(before / now).toFixed(2).padStart(6)}x | ${searches.join(' | ')}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
