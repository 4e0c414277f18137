import { deadlineTicker } from '../deadline';
import type { AreaSimilarityRow, SimilarAreasArgs } from '../port';
import { compareSimilarity } from '../ordering';
import { insertTop } from '../top-k';
import { AreaBitset, popcount } from './area-bitset';
import { AreaThemeIndex, firstFinding } from './area-theme-index';
import { INSPECTION_FRAMEWORKS, POLARITIES } from '../../domain/model';
import { RANKED_AREAS } from '../similar-by-findings';
import type { SimilarByThemesRow } from '../similar-by-themes';
import type { MemoryGraph } from './memory-graph';

/**
 * Areas ranked by the Jaccard similarity of their theme sets (for findings of one polarity).
 * Candidates are the union of the given area's themes' area sets, so the cost follows the areas
 * that share a theme with it, not all areas; each is scored with a few word operations on the
 * two areas' theme bits. The evidence for each shared theme is each area's first finding about it.
 */
export function similarAreasByThemes(g: MemoryGraph, index: AreaThemeIndex, args: SimilarAreasArgs): AreaSimilarityRow[] {
  const me = index.areaIndexOf(args.areaId);
  if (me === undefined) return [];
  const w = index.themeWords;
  const mine = index.areaThemes.subarray(me * w, (me + 1) * w);
  const myThemes = bitIndexes(mine);
  if (myThemes.length === 0) return [];

  const candidates = new AreaBitset(index.areaIds.length);
  for (const t of myThemes) candidates.orWith(index.themeAreas[t]);
  const top: { area: number; score: number; areaId: string }[] = [];
  const better = compareSimilarity;
  const tick = deadlineTicker(16);
  for (const area of candidates.indexes()) {
    tick();
    if (area === me) continue;
    let shared = 0;
    let either = 0;
    for (let k = 0; k < w; k++) {
      const theirs = index.areaThemes[area * w + k];
      shared += popcount(mine[k] & theirs);
      either += popcount(mine[k] | theirs);
    }
    insertTop(top, { area, score: shared / either, areaId: index.areaIds[area] }, args.first, better);
  }
  return top.map(({ area, score, areaId }) => {
    const sharedBits = mine.map((word, k) => word & index.areaThemes[area * w + k]);
    const sharedThemeIds = bitIndexes(sharedBits).map((t) => index.themeIds[t]);
    const evidence = sharedThemeIds.map((themeId) => ({
      themeId,
      findingId: firstFinding(g, index, args.areaId, themeId)!,
      matchId: firstFinding(g, index, areaId, themeId)!,
      score: null,
      sharedTerms: [],
    }));
    return { areaId, score, sharedThemeIds, evidence };
  });
}

/**
 * Every area's SIMILAR_BY_THEMES relationships (similar-by-themes.ts), one area, polarity and
 * framework (or none) at a time: similarAreasByThemes' `first` answers. What the Neo4j seeding writes.
 */
export function* similarByThemesRows(g: MemoryGraph, first = RANKED_AREAS): Generator<SimilarByThemesRow[]> {
  for (const polarity of POLARITIES) {
    for (const framework of [null, ...INSPECTION_FRAMEWORKS]) {
      const index = new AreaThemeIndex(g, polarity, framework);
      for (const areaId of index.areaIds) {
        yield similarAreasByThemes(g, index, { areaId, first, polarity, framework }).map((r) => ({
          from: areaId,
          to: r.areaId,
          polarity,
          framework,
          score: r.score,
          themeIds: r.sharedThemeIds,
          findingIds: r.evidence.map((e) => e.findingId),
          matchIds: r.evidence.map((e) => e.matchId),
        }));
      }
    }
  }
}

function bitIndexes(words: Uint32Array): number[] {
  return new AreaBitset(0, words).indexes();
}
