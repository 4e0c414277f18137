import type { Polarity } from '../../domain/model';
import { byId } from '../ordering';
import { AreaBitset } from './area-bitset';
import type { MemoryGraph } from './memory-graph';

/**
 * Which areas have findings of one polarity about which themes, as bits both ways, built once
 * (the graph does not change after loading): for each theme the set of areas, and for each area
 * the set of themes. Theme and area indexes follow their ids' order.
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

  constructor(private readonly g: MemoryGraph, polarity: Polarity) {
    this.areaIds = g.idsByLabel.get('Area') ?? [];
    this.areaIndex = new Map(this.areaIds.map((id, i) => [id, i]));
    const byTheme = g.themeAreas[polarity];
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
