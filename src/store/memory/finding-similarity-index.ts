import { deadlineTicker } from '../deadline';
import { INSPECTION_FRAMEWORKS, POLARITIES, type FindingRow, type InspectionFramework, type Polarity } from '../../domain/model';
import type { AreaSimilarityRow, EvidencePairRow, SimilarAreasArgs, SimilarFindingRow, SimilarFindingsArgs } from '../port';
import { buildFindingVectors, cosine, roundScore, vectorAt, type FindingVectors } from '../finding-similarity';
import { byId, compareSimilarity } from '../ordering';
import { insertTop } from '../top-k';
import { CLOSEST_FINDINGS, compareClosest, type SimilarToRow } from '../similar-to';
import { RANKED_AREAS, type SimilarByFindingsRow } from '../similar-by-findings';
import type { MemoryGraph } from './memory-graph';

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
  /** Each finding's stems (numbers in vectors.vocabulary, in id order) and weights. */
  private readonly vectors: FindingVectors;
  /** The area's position among area ids (-1 for a national review's finding). */
  private readonly area: Int32Array;
  private readonly areaIds: string[];
  private readonly polarity: (Polarity | null)[];
  private readonly framework: (InspectionFramework | null)[];
  /**
   * Stem t's postings are termStart[2t] .. termStart[2t + 2] - 1: findings of areas, by number;
   * strengths first, weaknesses from termStart[2t + 1], so a query for one polarity reads only its own.
   */
  private readonly termStart: Int32Array;
  private readonly postingFinding: Int32Array;
  private readonly postingWeight: Float32Array;
  /** Each area's findings, by number. */
  private readonly areaFindings = new Map<number, number[]>();
  // Scratch space for one query at a time (queries run synchronously).
  private readonly scores: Float64Array;
  private readonly touched: Uint8Array;

  /** Builds the findings' vectors from the graph, or takes those built before from the same graph (a snapshot). */
  constructor(g: MemoryGraph, vectors?: FindingVectors) {
    // By row index, not id: a million findings at 100x, and no id lookup each.
    const at = g.rowIndexes('Finding');
    this.ids = g.idsByLabel.get('Finding') ?? [];
    const rows = Array.from(at, (i) => g.rowAt(i) as FindingRow);
    this.vectors = vectors ?? buildFindingVectors(rows);
    this.areaIds = g.idsByLabel.get('Area') ?? [];
    const areaNumber = new Map<number, number>();
    g.rowIndexes('Area').forEach((row, n) => areaNumber.set(row, n));
    this.area = Int32Array.from(at, (i) => {
      const a = g.findingAreaRow(i);
      return a < 0 ? -1 : areaNumber.get(a)!;
    });
    this.polarity = rows.map((r) => r.polarity ?? null);
    this.framework = Array.from(at, (i) => g.findingFrameworkAt(i));
    this.area.forEach((a, f) => {
      if (a >= 0) (this.areaFindings.get(a) ?? this.areaFindings.set(a, []).get(a)!).push(f);
    });

    const { start, terms, weights, vocabulary } = this.vectors;
    const slots = 2 * vocabulary.length;
    this.termStart = new Int32Array(slots + 1);
    const slotOf = (f: number, k: number) => 2 * terms[k] + polarityCode(this.polarity[f]);
    for (let f = 0; f < this.ids.length; f++) if (this.area[f] >= 0) for (let k = start[f]; k < start[f + 1]; k++) this.termStart[slotOf(f, k) + 1]++;
    for (let t = 0; t < slots; t++) this.termStart[t + 1] += this.termStart[t];
    const next = this.termStart.slice(0, slots);
    this.postingFinding = new Int32Array(this.termStart[slots]);
    this.postingWeight = new Float32Array(this.postingFinding.length);
    for (let f = 0; f < this.ids.length; f++) {
      if (this.area[f] < 0) continue;
      for (let k = start[f]; k < start[f + 1]; k++) {
        const p = next[slotOf(f, k)]++;
        this.postingFinding[p] = f;
        this.postingWeight[p] = weights[k];
      }
    }
    this.scores = new Float64Array(this.ids.length);
    this.touched = new Uint8Array(this.ids.length);
  }

  /** The findings' vectors, for a snapshot. */
  findingVectors(): FindingVectors {
    return this.vectors;
  }

  /** A finding's number, by binary search over the sorted ids (no map of a million entries). */
  private numberOf(id: string): number | undefined {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return this.ids[lo] === id ? lo : undefined;
  }

  private pair(f: number, g: number) {
    return cosine(vectorAt(this.vectors, f), vectorAt(this.vectors, g));
  }

  similarFindings(args: SimilarFindingsArgs): SimilarFindingRow[] {
    const me = this.numberOf(args.findingId);
    if (me === undefined || args.first === 0) return [];
    const filter = { polarity: args.polarity ?? null, framework: args.framework ?? null };
    const excluded = args.excludeSameArea ? this.area[me] : -2;
    const top: { f: number; score: number; id: string }[] = [];
    const better = (a: { score: number; id: string }, b: { score: number; id: string }) => b.score - a.score || byId(a.id, b.id);
    const hit = this.accumulate(me, filter.polarity, deadlineTicker(1));
    try {
      for (const f of hit) {
        if (f === me || this.area[f] === excluded || !this.passes(f, filter)) continue;
        insertTop(top, { f, score: roundScore(this.scores[f]), id: this.ids[f] }, args.first, better);
      }
    } finally {
      this.clear(hit);
    }
    return top.map(({ f }) => ({ findingId: this.ids[f], ...this.pair(me, f) }));
  }

  /**
   * Areas ranked by how closely their findings match the given area's: for each finding of the
   * area (of the polarity and framework), the closest finding of each other area; an area's score
   * is the mean of those closest similarities over all the given area's findings (none close: 0).
   */
  similarAreas(args: SimilarAreasArgs): AreaSimilarityRow[] {
    if (args.first === 0) return [];
    const ranked = this.rankAreas(this.areaIds.indexOf(args.areaId), args.polarity, args.framework ?? null, args.first, deadlineTicker(1));
    return ranked.top.map(({ areaId, score, pairs }) => ({
      areaId,
      score,
      sharedThemeIds: [],
      evidence: pairs
        .sort((x, y) => y.score - x.score || x.f - y.f)
        .map((p): EvidencePairRow => ({ themeId: null, findingId: this.ids[p.f], matchId: this.ids[p.g], ...this.pair(p.f, p.g) })),
    }));
  }

  /**
   * Every area's SIMILAR_BY_FINDINGS relationships (similar-by-findings.ts), one area, polarity
   * and framework (or none) at a time: similarAreas' `first` answers, with each of the area's
   * findings' match. What the Neo4j seeding writes.
   */
  *similarByFindingsRows(first = RANKED_AREAS): Generator<SimilarByFindingsRow[]> {
    const noDeadline = () => undefined;
    for (const a of this.areaFindings.keys()) {
      for (const polarity of POLARITIES) {
        for (const framework of [null, ...INSPECTION_FRAMEWORKS]) {
          const { mine, top } = this.rankAreas(a, polarity, framework, first, noDeadline);
          yield top.map(({ areaId, score, pairs }) => {
            const match = new Map(pairs.map((p) => [p.f, this.ids[p.g]]));
            return { from: this.areaIds[a], to: areaId, polarity, framework, score, matchIds: mine.map((f) => match.get(f) ?? '') };
          });
        }
      }
    }
  }

  findingCount(): number {
    return this.ids.length;
  }

  /** How many areas similarByFindingsRows ranks from: those with findings. */
  rankedAreaCount(): number {
    return this.areaFindings.size;
  }

  /** similarAreas' ranking: the area's findings asked about (`mine`, by number) and the `first` areas with their closest pairs. */
  private rankAreas(areaNumber: number, polarity: Polarity, framework: InspectionFramework | null, first: number, tick: () => void) {
    const mine = (this.areaFindings.get(areaNumber) ?? []).filter((f) => this.passes(f, { polarity, framework }));
    const top: { areaId: string; score: number; a: number; pairs: { f: number; g: number; score: number }[] }[] = [];
    if (mine.length === 0) return { mine, top };
    // Per area: the closest match to the current finding, then the running total of closest scores.
    const areas = this.areaIds.length;
    const bestScore = new Float64Array(areas).fill(-1);
    const bestMatch = new Int32Array(areas);
    const total = new Float64Array(areas);
    const reached = new Uint8Array(areas);
    // Every (finding, area, closest match, score), flat: one entry per area a finding reaches.
    const pairF: number[] = [];
    const pairArea: number[] = [];
    const pairG: number[] = [];
    const pairScore: number[] = [];
    const touchedAreas: number[] = [];
    const area = this.area;
    for (const f of mine) {
      const hit = this.accumulate(f, polarity, tick);
      try {
        for (const g of hit) {
          const a = area[g];
          if (a === areaNumber || a < 0 || (framework && this.framework[g] !== framework)) continue;
          const score = roundScore(this.scores[g]);
          if (bestScore[a] < 0) touchedAreas.push(a);
          if (score > bestScore[a] || (score === bestScore[a] && g < bestMatch[a])) (bestScore[a] = score), (bestMatch[a] = g);
        }
      } finally {
        this.clear(hit);
      }
      for (const a of touchedAreas) {
        total[a] += bestScore[a];
        reached[a] = 1;
        pairF.push(f), pairArea.push(a), pairG.push(bestMatch[a]), pairScore.push(bestScore[a]);
        bestScore[a] = -1;
      }
      touchedAreas.length = 0;
    }
    for (let a = 0; a < areas; a++) {
      if (reached[a]) insertTop(top, { areaId: this.areaIds[a], score: roundScore(total[a] / mine.length), a, pairs: [] }, first, compareSimilarity);
    }
    const pairsOf = new Map(top.map((t) => [t.a, t.pairs]));
    pairArea.forEach((a, i) => pairsOf.get(a)?.push({ f: pairF[i], g: pairG[i], score: pairScore[i] }));
    return { mine, top };
  }

  /** Of the findings `hit` (scored by accumulate), the `k` closest to `me`, best first, ties by id; `me` left out. */
  private closest(me: number, hit: readonly number[], k: number): number[] {
    const top: { f: number; score: number; to: string }[] = [];
    for (const f of hit) if (f !== me) insertTop(top, { f, score: roundScore(this.scores[f]), to: this.ids[f] }, k, compareClosest);
    return top.map((t) => t.f);
  }

  /**
   * Every finding's SIMILAR_TO relationships (similar-to.ts), one finding's at a time: its `k`
   * closest findings of areas of each polarity. What the Neo4j seeding writes.
   */
  *similarToRows(k = CLOSEST_FINDINGS): Generator<SimilarToRow[]> {
    const noDeadline = () => undefined;
    for (let f = 0; f < this.ids.length; f++) {
      const rows: SimilarToRow[] = [];
      for (const polarity of POLARITIES) {
        const hit = this.accumulate(f, polarity, noDeadline);
        try {
          for (const g of this.closest(f, hit, k)) {
            rows.push({ from: this.ids[f], to: this.ids[g], score: roundScore(this.scores[g]), polarity, framework: this.framework[g], area: this.areaIds[this.area[g]] });
          }
        } finally {
          this.clear(hit);
        }
      }
      yield rows;
    }
  }

  private passes(f: number, filter: Filter): boolean {
    return this.area[f] >= 0 && (!filter.polarity || this.polarity[f] === filter.polarity) && (!filter.framework || this.framework[f] === filter.framework);
  }

  /**
   * Adds up, in scores[], finding `me`'s cosine with every finding of an area that shares a stem
   * with it, and returns those findings; clear() must reset them before the next query. `tick` is
   * told of each stem, whose postings may run to every finding: the request's deadline stops it.
   */
  private accumulate(me: number, polarity: Polarity | null, tick: () => void): number[] {
    // Both polarities' postings, or one's.
    const from = polarity === 'WEAKNESS' ? 1 : 0;
    const to = polarity === 'STRENGTH' ? 1 : 2;
    const { start, terms, weights } = this.vectors;
    const { termStart, postingFinding, postingWeight, scores, touched } = this;
    const hit: number[] = [];
    // Stems in id order, so the products add up in the order cosine() adds them.
    for (let k = start[me]; k < start[me + 1]; k++) {
      tick();
      const w = weights[k];
      for (let p = termStart[2 * terms[k] + from], end = termStart[2 * terms[k] + to]; p < end; p++) {
        const f = postingFinding[p];
        if (!touched[f]) (touched[f] = 1), hit.push(f);
        scores[f] += w * postingWeight[p];
      }
    }
    return hit;
  }

  private clear(hit: number[]): void {
    for (const f of hit) (this.scores[f] = 0), (this.touched[f] = 0);
  }
}

/** Postings of strengths come before those of weaknesses; a finding without polarity (none in the model) counts as a strength. */
const polarityCode = (p: Polarity | null): 0 | 1 => (p === 'WEAKNESS' ? 1 : 0);
