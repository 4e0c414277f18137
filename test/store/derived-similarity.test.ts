import neo4j, { type Integer, type ManagedTransaction } from 'neo4j-driver';
import { POLARITIES, type FindingRow, type InspectionFramework, type Polarity } from '../../src/domain/model';
import { MemoryGraph } from '../../src/store/memory/memory-graph';
import { FindingSimilarityIndex } from '../../src/store/memory/finding-similarity-index';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { cosine, findingVectors } from '../../src/store/finding-similarity';
import { CLOSEST_FINDINGS, similarFromClosest, type ClosestEntry, type SimilarToRow } from '../../src/store/similar-to';
import type { SimilarFindingsArgs } from '../../src/store/port';
import { seedBundle } from '../helpers';
import { RANKED_AREAS } from '../../src/store/similar-by-findings';
import { sessionDriver } from './session-driver';
import {
  CREATE_SIMILAR_BY_FINDINGS, CREATE_SIMILAR_BY_THEMES, CREATE_SIMILAR_TO, REMOVE_SIMILAR_BY_FINDINGS, REMOVE_SIMILAR_BY_THEMES, REMOVE_SIMILAR_TO, similarityBatches, writeSimilarity,
} from '../../src/store/neo4j/similarity-writer';
import { MemoryStore } from '../../src/store/memory/memory-store';
import { similarByThemesRows } from '../../src/store/memory/similar-areas';
import { byId } from '../../src/store/ordering';
import { hasThemeVariant } from '../../src/store/has-theme';

/**
 * The derived similarity relationships on the project's seeds (similar-to.ts, similar-by-findings.ts,
 * similar-by-themes.ts): the answers read from them are the embedded store's exhaustive answers,
 * and a similarFindings request the stored lists cannot prove goes to the exhaustive search.
 */
const bundle = seedBundle();
const graph = new MemoryGraph(bundle);
const index = new FindingSimilarityIndex(graph);
const rowsByFinding = new Map<string, SimilarToRow[]>();
for (const rows of index.similarToRows()) if (rows.length) rowsByFinding.set(rows[0].from, rows);
const findingIds = graph.idsByLabel.get('Finding')!;
const areaIds = graph.idsByLabel.get('Area')!;

const rankings = [...index.similarByFindingsRows()].filter((r) => r.length > 0);
const areaOf = new Map(findingIds.map((id) => [id, graph.findingArea(id)]));
const frameworkOf = new Map(findingIds.map((id) => [id, graph.findingFramework(id)]));
const polarityOf = new Map(bundle.nodes.filter((n): n is FindingRow => n.label === 'Finding').map((f) => [f.id, f.polarity]));
/** The area's findings of the polarity and framework in id order, as the graph links them: what matchIds line up with. */
const mineOf = (areaId: string, polarity: Polarity, framework: InspectionFramework | null) =>
  findingIds.filter((id) => graph.findingArea(id) === areaId && polarityOf.get(id) === polarity && (!framework || graph.findingFramework(id) === framework));

const FRAMEWORKS: (InspectionFramework | null)[] = [null, 'FRAMEWORK_2016', 'FRAMEWORK_2023'];
const POLARITY_FILTERS: (Polarity | null)[] = [null, 'STRENGTH', 'WEAKNESS'];
const requests = (findingId: string): SimilarFindingsArgs[] =>
  [10, CLOSEST_FINDINGS].flatMap((first) =>
    POLARITY_FILTERS.flatMap((polarity) => FRAMEWORKS.flatMap((framework) => [true, false].map((excludeSameArea) => ({ findingId, first, polarity, framework, excludeSameArea })))),
  );
const listsOf = (findingId: string, polarity: Polarity | null, k = CLOSEST_FINDINGS) =>
  (polarity ? [polarity] : POLARITIES).map((p) => (rowsByFinding.get(findingId) ?? []).filter((r) => r.polarity === p).slice(0, k));
const ownAreas = (findingId: string) => {
  const a = graph.findingArea(findingId);
  return a ? [a] : [];
};
/** The exhaustive answer the plain way: the cosine with every finding of an area that shares a stem, filtered. */
const vectors = findingVectors(bundle.nodes);
const everyMatch = new Map<string, { to: string; score: number }[]>();
const exhaustive = (args: SimilarFindingsArgs) => {
  if (!everyMatch.has(args.findingId)) {
    const me = vectors.get(args.findingId)!;
    const all = findingIds
      .filter((id) => id !== args.findingId && areaOf.get(id) !== null)
      .map((id) => ({ to: id, ...cosine(me, vectors.get(id)!) }))
      .filter((m) => m.sharedTerms.length > 0)
      .sort((a, b) => b.score - a.score || byId(a.to, b.to));
    everyMatch.set(args.findingId, all.map(({ to, score }) => ({ to, score })));
  }
  const own = areaOf.get(args.findingId);
  return everyMatch
    .get(args.findingId)!
    .filter(({ to }) => (!args.polarity || polarityOf.get(to) === args.polarity) && (!args.framework || frameworkOf.get(to) === args.framework) && !(args.excludeSameArea && areaOf.get(to) === own))
    .slice(0, args.first);
};
const answered = (entries: ClosestEntry[]) => entries.map((e) => ({ to: e.to, score: e.score }));

describe('SIMILAR_TO on the seeds', () => {
  it('holds, for each finding and polarity, its closest findings of areas, best first, at most CLOSEST_FINDINGS', () => {
    expect(rowsByFinding.size).toBeGreaterThan(800);
    const wrong: string[] = [];
    for (const [id, rows] of rowsByFinding) {
      for (const p of POLARITIES) {
        const list = rows.filter((r) => r.polarity === p);
        const expected = exhaustive({ findingId: id, first: CLOSEST_FINDINGS, polarity: p, excludeSameArea: false });
        if (JSON.stringify(list.map(({ to, score }) => ({ to, score }))) !== JSON.stringify(expected)) wrong.push(`${id} ${p}`);
        if (!list.every((r) => r.area === areaOf.get(r.to) && r.framework === frameworkOf.get(r.to))) wrong.push(`${id} ${p}: area or framework`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every similarFindings request it can prove as the exhaustive search does, and proves every one with the defaults', () => {
    let proven = 0;
    let asked = 0;
    // Collected, not asserted one by one: tens of thousands of requests.
    const wrong: unknown[] = [];
    const unproven: unknown[] = [];
    for (const id of findingIds) {
      for (const args of requests(id)) {
        const fromLists = similarFromClosest(listsOf(id, args.polarity ?? null), args, ownAreas(id));
        asked++;
        if (args.first === 10 && args.framework === null && !fromLists) unproven.push(args);
        if (!fromLists) continue;
        proven++;
        if (JSON.stringify(answered(fromLists)) !== JSON.stringify(exhaustive(args))) wrong.push(args);
      }
    }
    expect({ wrong, unproven }).toEqual({ wrong: [], unproven: [] });
    // Most of the rest filter on FRAMEWORK_2016, whose findings (the articles) are few, or ask for CLOSEST_FINDINGS with a filter.
    expect(proven / asked).toBeGreaterThan(0.5);
  });

  it('never answers wrongly from lists cut much shorter (k = 5): it proves fewer and falls back on the rest', () => {
    let proven = 0;
    for (const id of findingIds.filter((_, i) => i % 7 === 0)) {
      for (const args of requests(id).map((a) => ({ ...a, first: Math.min(a.first, 5) }))) {
        const fromLists = similarFromClosest(listsOf(id, args.polarity ?? null, 5), args, ownAreas(id), 5);
        if (!fromLists) continue;
        proven++;
        expect({ args, answer: answered(fromLists) }).toEqual({ args, answer: exhaustive(args) });
      }
    }
    expect(proven).toBeGreaterThan(100);
  });

});

describe('SIMILAR_BY_FINDINGS on the seeds', () => {
  it('holds, for every area, polarity and framework, similarAreas(method: FINDINGS) with each of the area\'s findings matched', () => {
    let asked = 0;
    for (const areaId of areaIds) {
      for (const polarity of POLARITIES) {
        for (const framework of FRAMEWORKS) {
          const expected = index.similarAreas({ areaId, first: RANKED_AREAS, polarity, framework, method: 'FINDINGS' });
          const stored = rankings.find((r) => r[0].from === areaId && r[0].polarity === polarity && r[0].framework === framework) ?? [];
          const mine = mineOf(areaId, polarity, framework);
          const pairs = (matchIds: string[]) => mine.map((f, k) => [f, matchIds[k]]).filter(([, m]) => m !== '').sort(([a], [b]) => byId(a, b));
          expect({ areaId, polarity, framework, stored: stored.map((r) => ({ areaId: r.to, score: r.score, pairs: pairs(r.matchIds) })) }).toEqual({
            areaId,
            polarity,
            framework,
            stored: expected.map((r) => ({ areaId: r.areaId, score: r.score, pairs: r.evidence.map((e) => [e.findingId, e.matchId]).sort(([a], [b]) => byId(a, b)) })),
          });
          if (expected.length) asked++;
        }
      }
    }
    expect(asked).toBeGreaterThan(100);
  });
});

describe('SIMILAR_BY_THEMES on the seeds', () => {
  it('holds, for every area, polarity and framework, similarAreas by themes with its evidence', async () => {
    const store = new MemoryStore();
    await store.load(bundle);
    const stored = [...similarByThemesRows(graph)];
    let answered = 0;
    for (const ranking of stored) {
      if (!ranking.length) continue;
      const { from: areaId, polarity, framework } = ranking[0];
      const expected = await store.similarAreas({ areaId, first: RANKED_AREAS, polarity, framework });
      const fromRows = ranking.map((r) => ({ areaId: r.to, score: r.score, sharedThemeIds: r.themeIds, evidence: r.themeIds.map((themeId, i) => ({ themeId, findingId: r.findingIds[i], matchId: r.matchIds[i], score: null, sharedTerms: [] })) }));
      expect({ areaId, polarity, framework, fromRows }).toEqual({ areaId, polarity, framework, fromRows: expected });
      answered++;
    }
    // Every area's rankings were stored, not only those with answers.
    expect(stored).toHaveLength(areaIds.length * 6);
    expect(answered).toBeGreaterThan(100);
  });
});

describe('Neo4j similarFindings and similarAreas by findings, on a driver that answers from the stored relationships', () => {
  const themeRankings = [...similarByThemesRows(graph)];
  function listDriver() {
    const sent: string[] = [];
    const driver = sessionDriver(async (text: string, params: Record<string, unknown>) => {
        sent.push(text);
        if (text.includes('ownAreaIds')) {
          const id = params.findingId as string;
          const v = vectors.get(id);
          if (!v) return { records: [] };
          const closest = (rowsByFinding.get(id) ?? [])
            .filter((r) => params.polarity === null || r.polarity === params.polarity)
            .map(({ from: _from, ...r }) => ({ ...r, text: vectors.get(r.to)!.terms.join(' '), weights: vectors.get(r.to)!.weights }));
          const record = { text: v.terms.join(' '), weights: v.weights, ownAreaIds: ownAreas(id), closest };
          return { records: [new neo4j.Record(Object.keys(record), Object.values(record))] };
        }
        if (text.includes('SIMILAR_BY_THEMES')) {
          const stored = themeRankings.find((r) => r[0] && hasThemeVariant(r[0].polarity, r[0].framework) === params.variant && r[0].from === params.areaId) ?? [];
          return { records: stored.slice(0, (params.first as Integer).toNumber()).map((r) => new neo4j.Record(['areaId', 'score', 'themeIds', 'findingIds', 'matchIds'], [r.to, r.score, r.themeIds, r.findingIds, r.matchIds])) };
        }
        if (text.includes('SIMILAR_BY_FINDINGS')) {
          const { areaId, polarity, framework } = params as { areaId: string; polarity: Polarity; framework: InspectionFramework | null };
          const mine = mineOf(areaId, polarity, framework);
          const stored = (rankings.find((r) => r[0].from === areaId && r[0].polarity === polarity && r[0].framework === framework) ?? []).slice(0, (params.first as Integer).toNumber());
          const vector = (id: string) => ({ text: vectors.get(id)!.terms.join(' '), weights: vectors.get(id)!.weights });
          return {
            records: stored.map((r) => {
              const pairs = mine.flatMap((f, k) => (r.matchIds[k] ? [{ findingId: f, matchId: r.matchIds[k], findingText: vector(f).text, findingWeights: vector(f).weights, matchText: vector(r.matchIds[k]).text, matchWeights: vector(r.matchIds[k]).weights }] : []));
              return new neo4j.Record(['areaId', 'score', 'pairs'], [r.to, r.score, pairs]);
            }),
          };
        }
        return { records: [] };
    });
    return { store: new Neo4jStore(driver, 'neo4j'), sent };
  }

  it('answers as the embedded store, scores and shared stems, in one statement when the lists prove it, else with the exhaustive one after', async () => {
    const { store, sent } = listDriver();
    let oneStatement = 0;
    for (const id of findingIds.filter((_, i) => i % 20 === 0)) {
      for (const args of requests(id)) {
        sent.length = 0;
        const answer = await store.similarFindings(args);
        const proven = similarFromClosest(listsOf(id, args.polarity ?? null), args, ownAreas(id)) !== null;
        if (proven) {
          oneStatement++;
          expect({ args, answer }).toEqual({ args, answer: index.similarFindings(args) });
        }
        expect({ args, statements: sent.length }).toEqual({ args, statements: proven ? 1 : 2 });
        if (!proven) expect(sent[1]).toContain('db.index.fulltext.queryNodes');
      }
    }
    expect(oneStatement).toBeGreaterThan(400);
    sent.length = 0;
    expect(await store.similarFindings({ findingId: 'no-such-finding', first: 10, excludeSameArea: true })).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it.each(['FINDINGS', 'THEMES'] as const)('answers similarAreas by %s as the embedded store, with the evidence, in one statement', async (method) => {
    const { store, sent } = listDriver();
    const memory = new MemoryStore();
    await memory.load(bundle);
    let answered = 0;
    for (const areaId of areaIds) {
      for (const polarity of POLARITIES) {
        for (const framework of FRAMEWORKS) {
          const args = { areaId, first: 10, polarity, framework, method };
          sent.length = 0;
          const answer = await store.similarAreas(args);
          expect({ args, answer }).toEqual({ args, answer: await memory.similarAreas(args) });
          expect(sent).toHaveLength(1);
          if (answer.length) answered++;
        }
      }
    }
    expect(answered).toBeGreaterThan(100);
  });
});

describe('the seeding\'s writing of the similarities, on a transaction that records', () => {
  it('removes each type, then creates every row the embedded store computes, in batches, reporting each step', async () => {
    const runs: { text: string; rows?: Record<string, unknown>[] }[] = [];
    const tx = { run: async (text: string, params?: { rows?: Record<string, unknown>[] }) => void runs.push({ text, rows: params?.rows }) } as unknown as ManagedTransaction;
    const steps: string[] = [];
    const written = await writeSimilarity(tx, graph, index, (step) => steps.push(step));
    expect(steps).toHaveLength(similarityBatches(index));
    const created = (statement: string) => runs.filter((r) => r.text === statement).flatMap((r) => r.rows!);
    expect(runs.map((r) => r.text).filter((t) => t.startsWith('MATCH'))).toEqual([REMOVE_SIMILAR_TO, REMOVE_SIMILAR_BY_FINDINGS, REMOVE_SIMILAR_BY_THEMES]);
    expect(runs.findIndex((r) => r.text === CREATE_SIMILAR_TO)).toBeGreaterThan(runs.findIndex((r) => r.text === REMOVE_SIMILAR_TO));
    expect(created(CREATE_SIMILAR_TO)).toEqual([...rowsByFinding.values()].flat());
    expect(created(CREATE_SIMILAR_BY_FINDINGS)).toEqual([...index.similarByFindingsRows()].flat().map((r) => ({ ...r, variant: hasThemeVariant(r.polarity, r.framework) })));
    expect(created(CREATE_SIMILAR_BY_THEMES)).toEqual([...similarByThemesRows(graph)].flat().map((r) => ({ ...r, variant: hasThemeVariant(r.polarity, r.framework) })));
    expect(written).toEqual({ similarTo: created(CREATE_SIMILAR_TO).length, similarByFindings: created(CREATE_SIMILAR_BY_FINDINGS).length, similarByThemes: created(CREATE_SIMILAR_BY_THEMES).length });
    expect(written.similarTo).toBe(54_660);
  });
});

