import type { InspectionFramework, Polarity } from '../../domain/model';
import { byId } from '../ordering';
import { AreaBitset } from './area-bitset';
import type { MemoryGraph } from './memory-graph';

/**
 * Which areas have findings of one polarity (and, when given, of one inspection framework) about
 * which themes, as bits both ways, built once (the graph does not change after loading): for each
 * theme the set of areas, and for each area the set of themes. Theme and area indexes follow
 * their ids' order.
 */
export class AreaThemeIndex {
  readonly areaIds: string[];
  readonly themeIds: string[];
  /** For theme t, the areas with a finding about it. */
  readonly themeAreas: AreaBitset[];
  /** Area a's themes are bits a * themeWords .. (a + 1) * themeWords - 1. */
  readonly areaThemes: Uint32Array;
  readonly themeWords: number;
  private readonly areaIndex: Map<string, number>;

  constructor(private readonly g: MemoryGraph, readonly polarity: Polarity, readonly framework: InspectionFramework | null = null) {
    this.areaIds = g.idsByLabel.get('Area') ?? [];
    this.areaIndex = new Map(this.areaIds.map((id, i) => [id, i]));
    const byTheme = framework ? themeAreasOf(g, polarity, framework) : g.themeAreas[polarity];
    this.themeIds = [...byTheme.keys()].sort(byId);
    this.themeAreas = this.themeIds.map((t) => AreaBitset.of(this.areaIds.length, [...byTheme.get(t)!].map((a) => this.areaIndex.get(a)!)));
    this.themeWords = Math.max(1, Math.ceil(this.themeIds.length / 32));
    this.areaThemes = new Uint32Array(this.areaIds.length * this.themeWords);
    this.themeAreas.forEach((areas, t) => {
      for (const a of areas.indexes()) this.areaThemes[a * this.themeWords + (t >>> 5)] |= 1 << (t & 31);
    });
  }

  areaIndexOf(areaId: string): number | undefined {
    return this.areaIndex.get(areaId);
  }

  regionAreas(regionId: string): AreaBitset {
    return AreaBitset.of(this.areaIds.length, this.g.relsOf(regionId, 'IN_REGION', 'IN').map((r) => this.areaIndex.get(r.other)!));
  }
}

/** For each theme, the areas with a finding of the polarity about it from an inspection of the framework. */
function themeAreasOf(g: MemoryGraph, polarity: Polarity, framework: InspectionFramework): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [areaId, perTheme] of g.areaThemeFindings[polarity]) {
    for (const [themeId, findings] of perTheme) {
      if (!findings.some((f) => g.findingFramework(f) === framework)) continue;
      let areas = out.get(themeId);
      if (!areas) out.set(themeId, (areas = new Set()));
      areas.add(areaId);
    }
  }
  return out;
}

/** The finding of the area about the theme that comes first by id, of the index's polarity and framework. */
export function firstFinding(g: MemoryGraph, index: AreaThemeIndex, areaId: string, themeId: string): string | null {
  const findings = g.areaThemeFindings[index.polarity].get(areaId)?.get(themeId) ?? [];
  let first: string | null = null;
  for (const f of findings) if ((!index.framework || g.findingFramework(f) === index.framework) && (first === null || f < first)) first = f;
  return first;
}
