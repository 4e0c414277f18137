import prand from 'pure-rand';
import { DEFAULT_PATH_TYPES } from '../../src/store/port';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { shortestPath } from '../../src/store/memory/shortest-path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { generateDataset } from '../../src/synthetic/generate';
import { SEEDS_DIR, seedBundle } from '../helpers';

/** The rule written the plain way: breadth-first from the start, neighbours in id order, first parent wins. */
function referencePath(g: MemoryGraph, from: string, to: string, maxHops: number): string[] | null {
  if (from === to) return [from];
  const parent = new Map<string, string>();
  const seen = new Set([from]);
  let frontier = [from];
  for (let hop = 1; hop <= maxHops && frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      const around: string[] = [];
      g.forEachAdjacentPosition(id, new Set(DEFAULT_PATH_TYPES), (other) => around.push(other));
      for (const other of around.sort()) {
        if (seen.has(other)) continue;
        seen.add(other);
        parent.set(other, id);
        if (other === to) {
          const path = [to];
          while (path[0] !== from) path.unshift(parent.get(path[0])!);
          return path;
        }
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

describe('bidirectional shortest path', () => {
  const g = new MemoryGraph(seedBundle());
  const ids = seedBundle().nodes.map((n) => n.id).sort();
  const rng = prand.xoroshiro128plus(7);
  const pick = () => ids[prand.unsafeUniformIntDistribution(0, ids.length - 1, rng)];

  it('returns exactly the path plain breadth-first search does, for 300 random pairs and hop limits', () => {
    for (let i = 0; i < 300; i++) {
      const [from, to] = [pick(), pick()];
      const maxHops = 1 + (i % 6);
      expect([from, to, maxHops, shortestPath(g, { fromId: from, toId: to, maxHops })?.nodeIds ?? null]).toEqual([from, to, maxHops, referencePath(g, from, to, maxHops)]);
    }
  });

  it('returns relationships that join consecutive nodes', () => {
    const p = shortestPath(g, { fromId: 'chris-ward', toId: 'kate-booth', maxHops: 8 })!;
    p.relationships.forEach((r, i) => expect([r.from, r.to].sort()).toEqual([p.nodeIds[i], p.nodeIds[i + 1]].sort()));
  });
});

describe('bidirectional shortest path with hubs (national-scale synthetic data: every inspection is by Ofsted and CQC)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-path-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns exactly the path plain breadth-first search does, for 100 random pairs', () => {
    generateDataset({ scale: 1, seed: 3, outDir: dir, themesFile: join(SEEDS_DIR, 'reference', 'themes.yaml') });
    const g = new MemoryGraph(loadDataset(dir));
    const ids = [...g.idsByLabel.values()].flat().sort();
    const rng = prand.xoroshiro128plus(5);
    const pick = () => ids[prand.unsafeUniformIntDistribution(0, ids.length - 1, rng)];
    let found = 0;
    for (let i = 0; i < 100; i++) {
      const [from, to] = [pick(), pick()];
      const expected = referencePath(g, from, to, 6);
      if (expected) found++;
      expect([from, to, shortestPath(g, { fromId: from, toId: to, maxHops: 6 })?.nodeIds ?? null]).toEqual([from, to, expected]);
    }
    expect(found).toBeGreaterThan(50);
  });
});
