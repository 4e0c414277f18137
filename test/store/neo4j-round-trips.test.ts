import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import * as cypher from '../../src/store/neo4j/cypher';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { TraversalTree } from '../../src/store/port';
import { TRAVERSALS } from '../../src/store/traversals';
import { sessionDriver } from './session-driver';
import { runWithDeadline } from '../../src/store/deadline';
import { relationshipRows } from '../../src/domain/model';
import { hasThemeRows, themeWeaknessAreas } from '../../src/store/has-theme';
import { MemoryStore } from '../../src/store/memory/memory-store';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { agencyLinks } from '../../src/store/memory/agency-network';
import { seedBundle } from '../helpers';

/**
 * Without a server: a driver that records the statements the Neo4j store sends and answers with
 * records given per statement. Each store call the API makes is one statement (one round trip),
 * so test/api/batching.test.ts, which counts store calls per request, counts round trips.
 */
function recordingDriver(answer: (text: string) => Record<string, unknown>[] = () => []) {
  const sent: { text: string; params: Record<string, unknown> }[] = [];
  const run = async (text: string, params: Record<string, unknown>) => {
    sent.push({ text, params });
    return { records: answer(text).map((o) => new neo4j.Record(Object.keys(o), Object.values(o))) };
  };
  return { driver: sessionDriver(run), sent };
}

const node = (id: string, label: string, props: Record<string, unknown> = {}) => new neo4j.types.Node(neo4j.int(0), [label, cypher.ENTITY], { id, ...props }, id);

describe('Neo4j store round trips, counted on a recording driver', () => {
  it('sends one statement for each call the API makes', async () => {
    const { driver, sent } = recordingDriver((text) => {
      if (text.includes('AS totalCount')) return [{ totalCount: neo4j.int(1), page: [{ node: node('f', 'Finding', { summary: 'Support plans are late.' }), score: 1.5 }] }];
      if (text.includes('AS total')) return [{ total: neo4j.int(0), rows: [] }];
      if (text.includes('AS relationships')) return [{ nodes: [], relationships: neo4j.int(0) }];
      if (text.includes('ownAreaIds')) return [{ text: 'ehc plan', weights: [0.6, 0.8], ownAreaIds: ['a'], closest: [] }];
      return [];
    });
    const store = new Neo4jStore(driver, 'neo4j');
    const tree: TraversalTree = { steps: TRAVERSALS.areaInspections, children: [{ steps: TRAVERSALS.inspectionFindings, children: [] }] };
    const calls: [string, () => Promise<unknown>][] = [
      ['nodes', () => store.nodes(['a', 'b'])],
      ['traverse', () => store.traverse(['a', 'b'], TRAVERSALS.areaFindings)],
      ['traverseTree', () => store.traverseTree(['a', 'b'], tree)],
      ['nodeTrees', () => store.nodeTrees(['a', 'b'], [tree, tree])],
      ['list', () => store.list('Area', { themeId: 't', polarity: 'WEAKNESS' }, { first: 50 })],
      ['themeStats', () => store.themeStats(['t', 'u'])],
      ['sharedWeaknesses', () => store.sharedWeaknesses({ minAreas: 10, maxThemes: 3, first: 20 })],
      ['patternFindings', () => store.patternFindings([{ themeIds: ['t'], areaIds: ['a'] }])],
      ['similarAreas', () => store.similarAreas({ areaId: 'a', first: 10, polarity: 'WEAKNESS' })],
      ['similarAreas in a framework', () => store.similarAreas({ areaId: 'a', first: 10, polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023' })],
      ['themeCooccurrence', () => store.themeCooccurrence({ polarity: 'WEAKNESS', framework: null, minAreas: 2, first: 20 })],
      ['list inspections', () => store.list('Inspection', { framework: 'FRAMEWORK_2023', regionId: 'r' }, { first: 50 })],
      ['outcomeTransitions', () => store.outcomeTransitions('FRAMEWORK_2016', 'FRAMEWORK_2023')],
      ['path', () => store.path({ fromId: 'a', toId: 'b', maxHops: 6 })],
      ['search', () => store.search({ text: 'support plans', first: 10 })],
      ['search, a page with every filter', () => store.search({ text: '"support plans" OR late -x1', first: 10, offset: 10, labels: ['Finding'], polarity: 'WEAKNESS', framework: 'FRAMEWORK_2023', areaId: 'a', regionId: 'r', themeId: 't', agencyId: 'g', from: '2020', to: '2024' })],
      ['stats', () => store.stats()],
      // From the derived SIMILAR_TO and SIMILAR_BY_FINDINGS (similar-to.test.ts counts the exhaustive fallback).
      ['similarFindings', () => store.similarFindings({ findingId: 'f', first: 10, excludeSameArea: true })],
      ['similarAreas by findings', () => store.similarAreas({ areaId: 'a', first: 10, polarity: 'WEAKNESS', method: 'FINDINGS' })],
    ];
    for (const [name, call] of calls) {
      sent.length = 0;
      await call();
      expect({ name, statements: sent.length }).toEqual({ name, statements: 1 });
    }

  });

  it('reads in an auto-commit session of read mode (one network round trip, no BEGIN and COMMIT), the request\'s time left as its timeout', async () => {
    const opened: unknown[] = [];
    const runs: unknown[] = [];
    let closed = 0;
    const driver = {
      session: (config: unknown) => {
        opened.push(config);
        return {
          run: async (_text: string, _params: unknown, txConfig: unknown) => (runs.push(txConfig), { records: [] }),
          close: async () => void closed++,
        };
      },
    } as unknown as Driver;
    const store = new Neo4jStore(driver, 'graph');
    await runWithDeadline({ at: performance.now() + 5_000, timeoutMs: 5_000 }, () => store.nodes(['a']));
    expect(opened).toEqual([{ database: 'graph', defaultAccessMode: neo4j.session.READ }]);
    expect((runs[0] as { timeout: number }).timeout).toBeGreaterThan(4_000);
    expect((runs[0] as { timeout: number }).timeout).toBeLessThanOrEqual(5_000);
    expect(closed).toBe(1);
  });

  it('tries a read again after a transient failure, and never after a client error or once the deadline is near', async () => {
    const failing = (codes: string[]) => {
      let calls = 0;
      const driver = sessionDriver(async () => {
        const code = codes[calls++];
        if (code) throw new Neo4jError('failed', code, '50N42', 'error: general processing exception');
        return { records: [] };
      });
      return { driver, calls: () => calls };
    };
    const transient = failing(['Neo.TransientError.Transaction.LockClientStopped', 'SessionExpired']);
    await expect(new Neo4jStore(transient.driver, 'neo4j').nodes(['a'])).resolves.toEqual([null]);
    expect(transient.calls()).toBe(3);

    const client = failing(['Neo.ClientError.Statement.SyntaxError']);
    await expect(new Neo4jStore(client.driver, 'neo4j').nodes(['a'])).rejects.toThrow('failed');
    expect(client.calls()).toBe(1);

    const nearDeadline = failing(['Neo.TransientError.General.DatabaseUnavailable']);
    const store = new Neo4jStore(nearDeadline.driver, 'neo4j');
    await expect(runWithDeadline({ at: performance.now() + 300, timeoutMs: 300 }, () => store.nodes(['a']))).rejects.toThrow(/unavailable/);
    expect(nearDeadline.calls()).toBe(1);
  });

  it('walks an agency network two levels a statement, the first saying whether the start is an agency: the embedded store\'s networks', async () => {
    const bundle = seedBundle();
    const graph = new MemoryGraph(bundle);
    const memory = new MemoryStore();
    await memory.load(bundle);
    // What the statement answers for one agency: a SELF row and its links, each seen from it (agencyLinksStatement).
    const rowsOf = (x: string) => {
      if (graph.node(x)?.label !== 'Agency') return [];
      const rows: Record<string, unknown>[] = [{ agencyId: x, kind: 'SELF', other: x, via: x, orientation: 'SELF' }];
      for (const l of agencyLinks(graph, [x])) {
        if (l.kind !== 'SUCCESSION') rows.push({ agencyId: x, kind: l.kind, other: l.fromId === x ? l.toId : l.fromId, via: l.viaId, orientation: 'SHARED' });
        else if (l.fromId === x) rows.push({ agencyId: x, kind: l.kind, other: l.toId, via: l.viaId, orientation: 'SUCCESSOR' });
        else if (l.toId === x) rows.push({ agencyId: x, kind: l.kind, other: l.fromId, via: l.viaId, orientation: 'PREDECESSOR' });
      }
      return rows;
    };
    const { driver, sent } = recordingDriver((text) => {
      const frontier = sent[sent.length - 1].params.frontier as string[];
      const near = frontier.flatMap(rowsOf);
      if (!text.includes('AS far')) return near;
      const next = [...new Set(near.map((r) => r.other as string))].filter((id) => !frontier.includes(id));
      return [...near, ...next.flatMap(rowsOf)];
    });
    const store = new Neo4jStore(driver, 'neo4j');
    const agencies = ['sandwell-council', 'leeds-west-ccg', 'black-country-icb', 'black-country-and-west-birmingham-ccg'];
    for (const id of agencies) expect(graph.node(id)?.label).toBe('Agency');
    for (const [maxDepth, statements] of [[1, 1], [2, 1], [3, 2], [4, 2]]) {
      for (const id of agencies) {
        sent.length = 0;
        const expected = await memory.agencyNetwork(id, maxDepth);
        expect({ id, maxDepth, net: await store.agencyNetwork(id, maxDepth) }).toEqual({ id, maxDepth, net: expected });
        expect({ id, maxDepth, statements: sent.length }).toEqual({ id, maxDepth, statements });
      }
    }
    expect((await store.agencyNetwork('sandwell-council', 2))!.members.length).toBeGreaterThan(10);
    sent.length = 0;
    expect(await store.agencyNetwork('not-an-agency', 2)).toBeNull();
    expect(sent).toHaveLength(1);
  });

  it('answers a traversal tree from one statement of rows: each node once a parent, by id, with its children', async () => {
    const [i1, i2] = [node('sandwell-2019-01', 'Inspection'), node('sandwell-2017-01', 'Inspection')];
    // A finding comes as its row's properties (cypher.nodeValue), not as a node.
    const f = (id: string) => ({ id, polarity: 'WEAKNESS', summary: `Finding ${id}.`, quote: null, areasAffected: null, label: 'Finding' });
    const row = (branch: number, parentId: string, n: unknown, type: string, from: string, to: string) => ({ id: 'sandwell', branch: neo4j.int(branch), parentId, node: n, relType: type, fromId: from, toId: to, relProps: { sourceIds: ['s1'] } });
    const { driver, sent } = recordingDriver(() => [
      row(0, 'sandwell', i1, 'OF', 'sandwell-2019-01', 'sandwell'),
      row(0, 'sandwell', i2, 'OF', 'sandwell-2017-01', 'sandwell'),
      // reached again by another path: kept once
      row(0, 'sandwell', i2, 'OF', 'sandwell-2017-01', 'sandwell'),
      row(1, 'sandwell-2019-01', f('b'), 'FOUND', 'sandwell-2019-01', 'b'),
      row(1, 'sandwell-2017-01', f('z'), 'FOUND', 'sandwell-2017-01', 'z'),
      row(1, 'sandwell-2017-01', f('a'), 'FOUND', 'sandwell-2017-01', 'a'),
    ]);
    const store = new Neo4jStore(driver, 'neo4j');
    const tree: TraversalTree = { steps: TRAVERSALS.areaInspections, children: [{ steps: TRAVERSALS.inspectionFindings, children: [] }] };
    const [sandwell, nowhere] = await store.traverseTree(['sandwell', 'nowhere'], tree);
    expect(sent).toEqual([cypher.traverseTreeStatement(cypher.LEGACY_DIALECT, ['sandwell', 'nowhere'], tree)]);
    expect(nowhere).toEqual([]);
    expect(sandwell.map((n) => n.node.id)).toEqual(['sandwell-2017-01', 'sandwell-2019-01']);
    expect(sandwell[0].rel).toEqual({ type: 'OF', from: 'sandwell-2017-01', to: 'sandwell', sourceIds: ['s1'] });
    expect(sandwell[0].children[0].map((n) => n.node.id)).toEqual(['a', 'z']);
    expect(sandwell[1].children[0]).toEqual([
      { node: { id: 'b', label: 'Finding', polarity: 'WEAKNESS', summary: 'Finding b.', quote: null, areasAffected: null }, rel: { type: 'FOUND', from: 'sandwell-2019-01', to: 'b', sourceIds: ['s1'] }, children: [] },
    ]);
  });

  it('answers nodes with their trees from one statement, a row for each start node found', async () => {
    const { driver, sent } = recordingDriver(() => [
      { id: 'sandwell', branch: neo4j.int(-1), parentId: null, node: node('sandwell', 'Area', { name: 'Sandwell' }), relType: null, fromId: null, toId: null, relProps: null },
      { id: 'sandwell', branch: neo4j.int(0), parentId: 'sandwell', node: node('west-midlands', 'Region'), relType: 'IN_REGION', fromId: 'sandwell', toId: 'west-midlands', relProps: { sourceIds: ['s1'] } },
    ]);
    const store = new Neo4jStore(driver, 'neo4j');
    const trees: TraversalTree[] = [{ steps: TRAVERSALS.areaRegion, children: [] }];
    const [sandwell, nowhere] = await store.nodeTrees(['sandwell', 'nowhere'], trees);
    expect(sent).toEqual([cypher.nodeTreesStatement(cypher.LEGACY_DIALECT, ['sandwell', 'nowhere'], trees)]);
    expect(nowhere).toBeNull();
    expect(sandwell).toEqual({
      node: expect.objectContaining({ id: 'sandwell', label: 'Area', name: 'Sandwell' }),
      children: [[{ node: expect.objectContaining({ id: 'west-midlands', label: 'Region' }), rel: { type: 'IN_REGION', from: 'sandwell', to: 'west-midlands', sourceIds: ['s1'] }, children: [] }]],
    });
  });

  it("mines shared weaknesses from the themes' stored areas as the embedded store does, a region's areas kept from the statement's last row", async () => {
    const bundle = seedBundle();
    const stored = themeWeaknessAreas(hasThemeRows(bundle), bundle.nodes.filter((n) => n.label === 'Theme').map((n) => n.id));
    const memory = new MemoryStore();
    await memory.load(bundle);
    // What the statement answers: the themes in at least minAreas areas, then (with a region) the region's areas.
    const { driver, sent } = recordingDriver(() => {
      const { minAreas, regionId } = sent[sent.length - 1].params as { minAreas: ReturnType<typeof neo4j.int>; regionId?: string };
      const themes = stored.filter((t) => t.areaIds.length >= minAreas.toNumber()).map((t) => ({ themeId: t.id, areaIds: t.areaIds }));
      const region = relationshipRows(bundle).filter((r) => r.type === 'IN_REGION' && r.to === regionId).map((r) => r.from);
      return regionId ? [...themes, { themeId: null, areaIds: region }] : themes;
    });
    const store = new Neo4jStore(driver, 'neo4j');
    for (const args of [{ minAreas: 5, maxThemes: 3, first: 20 }, { minAreas: 3, maxThemes: 2, regionId: 'west-midlands' }, { minAreas: 2, maxThemes: 3, regionId: 'london', first: 5 }]) {
      const expected = await memory.sharedWeaknesses(args);
      expect(expected.length).toBeGreaterThan(0);
      expect(await store.sharedWeaknesses(args)).toEqual(expected);
    }
  });
});
