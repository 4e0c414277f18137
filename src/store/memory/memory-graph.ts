import { MultiDirectedGraph } from 'graphology';
import type { Bundle, FindingRow, Label, NodeRow, Polarity, RelRow, RelType } from '../../domain/model';
import { POLARITIES } from '../../domain/model';
import type { Direction } from '../port';
import { SearchIndex } from './search-index';

import { byId } from '../ordering';

type PolarityIndex<K, V> = Record<Polarity, Map<K, Set<V>>>;
const polarityIndex = <K, V>(): PolarityIndex<K, V> => ({ STRENGTH: new Map(), WEAKNESS: new Map() });
const addTo = <K, V>(m: Map<K, Set<V>>, k: K, v: V) => {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
};

/** The bundle held in process: a graphology graph and the indexes the traversals need, built once at load. */
export class MemoryGraph {
  readonly graph = new MultiDirectedGraph<NodeRow, RelRow>();
  /** Ids of each label, sorted, for paging. */
  readonly idsByLabel = new Map<Label, string[]>();
  /** Area of each finding found by an inspection. */
  readonly findingArea = new Map<string, string>();
  readonly themeAreas: PolarityIndex<string, string> = polarityIndex();
  readonly areaThemes: PolarityIndex<string, string> = polarityIndex();
  /** Per polarity, area -> theme -> the findings in that area about that theme. */
  readonly areaThemeFindings: Record<Polarity, Map<string, Map<string, string[]>>> = { STRENGTH: new Map(), WEAKNESS: new Map() };
  readonly themeFindingCount = new Map<string, number>();
  readonly search: SearchIndex;

  constructor(bundle: Bundle) {
    for (const n of bundle.nodes) this.graph.addNode(n.id, n);
    for (const r of bundle.relationships) this.graph.addDirectedEdgeWithKey(`${r.type}|${r.from}|${r.to}`, r.from, r.to, r);
    for (const n of bundle.nodes) {
      const list = this.idsByLabel.get(n.label) ?? [];
      list.push(n.id);
      this.idsByLabel.set(n.label, list);
    }
    for (const ids of this.idsByLabel.values()) ids.sort(byId);
    this.buildFindingIndexes();
    this.search = new SearchIndex(bundle.nodes);
  }

  node(id: string): NodeRow | null {
    return this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : null;
  }

  /** Calls back for each relationship of `type` at `id` in `direction`, with the node at its other end. */
  forEachRel(id: string, type: RelType, direction: Direction, cb: (other: string, rel: RelRow) => void): void {
    if (direction === 'OUT') {
      this.graph.forEachOutEdge(id, (_e, rel, _s, target) => rel.type === type && cb(target, rel));
    } else {
      this.graph.forEachInEdge(id, (_e, rel, source) => rel.type === type && cb(source, rel));
    }
  }

  relsOf(id: string, type: RelType, direction: Direction): { other: string; rel: RelRow }[] {
    const out: { other: string; rel: RelRow }[] = [];
    this.forEachRel(id, type, direction, (other, rel) => out.push({ other, rel }));
    return out;
  }

  private buildFindingIndexes(): void {
    for (const inspectionId of this.idsByLabel.get('Inspection') ?? []) {
      const areaId = this.relsOf(inspectionId, 'OF', 'OUT')[0]?.other;
      if (!areaId) continue;
      this.forEachRel(inspectionId, 'FOUND', 'OUT', (findingId) => this.findingArea.set(findingId, areaId));
    }
    for (const findingId of this.idsByLabel.get('Finding') ?? []) {
      const finding = this.graph.getNodeAttributes(findingId) as FindingRow;
      const areaId = this.findingArea.get(findingId);
      this.forEachRel(findingId, 'ABOUT', 'OUT', (themeId) => {
        this.themeFindingCount.set(themeId, (this.themeFindingCount.get(themeId) ?? 0) + 1);
        if (!areaId) return;
        addTo(this.themeAreas[finding.polarity], themeId, areaId);
        addTo(this.areaThemes[finding.polarity], areaId, themeId);
        const perArea = this.areaThemeFindings[finding.polarity];
        let perTheme = perArea.get(areaId);
        if (!perTheme) perArea.set(areaId, (perTheme = new Map()));
        const list = perTheme.get(themeId) ?? [];
        list.push(findingId);
        perTheme.set(themeId, list);
      });
    }
  }

  /** Areas with a finding about the theme, of either polarity unless one is given. */
  areasWithTheme(themeId: string, polarity?: Polarity | null): Set<string> {
    const polarities = polarity ? [polarity] : POLARITIES;
    const out = new Set<string>();
    for (const p of polarities) for (const a of this.themeAreas[p].get(themeId) ?? []) out.add(a);
    return out;
  }
}
