import type { GraphStore } from '../src/store/port';
import { TRAVERSALS } from '../src/store/traversals';

/**
 * The query mix: each document with the variables it runs with on a generated dataset, and the
 * store calls its resolvers make, so the engine's own cost can be timed without GraphQL.
 */
export interface BenchDocument {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** The same work as the resolvers ask of the store. */
  storeCall(store: GraphStore): Promise<unknown>;
}

const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);

export function benchDocuments(areaCount: number): BenchDocument[] {
  const w = String(areaCount).length;
  const area = (i: number) => `area-${String(i).padStart(w, '0')}`;
  const ccg = `ccg-${'0'.repeat(w)}`;
  const first = area(0);
  const far = area(areaCount - 1);
  const finding = `${first}-inspection-1-f01`;
  return [
    {
      name: 'area nested',
      query: `query($id: ID!) { area(id: $id) { name inspections { startedOn { iso } findings { summary themes { id label } } } } }`,
      variables: { id: first },
      // One call since issue 15: the area with everything below it (see Loaders.node).
      async storeCall(store) {
        return store.nodeTrees([first], [{ steps: TRAVERSALS.areaInspections, children: [{ steps: TRAVERSALS.inspectionFindings, children: [{ steps: TRAVERSALS.findingThemes, children: [] }] }] }]);
      },
    },
    {
      name: 'sharedWeaknesses',
      query: `query($min: Int!) { sharedWeaknesses(minAreas: $min, maxThemes: 3, first: 20) { support themes { id label } areas(first: 10) { id name } } }`,
      variables: { min: Math.max(2, Math.round(areaCount * 0.25)) },
      async storeCall(store) {
        const patterns = await store.sharedWeaknesses({ minAreas: Math.max(2, Math.round(areaCount * 0.25)), maxThemes: 3, first: 20 });
        return store.nodes([...new Set(patterns.flatMap((p) => [...p.themeIds, ...p.areaIds.slice(0, 10)]))]);
      },
    },
    {
      name: 'similarAreas',
      query: `query($id: ID!) { similarAreas(areaId: $id, first: 10) { area { id name } score sharedThemes { id } } }`,
      variables: { id: first },
      async storeCall(store) {
        const rows = await store.similarAreas({ areaId: first, first: 10, polarity: 'WEAKNESS' });
        return store.nodes([...new Set(rows.flatMap((r) => [r.areaId, ...r.sharedThemeIds]))]);
      },
    },
    {
      name: 'similarAreas FINDINGS',
      query: `query($id: ID!) { similarAreas(areaId: $id, first: 10, method: FINDINGS) { area { id name } score evidence(first: 3) { score sharedTerms finding { id quote } match { id quote } } } }`,
      variables: { id: first },
      async storeCall(store) {
        const rows = await store.similarAreas({ areaId: first, first: 10, polarity: 'WEAKNESS', method: 'FINDINGS' });
        return store.nodes([...new Set(rows.flatMap((r) => [r.areaId, ...r.evidence.slice(0, 3).flatMap((e) => [e.findingId, e.matchId])]))]);
      },
    },
    {
      name: 'similarFindings',
      query: `query($id: ID!) { similarFindings(findingId: $id, first: 10) { score sharedTerms finding { id quote } } }`,
      variables: { id: finding },
      async storeCall(store) {
        const rows = await store.similarFindings({ findingId: finding, first: 10, excludeSameArea: true });
        return store.nodes(rows.map((r) => r.findingId));
      },
    },
    {
      name: 'themeCooccurrence',
      query: `query { themeCooccurrence(minAreas: 2, first: 20) { themes { id } count lift areas(first: 10) { id } } }`,
      variables: {},
      async storeCall(store) {
        const rows = await store.themeCooccurrence({ polarity: 'WEAKNESS', minAreas: 2, first: 20 });
        return store.nodes([...new Set(rows.flatMap((r) => [...r.themeIds, ...r.areaIds.slice(0, 10)]))]);
      },
    },
    {
      name: 'agencyNetwork',
      query: `query($id: ID!) { agencyNetwork(agencyId: $id, maxDepth: 2) { members { agency { id kind } depth } } }`,
      variables: { id: ccg },
      async storeCall(store) {
        const net = await store.agencyNetwork(ccg, 2);
        return store.nodes(net!.members.map((m) => m.agencyId));
      },
    },
    {
      name: 'path',
      query: `query($from: ID!, $to: ID!) { path(fromId: $from, toId: $to) { length nodes { id } } }`,
      variables: { from: first, to: far },
      async storeCall(store) {
        const p = await store.path({ fromId: first, toId: far, maxHops: 6 });
        return store.nodes(p!.nodeIds);
      },
    },
    {
      name: 'search',
      query: `query($text: String!) { search(text: $text, first: 10) { node { id } score snippet } }`,
      variables: { text: 'annual reviews too slow' },
      async storeCall(store) {
        const { hits } = await store.search({ text: 'annual reviews too slow', first: 10 });
        return store.nodes(ids(hits));
      },
    },
    {
      // Since issue 26: a phrase, filters and a page with its total.
      name: 'search filtered',
      query: `query($text: String!) { searchResults(text: $text, polarity: WEAKNESS, framework: FRAMEWORK_2016, regionId: "london", from: "2017", first: 10) { totalCount edges { cursor node { score snippet marks { start end } node { id } } } } }`,
      variables: { text: '"annual reviews" OR slow' },
      async storeCall(store) {
        const { hits } = await store.search({ text: '"annual reviews" OR slow', polarity: 'WEAKNESS', framework: 'FRAMEWORK_2016', regionId: 'london', from: '2017', first: 10 });
        return store.nodes(ids(hits));
      },
    },
    {
      name: 'indicatorByOutcome',
      query: `query { indicatorByOutcome(name: "ehc-20-week-rate", framework: FRAMEWORK_2016, yearsBefore: 2) { outcome n missing median lowerQuartile upperQuartile areas(first: 10) { id } } }`,
      variables: {},
      async storeCall(store) {
        const groups = await store.indicatorByOutcome({ indicatorId: 'ehc-20-week-rate', framework: 'FRAMEWORK_2016', yearsBefore: 2 });
        return store.nodes([...new Set(groups.flatMap((g) => g.areaIds.slice(0, 10)))]);
      },
    },
    {
      name: 'neighbourComparison',
      query: `query($id: ID!) { neighbourComparison(areaId: $id) { neighbour { area { id name } rank closeness } latestInspections { id outcome } sharedThemes { id } evidence(first: 3) { theme { id } finding { id quote } match { id quote } } } }`,
      variables: { id: first },
      async storeCall(store) {
        const rows = await store.neighbourComparison(first, '2025');
        return store.nodes([...new Set(rows.flatMap((r) => [r.neighbour.neighbourId, ...r.shared.slice(0, 3).flatMap((e) => [e.findingId, e.matchId])]))]);
      },
    },
    {
      name: 'area indicator',
      query: `query($id: ID!) { area(id: $id) { indicator(name: "ehc-20-week-rate") { year value numerator denominator sources { id } } region { indicator(name: "ehc-20-week-rate") { year value } } } england { indicator(name: "ehc-20-week-rate") { year value } } }`,
      variables: { id: far },
      async storeCall(store) {
        return store.indicatorSeries([far, 'england'], 'ehc-20-week-rate', null, null);
      },
    },
  ];
}

/**
 * The least a request can cost: no resolver of ours runs, so its server time is HTTP and Apollo
 * alone. Measured beside the mix, not in it.
 */
export const FLOOR_DOCUMENT: BenchDocument = {
  name: 'floor { __typename }',
  query: '{ __typename }',
  variables: {},
  async storeCall() {
    return undefined;
  },
};
