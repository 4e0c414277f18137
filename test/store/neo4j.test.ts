import pino from 'pino';
import { readConfig } from '../../src/config';
import { chooseStore, connectNeo4j } from '../../src/store/open-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { ensureSchema, missingSchema } from '../../src/store/neo4j/schema';
import { writeBundle } from '../../src/store/neo4j/seed-writer';
import { toPlain } from '../../src/store/neo4j/values';
import { hasThemeRows, themeWeaknessAreas } from '../../src/store/has-theme';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { FindingSimilarityIndex } from '../../src/store/memory/finding-similarity-index';
import type { SimilarToRow } from '../../src/store/similar-to';
import type { SimilarByFindingsRow } from '../../src/store/similar-by-findings';
import type { SimilarByThemesRow } from '../../src/store/similar-by-themes';
import { similarByThemesRows } from '../../src/store/memory/similar-areas';
import { loadDataset } from '../../src/dataset/load-dataset';
import { startApi } from '../api/harness';
import { copyOfSeeds, editFile, seedBundle } from '../helpers';
import { describeStoreContract } from './contract';
import { describeContextContract } from './context-contract';

/**
 * The same contract, against a real Neo4j: runs when NEO4J_URI is set (and WIPES the graph data
 * in NEO4J_DATABASE: point it at a scratch database). test/neo4j-notice.ts says when it is skipped.
 */
const uri = process.env.NEO4J_URI;
const describeWithNeo4j = uri ? describe : describe.skip;
/** One seeding of a real server took about 5 s (Neo4j 4.4, the seeds) before the derived similarity (~70k more relationships): each test allows this much per seeding it runs. */
const SEEDING_MS = 60_000;

async function openSeededNeo4j(): Promise<Neo4jStore> {
  const config = readConfig();
  const choice = chooseStore(config);
  if (choice.kind !== 'neo4j') throw new Error('NEO4J_URI is not set');
  const store = await connectNeo4j(config, pino({ level: 'silent' }), choice.settings);
  await ensureSchema(store.driverForAdmin(), store.databaseName);
  await store.load(seedBundle());
  return store;
}

describeWithNeo4j('Neo4j store', () => {
  describeStoreContract('neo4j', openSeededNeo4j, undefined, SEEDING_MS);
  describeContextContract('neo4j', openSeededNeo4j, undefined, SEEDING_MS);

  it('has every constraint and the full-text index after seeding, and says when the derived relationships are missing', async () => {
    const store = await openSeededNeo4j();
    expect(await missingSchema(store.driverForAdmin(), store.databaseName)).toEqual([]);
    await store.driverForAdmin().executeQuery('MATCH ()-[h:HAS_THEME]->() DELETE h', {}, { database: store.databaseName });
    const missing = ["derived HAS_THEME relationships and themes' weakness areas (seeded by an earlier version)"];
    expect(await missingSchema(store.driverForAdmin(), store.databaseName)).toEqual(missing);
    await store.load(seedBundle());
    expect(await missingSchema(store.driverForAdmin(), store.databaseName)).toEqual([]);
    await store.driverForAdmin().executeQuery("MATCH (t:Theme {id: 'social-care'}) REMOVE t.weaknessAreaIds", {}, { database: store.databaseName });
    expect(await missingSchema(store.driverForAdmin(), store.databaseName)).toEqual(missing);
    await store.load(seedBundle());
    expect(await missingSchema(store.driverForAdmin(), store.databaseName)).toEqual([]);
    await store.close();
  }, 3 * SEEDING_MS);

  it('answers a three-level nested query in one Cypher round trip', async () => {
    const store = await openSeededNeo4j();
    const api = await startApi(store);
    const before = store.roundTrips;
    const res = await api.run('{ area(id: "sandwell") { inspections { findings { themes { id } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.area.inspections[0].findings).toHaveLength(11);
    expect(store.roundTrips - before).toBe(1);
    await api.server.stop();
    await store.close();
  }, SEEDING_MS);

  it('holds the embedded store\'s SIMILAR_TO, SIMILAR_BY_FINDINGS and SIMILAR_BY_THEMES rows after seeding, and says when they are missing', async () => {
    const store = await openSeededNeo4j();
    const driver = store.driverForAdmin();
    const index = new FindingSimilarityIndex(new MemoryGraph(seedBundle()));
    const read = async (text: string) => (await driver.executeQuery(text, {}, { database: store.databaseName })).records.map((r) => toPlain(r.toObject()));
    const byKey = (a: { from: string; to: string }, b: { from: string; to: string }) => (a.from + a.to + JSON.stringify(a) < b.from + b.to + JSON.stringify(b) ? -1 : 1);
    const similarTo = await read('MATCH (f:Finding)-[s:SIMILAR_TO]->(g:Finding) RETURN f.id AS from, g.id AS to, s.score AS score, s.polarity AS polarity, s.framework AS framework, s.area AS area');
    expect((similarTo as SimilarToRow[]).sort(byKey)).toEqual([...index.similarToRows()].flat().sort(byKey));
    const byFindings = await read('MATCH (a:Area)-[s:SIMILAR_BY_FINDINGS]->(b:Area) RETURN a.id AS from, b.id AS to, s.polarity AS polarity, s.framework AS framework, s.score AS score, s.matchIds AS matchIds');
    expect((byFindings as SimilarByFindingsRow[]).sort(byKey)).toEqual([...index.similarByFindingsRows()].flat().sort(byKey));
    const byThemes = await read('MATCH (a:Area)-[s:SIMILAR_BY_THEMES]->(b:Area) RETURN a.id AS from, b.id AS to, s.polarity AS polarity, s.framework AS framework, s.score AS score, s.themeIds AS themeIds, s.findingIds AS findingIds, s.matchIds AS matchIds');
    expect((byThemes as SimilarByThemesRow[]).sort(byKey)).toEqual([...similarByThemesRows(new MemoryGraph(seedBundle()))].flat().sort(byKey));
    await driver.executeQuery('MATCH ()-[s:SIMILAR_TO]->() DELETE s', {}, { database: store.databaseName });
    expect(await missingSchema(driver, store.databaseName)).toEqual(['derived SIMILAR_TO, SIMILAR_BY_FINDINGS and SIMILAR_BY_THEMES relationships (seeded by an earlier version)']);
    await store.load(seedBundle());
    expect(await missingSchema(driver, store.databaseName)).toEqual([]);
    await store.close();
  }, 2 * SEEDING_MS);

  describe('derived HAS_THEME relationships', () => {
    const STORED = `MATCH (h)-[r:HAS_THEME]->(t:Theme)
RETURN h.id AS from, t.id AS to, r.polarity AS polarity, r.framework AS framework, r.findings AS findings, r.findingIds AS findingIds
ORDER BY from, to, polarity, framework`;
    // The same, counted from the stated relationships: each finding's area (through its inspection) or review, and its inspection's framework.
    const RECOUNTED = `MATCH (x)-[:FOUND]->(f:Finding)-[:ABOUT]->(t:Theme)
OPTIONAL MATCH (x:Inspection)-[:OF]->(a:Area)
WITH coalesce(a, x) AS h, t, f, x.framework AS framework
WHERE h:Area OR h:Review
WITH h.id AS from, t.id AS to, f.polarity AS polarity, framework, f.id AS findingId ORDER BY findingId
WITH from, to, polarity, framework, collect(findingId) AS findingIds
RETURN from, to, polarity, framework, size(findingIds) AS findings, findingIds
ORDER BY from, to, polarity, framework`;

    it('agree with the findings after seeding, after re-seeding changed seeds, and after --reset', async () => {
      const store = await openSeededNeo4j();
      const driver = store.driverForAdmin();
      const rows = async (text: string) =>
        (await driver.executeQuery(text, {}, { database: store.databaseName })).records.map(
          (r) => toPlain(r.toObject()) as { from: string; to: string; polarity: string; framework: string | null; findings: number; findingIds: string[] },
        );
      const expected = (bundle: ReturnType<typeof seedBundle>) => hasThemeRows(bundle).map((r) => ({ ...r, findings: r.findingIds.length }));

      expect(await rows(STORED)).toEqual(expected(seedBundle()));
      expect(await rows(STORED)).toEqual(await rows(RECOUNTED));
      // Each theme's weakness areas (sharedWeaknesses reads them), as the HAS_THEME rows give them.
      const themeAreas = async () =>
        (await driver.executeQuery('MATCH (t:Theme) RETURN t.id AS id, t.weaknessAreaIds AS areaIds ORDER BY id', {}, { database: store.databaseName })).records.map((r) => r.toObject());
      const expectedAreas = (bundle: ReturnType<typeof seedBundle>) =>
        themeWeaknessAreas(hasThemeRows(bundle), bundle.nodes.filter((n) => n.label === 'Theme').map((n) => n.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(await themeAreas()).toEqual(expectedAreas(seedBundle()));

      // Sandwell's only EHC plan weakness becomes a social care strength.
      const dir = copyOfSeeds();
      editFile(`${dir}/documents/sandwell-2017.yaml`, (t) =>
        t.replace('    polarity: weakness\n    themes: [ehc-plan-quality]\n    summary: EHC plans are of uneven', '    polarity: strength\n    themes: [social-care]\n    summary: EHC plans are of uneven'),
      );
      const changed = loadDataset(dir);
      // A HAS_THEME of the shape written before relationships were kept per framework (no variant): re-seeding removes it.
      await driver.executeQuery(
        `MATCH (a:Area {id: 'sandwell'}), (t:Theme {id: 'social-care'}) CREATE (a)-[:HAS_THEME {polarity: 'WEAKNESS', findings: 1, findingIds: ['x']}]->(t)`,
        {},
        { database: store.databaseName },
      );
      await writeBundle(driver, store.databaseName, changed);
      const after = await rows(STORED);
      expect(after).toEqual(expected(changed));
      expect(after).toEqual(await rows(RECOUNTED));
      expect(after.find((r) => r.from === 'sandwell' && r.to === 'ehc-plan-quality' && r.polarity === 'WEAKNESS')).toBeUndefined();
      expect(await themeAreas()).toEqual(expectedAreas(changed));
      const socialCare = after.find((r) => r.from === 'sandwell' && r.to === 'social-care' && r.polarity === 'STRENGTH' && r.framework === 'FRAMEWORK_2016');
      expect(socialCare?.findingIds).toContain('sandwell-2017-ehc-plans-lack-health-and-care');

      await writeBundle(driver, store.databaseName, seedBundle(), { reset: true });
      expect(await rows(STORED)).toEqual(expected(seedBundle()));
      expect((await store.stats()).relationships).toBe(seedBundle().relationships.count);
      await store.close();
    }, 3 * SEEDING_MS);
  });
});
