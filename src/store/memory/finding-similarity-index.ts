import type { InspectionFramework, NodeRow, Polarity } from '../../domain/model';
import type { AreaSimilarityRow, EvidencePairRow, SimilarAreasArgs, SimilarFindingRow, SimilarFindingsArgs } from '../port';
import { cosine, findingVectors, roundScore, type TermVector } from '../finding-similarity';
import { byId, compareSimilarity } from '../ordering';
import { insertTop as insertTopExport } from '../top-k';
import type { MemoryGraph } from './memory-graph';

// Bound locally for the loops over candidates (see top-k.ts).
const insertTop = insertTopExport;

interface Filter {
  polarity: Polarity | null;
  framework: InspectionFramework | null;
}

/**
 * The findings' TF-IDF vectors (finding-similarity.ts) and an inverted index from each stem to the
 * findings of areas that hold it, with their weights, in typed arrays. A query adds up, for each
 * stem of the given finding, the products of weights along that stem's postings: the cost follows
 * the findings that share a stem with it, not all findings.
 */
export class FindingSimilarityIndex {
  /** Finding ids, sorted; a finding's number is its position. */
  private readonly ids: string[];
  private readonly number: Map<string, number>;
  private readonly vectors: TermVector[];
  /** Each finding's stems as term numbers (in the order of its vector's stems). */
  private readonly termsOf: Int32Array[];
  /** The area's position among area ids (-1 for a national review's finding). */
  private readonly area: Int32Array;
  private readonly areaIds: string[];
  private readonly polarity: (Polarity | null)[];
  private readonly framework: (InspectionFramework | null)[];
  /** Stem t's postings are termStart[t] .. termStart[t + 1] - 1: findings of areas, by number. */
  private readonly termStart: Int32Array;
  private readonly postingFinding: Int32Array;
  private readonly postingWeight: Float64Array;
  /** Each area's findings, by number. */
  private readonly areaFindings = new Map<number, number[]>();
  // Scratch space for one query at a time (queries run synchronously).
  private readonly scores: Float64Array;
  private readonly touched: Uint8Array;

  constructor(g: MemoryGraph, rows: readonly NodeRow[]) {
    const byFinding = findingVectors(rows);
    this.ids = [...byFinding.keys()].sort(byId);
    this.number = new Map(this.ids.map((id, i) => [id, i]));
    this.vectors = this.ids.map((id) => byFinding.get(id)!);
    this.areaIds = g.idsByLabel.get('Area') ?? [];
    const areaNumber = new Map(this.areaIds.map((id, i) => [id, i]));
    this.area = Int32Array.from(this.ids, (id) => {
      const a = g.findingArea(id);
      return a === null ? -1 : areaNumber.get(a)!;
    });
    this.polarity = this.ids.map((id) => (g.node(id) as { polarity?: Polarity }).polarity ?? null);
    this.framework = this.ids.map((id) => g.findingFramework(id));
    this.area.forEach((a, f) => {
      if (a >= 0) (this.areaFindings.get(a) ?? this.areaFindings.set(a, []).get(a)!).push(f);
    });

    const termNumber = new Map<string, number>();
    const postings: number[] = [];
    this.termsOf = this.vectors.map((v, f) =>
      Int32Array.from(v.terms, (t) => {
        let n = termNumber.get(t);
        if (n === undefined) termNumber.set(t, (n = termNumber.size)), postings.push(0);
        if (this.area[f] >= 0) postings[n]++;
        return n;
      }),
    );
    this.termStart = new Int32Array(termNumber.size + 1);
    for (let t = 0; t < termNumber.size; t++) this.termStart[t + 1] = this.termStart[t] + postings[t];
    const next = this.termStart.slice(0, termNumber.size);
    this.postingFinding = new Int32Array(this.termStart[termNumber.size]);
    this.postingWeight = new Float64Array(this.postingFinding.length);
    this.vectors.forEach((v, f) => {
      if (this.area[f] < 0) return;
      this.termsOf[f].forEach((t, k) => {
        const p = next[t]++;
        this.postingFinding[p] = f;
        this.postingWeight[p] = v.weights[k];
      });
    });
    this.scores = new Float64Array(this.ids.length);
    this.touched = new Uint8Array(this.ids.length);
  }

  similarFindings(args: SimilarFindingsArgs): SimilarFindingRow[] {
    const me = this.number.get(args.findingId);
    if (me === undefined || args.first === 0) return [];
    const filter = { polarity: args.polarity ?? null, framework: args.framework ?? null };
    const excluded = args.excludeSameArea ? this.area[me] : -2;
    const top: { f: number; score: number; id: string }[] = [];
    const better = (a: { score: number; id: string }, b: { score: number; id: string }) => b.score - a.score || byId(a.id, b.id);
    this.withScores(me, (f, score) => {
      if (f === me || this.area[f] === excluded || !this.passes(f, filter)) return;
      insertTop(top, { f, score, id: this.ids[f] }, args.first, better);
    });
    return top.map(({ f }) => ({ findingId: this.ids[f], ...cosine(this.vectors[me], this.vectors[f]) }));
  }

  /**
   * Areas ranked by how closely their findings match the given area's: for each finding of the
   * area (of the polarity and framework), the closest finding of each other area; an area's score
   * is the mean of those closest similarities over all the given area's findings (none close: 0).
   */
  similarAreas(args: SimilarAreasArgs): AreaSimilarityRow[] {
    const areaNumber = this.areaIds.indexOf(args.areaId);
    const filter = { polarity: args.polarity, framework: args.framework ?? null };
    const mine = (this.areaFindings.get(areaNumber) ?? []).filter((f) => this.passes(f, filter));
    if (mine.length === 0 || args.first === 0) return [];
    const pairs = new Map<number, { f: number; g: number; score: number }[]>();
    for (const f of mine) {
      const best = new Map<number, { g: number; score: number }>();
      this.withScores(f, (g, score) => {
        const a = this.area[g];
        if (a === areaNumber || !this.passes(g, filter)) return;
        const b = best.get(a);
        if (!b || score > b.score || (score === b.score && g < b.g)) best.set(a, { g, score });
      });
      for (const [a, { g, score }] of best) (pairs.get(a) ?? pairs.set(a, []).get(a)!).push({ f, g, score });
    }
    const top: { areaId: string; score: number; a: number }[] = [];
    for (const [a, list] of pairs) {
      const score = roundScore(list.reduce((s, p) => s + p.score, 0) / mine.length);
      insertTop(top, { areaId: this.areaIds[a], score, a }, args.first, compareSimilarity);
    }
    return top.map(({ areaId, score, a }) => ({
      areaId,
      score,
      sharedThemeIds: [],
      evidence: pairs
        .get(a)!
        .sort((x, y) => y.score - x.score || x.f - y.f)
        .map((p): EvidencePairRow => ({ themeId: null, findingId: this.ids[p.f], matchId: this.ids[p.g], ...cosine(this.vectors[p.f], this.vectors[p.g]) })),
    }));
  }

  private passes(f: number, filter: Filter): boolean {
    return this.area[f] >= 0 && (!filter.polarity || this.polarity[f] === filter.polarity) && (!filter.framework || this.framework[f] === filter.framework);
  }

  /** Calls back with every finding of an area that shares a stem with finding `me`, and the two's cosine (rounded). */
  private withScores(me: number, cb: (f: number, score: number) => void): void {
    const terms = this.termsOf[me];
    const weights = this.vectors[me].weights;
    const hit: number[] = [];
    // Stems in id order, so the products add up in the order cosine() adds them.
    for (let k = 0; k < terms.length; k++) {
      const w = weights[k];
      for (let p = this.termStart[terms[k]], end = this.termStart[terms[k] + 1]; p < end; p++) {
        const f = this.postingFinding[p];
        if (!this.touched[f]) (this.touched[f] = 1), hit.push(f);
        this.scores[f] += w * this.postingWeight[p];
      }
    }
    try {
      for (const f of hit) cb(f, roundScore(this.scores[f]));
    } finally {
      for (const f of hit) (this.scores[f] = 0), (this.touched[f] = 0);
    }
  }
}
