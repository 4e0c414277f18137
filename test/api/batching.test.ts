import { execute, parse } from 'graphql';
import { createRequestContext } from '../../src/api/context';
import { COMPILE_AFTER } from '../../src/api/jit-executor';
import { buildSchema } from '../../src/api/schema';
import { relationshipRows, type InspectionRow } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/port';
import { seedBundle } from '../helpers';
import { countingStore, seededStore, silentLogger, startApi } from './harness';

/** The embedded store's data, served as a store whose calls are round trips (as Neo4j's are): the API then fetches nested lists together. */
const asRemote = (store: GraphStore): GraphStore => new Proxy(store, { get: (t, p, r) => (p === 'callsAreRoundTrips' ? true : Reflect.get(t, p, r)) });
const remoteSeededStore = async () => countingStore(asRemote(await seededStore()));

/**
 * Store calls per request. On Neo4j each call is one Cypher round trip (test/store/neo4j-round-trips.test.ts
 * checks that each sends one statement), so these count a request's round trips.
 */
describe('batching: one store call for a run of nested traversals, one per level otherwise', () => {
  it('calls the embedded store one level at a time: no round trips to save', async () => {
    const store = countingStore(await seededStore());
    const api = await startApi(store);
    const res = await api.run('{ area(id: "sandwell") { inspections { findings { themes { id } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.area.inspections[0].findings).toHaveLength(11);
    expect(store.calls).toEqual(['nodes', 'traverse', 'traverse', 'traverse']);
    await api.server.stop();
  }, 30_000); // the first test loads the seeds

  it('answers a three-level nested query under one area in one call', async () => {
    const store = await remoteSeededStore();
    const api = await startApi(store);
    const res = await api.run('{ area(id: "sandwell") { inspections { findings { themes { id } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.area.inspections[0].findings).toHaveLength(11);
    // the area with inspections -> findings -> themes
    expect(store.calls).toEqual(['nodeTrees']);
    await api.server.stop();
  });

  it('batches the same levels across every area of a page', async () => {
    const store = await remoteSeededStore();
    const api = await startApi(store);
    const res = await api.run('{ areas(regionId: "west-midlands", first: 20) { nodes { id inspections { findings { themes { id } } } } } }');
    expect(res.errors).toBeUndefined();
    const withFindings = res.data.areas.nodes.filter((a: { inspections: { findings: unknown[] }[] }) => a.inspections.some((i) => i.findings.length > 0));
    expect(withFindings.map((a: { id: string }) => a.id)).toEqual(['birmingham', 'dudley', 'sandwell', 'staffordshire', 'telford-and-wrekin', 'wolverhampton', 'worcestershire']);
    expect(store.calls).toEqual(['list', 'traverseTree']);
    await api.server.stop();
  });

  it('batches an analytical answer\'s nodes into one call per level', async () => {
    const store = countingStore(await seededStore());
    const api = await startApi(store);
    const res = await api.run('{ sharedWeaknesses(minAreas: 3) { themes { id findingCount } areas { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.sharedWeaknesses.length).toBeGreaterThan(10);
    // the patterns; then themes and areas of every pattern together; then every theme's counts
    expect(store.calls).toEqual(['sharedWeaknesses', 'nodes', 'themeStats']);
    await api.server.stop();
  });

  const NESTED = `query Nested {
    area(id: "sandwell") {
      name
      inspections { outcome findings { summary themes { label } agencies { name } source { title } } }
    }
  }`;

  it('answers the nested area document (inspections, findings, themes, agencies) in one call, compiled or not', async () => {
    const store = await remoteSeededStore();
    const api = await startApi(store);
    for (let run = 1; run <= COMPILE_AFTER + 1; run++) {
      store.calls.length = 0;
      const res = await api.run(NESTED);
      expect(res.errors).toBeUndefined();
      // the 2017 initial inspection, the 2019 revisit (no findings recorded) and the 2023 full inspection's report
      expect(res.data.area.inspections.map((i: { findings: unknown[] }) => i.findings.length)).toEqual([11, 0, 12]);
      const findings = res.data.area.inspections.flatMap((i: { findings: unknown[] }) => i.findings);
      expect(findings.flatMap((f: { themes: { label: string }[] }) => f.themes.map((t) => t.label))).toContain('EHC plan quality');
      expect(findings.every((f: { source: { title: string } | null }) => f.source?.title)).toBe(true);
      expect({ run, calls: store.calls }).toEqual({ run, calls: ['nodeTrees'] });
    }
    await api.server.stop();
  });

  it('answers the nested area document for each of the 45 areas with a full 2023 report in one call each, as level by level does', async () => {
    const bundle = seedBundle();
    const rows = relationshipRows(bundle);
    const inspectionsWithFindings = new Set(rows.filter((r) => r.type === 'FOUND').map((r) => r.from));
    const reportAreas = rows
      .filter((r) => r.type === 'OF' && (bundle.nodes[bundle.nodeIndex.get(r.from)!] as InspectionRow).framework === 'FRAMEWORK_2023')
      .filter((of) => inspectionsWithFindings.has(of.from))
      .map((r) => r.to);
    expect(new Set(reportAreas).size).toBe(45);
    const store = await seededStore();
    const counted = countingStore(asRemote(store));
    const api = await startApi(counted);
    const schema = buildSchema();
    let findings = 0;
    for (const id of new Set(reportAreas)) {
      counted.calls.length = 0;
      const got = await api.run(NESTED.replace('"sandwell"', JSON.stringify(id)));
      expect({ id, calls: counted.calls }).toEqual({ id, calls: ['nodeTrees'] });
      const perLevel = createRequestContext(store, silentLogger);
      perLevel.loaders.reached = (name, nodeId) => perLevel.loaders.traversal(name).load(nodeId);
      perLevel.loaders.node = (nodeId) => perLevel.loaders.nodes.load(nodeId);
      const expected = await execute({ schema, document: parse(NESTED.replace('"sandwell"', JSON.stringify(id))), contextValue: perLevel });
      expect(got).toEqual(JSON.parse(JSON.stringify(expected)));
      findings += got.data.area.inspections.reduce((n: number, i: { findings: unknown[] }) => n + i.findings.length, 0);
    }
    // every finding of every inspection of those areas: the reports' and the earlier inspections'
    const inspections = new Set(rows.filter((r) => r.type === 'OF' && reportAreas.includes(r.to)).map((r) => r.from));
    expect(findings).toBe(rows.filter((r) => r.type === 'FOUND' && inspections.has(r.from)).length);
    expect(findings).toBeGreaterThan(859);
    await api.server.stop();
  }, 60_000); // 45 areas, each answered twice (nested and level by level): seconds, more on a busy machine

  it("fetches an area's successions, latest outcome and agencies' successions with its tree (the explorer's area page)", async () => {
    const doc = `{ area(id: "sandwell") {
      latestOutcome succeededBy { area { id } on { iso } } predecessors { area { id } }
      inspections { id outcome findings { id themes { id } } }
      agencies { id successors { agency { id } on { iso } } predecessors { agency { id } } }
    } }`;
    const store = await seededStore();
    const counted = countingStore(asRemote(store));
    const api = await startApi(counted);
    const got = await api.run(doc);
    expect(got.errors).toBeUndefined();
    expect(counted.calls).toEqual(['nodeTrees']);
    expect(got.data.area.latestOutcome).toBe(got.data.area.inspections.at(-1).outcome);
    expect(got.data.area.agencies.some((a: { successors: unknown[] }) => a.successors.length > 0)).toBe(true);
    const perLevel = createRequestContext(store, silentLogger);
    perLevel.loaders.reached = (name, id) => perLevel.loaders.traversal(name).load(id);
    perLevel.loaders.node = (id) => perLevel.loaders.nodes.load(id);
    const expected = await execute({ schema: buildSchema(), document: parse(doc), contextValue: perLevel });
    expect(got).toEqual(JSON.parse(JSON.stringify(expected)));
    await api.server.stop();
  });

  it('gives the same answer as fetching one level at a time', async () => {
    const store = await seededStore();
    const doc = `{ sandwell: area(id: "sandwell") { inspections { findings { id themes { id } } } } areas(regionId: "west-midlands", first: 5) { nodes { id region { name } themes(polarity: WEAKNESS, first: 5) { id areas(first: 4) { id } } agencies { id successors { agency { id } } } inspections { findings(first: 6) { id foundBy { ... on Inspection { id } } themes { id findings(first: 3) { id } } } } } } }`;
    const perLevel = createRequestContext(store, silentLogger);
    perLevel.loaders.reached = (name, id) => perLevel.loaders.traversal(name).load(id);
    perLevel.loaders.node = (id) => perLevel.loaders.nodes.load(id);
    const expected = await execute({ schema: buildSchema(), document: parse(doc), contextValue: perLevel });
    const api = await startApi(asRemote(store));
    const got = await api.run(doc);
    expect(got.errors).toBeUndefined();
    expect(got.data.areas.nodes.length).toBeGreaterThan(3);
    expect(got).toEqual(JSON.parse(JSON.stringify(expected)));
    await api.server.stop();
  });

  it('follows aliases, fragments and @include into one call', async () => {
    const store = await remoteSeededStore();
    const api = await startApi(store);
    const res = await api.run(
      `query($deep: Boolean!) { region(id: "west-midlands") { areas { id weak: findings(polarity: WEAKNESS) { ...F } all: findings { id } } } }
       fragment F on Finding { themes @include(if: $deep) { id } agencies { id } }`,
      { deep: true },
    );
    expect(res.errors).toBeUndefined();
    const sandwell = res.data.region.areas.find((a: { id: string }) => a.id === 'sandwell');
    expect([sandwell.weak.length, sandwell.all.length]).toEqual([13, 23]);
    expect(sandwell.weak[0].themes.length).toBeGreaterThan(0);
    expect(store.calls).toEqual(['nodeTrees']);
    await api.server.stop();
  });

  it('fetches the areas of an analysis with what is asked below them in one call', async () => {
    const store = await remoteSeededStore();
    const api = await startApi(store);
    const res = await api.run('{ similarAreas(areaId: "sandwell", first: 3) { score area { name region { name } inspections { findings { id } } } sharedThemes { label } } }');
    expect(res.errors).toBeUndefined();
    // The same answer as the embedded store gives level by level (which areas follows the themes the data holds).
    const plain = await startApi(await seededStore());
    const unbatched = await plain.run('{ similarAreas(areaId: "sandwell", first: 3) { score area { name region { name } inspections { findings { id } } } sharedThemes { label } } }');
    await plain.server.stop();
    expect(res.data).toEqual(unbatched.data);
    expect(res.data.similarAreas).toHaveLength(3);
    // the ranking; the areas with their regions, inspections and findings; the shared themes
    expect(store.calls).toEqual(['similarAreas', 'nodeTrees', 'nodes']);
    await api.server.stop();
  });
});
