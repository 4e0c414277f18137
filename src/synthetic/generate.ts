import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import prand from 'pure-rand';
import { parse as parseYaml } from 'yaml';

/**
 * A seeded, deterministic synthetic dataset in the normal seed format, so it goes through the
 * same validation and loading as the real one. `scale` 1 is national: 152 areas in 9 regions,
 * about 3 inspections per area and 30 findings per inspection, themes drawn with a Zipf skew.
 * `scale` N multiplies the areas and everything under them.
 */

export const AREAS_PER_SCALE = 152;
const REGIONS = ['East Midlands', 'East of England', 'London', 'North East', 'North West', 'South East', 'South West', 'West Midlands', 'Yorkshire and The Humber'];
const FINDINGS_PER_INSPECTION = 30;

const VOCABULARY = {
  WEAKNESS: ['too slow', 'inconsistent', 'poorly co-ordinated', 'not aspirational', 'underdeveloped', 'fragmented', 'not timely', 'lacking oversight', 'weak', 'variable'],
  STRENGTH: ['effective', 'well co-ordinated', 'timely', 'ambitious', 'well led', 'responsive', 'high quality', 'valued by families', 'improving', 'strong'],
};
const SUBJECTS = ['assessment', 'plans', 'reviews', 'transition', 'support in school', 'therapy', 'CAMHS waiting times', 'short breaks', 'co-production', 'tribunal appeals', 'annual reviews', 'early help', 'commissioning', 'oversight by leaders', 'local offer'];

class Random {
  private g: prand.RandomGenerator;
  constructor(seed: number) {
    this.g = prand.xoroshiro128plus(seed);
  }
  int(min: number, max: number): number {
    return prand.unsafeUniformIntDistribution(min, max, this.g);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }
  /** An index drawn with probability proportional to its weight. */
  weighted(cumulative: number[]): number {
    const r = this.int(0, 999_999) / 1_000_000 * cumulative[cumulative.length - 1];
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface GenerateOptions {
  scale: number;
  seed: number;
  outDir: string;
  /** The real theme taxonomy, reused so themes mean what they mean in the real graph. */
  themesFile: string;
}

export interface GenerateSummary {
  areas: number;
  inspections: number;
  findings: number;
  files: number;
}

export function generateDataset(opts: GenerateOptions): GenerateSummary {
  if (!Number.isInteger(opts.scale) || opts.scale < 1) throw new Error(`scale must be a whole number of 1 or more; got ${opts.scale}`);
  const rnd = new Random(opts.seed);
  const areaCount = AREAS_PER_SCALE * opts.scale;
  const w = String(areaCount).length;
  const themes = (parseYaml(readFileSync(opts.themesFile, 'utf8')) as { themes: { id: string; name: string }[] }).themes;
  // Zipf-like skew: the k-th theme of a seeded shuffle is drawn in proportion to 1 / k.
  const order = [...themes];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < order.length; k++) cumulative.push((total += 1 / (k + 1)));

  rmSync(opts.outDir, { recursive: true, force: true });
  mkdirSync(join(opts.outDir, 'areas'), { recursive: true });
  copyFileSync(opts.themesFile, join(opts.outDir, 'themes.yaml'));

  const areaId = (i: number) => `area-${pad(i, w)}`;
  const ccgOf = (i: number) => `ccg-${pad(Math.floor(i / 3), w)}`;
  const mergedOf = (i: number) => `ccg-merged-${pad(Math.floor(i / 9), w)}`;
  const icbOf = (i: number) => `icb-${pad(Math.floor(i / 18), w)}`;
  const trustOf = (i: number) => `trust-${pad(Math.floor(i / 2), w)}`;

  const regions = REGIONS.map((name) => ({ id: name.toLowerCase().replace(/ /g, '-'), name }));
  const areas = [];
  const agencies: Record<string, unknown>[] = [
    { id: 'ofsted', name: 'Ofsted', kind: 'INSPECTORATE' },
    { id: 'cqc', name: 'Care Quality Commission', kind: 'INSPECTORATE' },
  ];
  const links: Record<string, unknown>[] = [];
  const byId = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < areaCount; i++) {
    const id = areaId(i);
    areas.push({ id, name: `Synthetic Area ${i + 1}`, kind: 'UNITARY_AUTHORITY', region: regions[i % regions.length].id, gssCode: `X${pad(i, 8)}`, laCode: `S${pad(i, w)}` });
    for (const [aid, name, kind] of [
      [`${id}-council`, `Synthetic Area ${i + 1} Council`, 'COUNCIL'],
      [ccgOf(i), `Synthetic CCG ${Math.floor(i / 3) + 1}`, 'CCG'],
      [mergedOf(i), `Synthetic merged CCG ${Math.floor(i / 9) + 1}`, 'CCG'],
      [icbOf(i), `Synthetic ICB ${Math.floor(i / 18) + 1}`, 'ICB'],
      [trustOf(i), `Synthetic NHS Trust ${Math.floor(i / 2) + 1}`, 'NHS_TRUST'],
    ] as const) {
      const existing = byId.get(aid);
      if (existing) (existing.serves as string[]).push(id);
      else {
        const rec = { id: aid, name, kind, serves: [id] };
        byId.set(aid, rec);
        agencies.push(rec);
      }
    }
    if (i % 3 === 0) links.push({ type: 'SUCCEEDED_BY', from: ccgOf(i), to: mergedOf(i), on: { date: '2021-04-01', certainty: 'STATED' } });
    if (i % 9 === 0) links.push({ type: 'SUCCEEDED_BY', from: mergedOf(i), to: icbOf(i), on: { date: '2022-07-01', certainty: 'STATED' } });
  }
  writeFileSync(
    join(opts.outDir, 'reference.json'),
    JSON.stringify({
      source: { id: 'synthetic-reference', title: `Synthetic reference data, scale ${opts.scale}, seed ${opts.seed}`, kind: 'DATASET', publisher: 'send-graph generator' },
      regions,
      areas,
      agencies,
      links,
    }),
  );

  let inspections = 0;
  let findings = 0;
  for (let i = 0; i < areaCount; i++) {
    const id = areaId(i);
    const owners = [`${id}-council`, ccgOf(i)];
    const doc: Record<string, unknown[]> & { source?: unknown } = { inspections: [], findings: [], actions: [], people: [] };
    doc.source = { id: `report-${id}`, title: `Synthetic inspection reports for Synthetic Area ${i + 1}`, kind: 'REPORT', publisher: 'send-graph generator', publishedOn: { date: '2020', certainty: 'INFERRED' } };
    doc.people.push({ id: `${id}-director`, name: `Director ${i + 1}`, role: 'Director of children\'s services', worksFor: [{ agency: `${id}-council` }] });
    const count = rnd.int(2, 4);
    let previous: string | null = null;
    for (let k = 0; k < count; k++) {
      const inspectionId = `${id}-inspection-${k + 1}`;
      const year = 2016 + k * 2 + rnd.int(0, 1);
      const wsoa = rnd.chance(0.5);
      doc.inspections.push({
        id: inspectionId, area: id, kind: previous ? 'REVISIT' : 'INITIAL', outcome: wsoa ? 'WSOA_REQUIRED' : 'NO_WSOA', by: ['ofsted', 'cqc'],
        startedOn: { date: `${year}-${pad(rnd.int(1, 12), 2)}`, certainty: 'STATED' }, ...(previous ? { follows: previous } : {}),
      });
      inspections++;
      const weaknesses: string[] = [];
      const perInspection = FINDINGS_PER_INSPECTION + rnd.int(-5, 5);
      for (let f = 0; f < perInspection; f++) {
        const polarity = rnd.chance(0.65) ? 'WEAKNESS' : 'STRENGTH';
        const first = order[rnd.weighted(cumulative)];
        const themeIds = new Set([first.id]);
        if (rnd.chance(0.3)) themeIds.add(order[rnd.weighted(cumulative)].id);
        const findingId = `${inspectionId}-f${pad(f + 1, 2)}`;
        const words = `${first.name}: ${rnd.pick(SUBJECTS)} ${rnd.pick(VOCABULARY[polarity as 'WEAKNESS' | 'STRENGTH'])}`;
        doc.findings.push({
          id: findingId, foundBy: inspectionId, polarity, themes: [...themeIds], summary: `${words} in Synthetic Area ${i + 1}.`,
          ...(rnd.chance(0.3) ? { quote: `${rnd.pick(SUBJECTS)} ${rnd.pick(VOCABULARY[polarity as 'WEAKNESS' | 'STRENGTH'])}` } : {}),
          concerns: rnd.chance(0.5) ? [rnd.pick(owners)] : [],
        });
        if (polarity === 'WEAKNESS') weaknesses.push(findingId);
        findings++;
      }
      if (wsoa) {
        doc.actions.push({ id: `${inspectionId}-wsoa`, kind: 'WSOA', title: `Written statement of action for Synthetic Area ${i + 1}`, status: 'REQUIRED', requiredBy: inspectionId, owners, addresses: weaknesses });
      }
      previous = inspectionId;
    }
    writeFileSync(join(opts.outDir, 'areas', `${id}.json`), JSON.stringify(doc));
  }
  writeFileSync(join(opts.outDir, 'statistics.json'), JSON.stringify(statistics(rnd, areaCount, areaId, regions.map((r) => r.id))));
  return { areas: areaCount, inspections, findings, files: areaCount + 3 };
}

const YEARS = Array.from({ length: 11 }, (_, k) => 2014 + k);
const BANDS = ['VERY_CLOSE', 'VERY_CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'SOMEWHAT_CLOSE', 'SOMEWHAT_CLOSE', 'SOMEWHAT_CLOSE', 'NOT_CLOSE'];

/**
 * Indicators in the shape import-dfe writes (the 20-week rate with and without exceptions, plans
 * issued) for every area, region and England, 2014 to 2024, about one value in 50 suppressed; and
 * two editions of ten statistical neighbours per area, drawn from its own region.
 */
function statistics(rnd: Random, areaCount: number, areaId: (i: number) => string, regionIds: string[]) {
  const indicator = (id: string, name: string, unit: string) => ({ id, name, unit, definition: `Synthetic ${name.toLowerCase()}.` });
  const series: { indicator: string; of: string; points: (number | null)[][] }[] = [];
  const add = (of: string, scale: number) => {
    let rate = rnd.int(30, 95);
    const issued: (number | null)[][] = [], ex: (number | null)[][] = [], inc: (number | null)[][] = [];
    for (const year of YEARS) {
      rate = Math.min(100, Math.max(5, rate + rnd.int(-12, 10)));
      const plans = scale * rnd.int(50, 600);
      const excluded = plans - rnd.int(0, Math.floor(plans / 10));
      const within = Math.round((excluded * rate) / 100);
      const withinAll = Math.min(plans, within + rnd.int(0, plans - excluded));
      if (rnd.chance(0.02)) {
        for (const list of [issued, ex, inc]) list.push(list === issued ? [year, null] : [year, null, null, null]);
        continue;
      }
      issued.push([year, plans]);
      ex.push([year, Math.round((1000 * within) / excluded) / 10, within, excluded]);
      inc.push([year, Math.round((1000 * withinAll) / plans) / 10, withinAll, plans]);
    }
    series.push({ indicator: 'ehc-20-week-rate', of, points: ex }, { indicator: 'ehc-20-week-rate-including-exceptions', of, points: inc }, { indicator: 'ehc-plans-issued', of, points: issued });
  };
  add('england', areaCount);
  for (const r of regionIds) add(r, Math.ceil(areaCount / regionIds.length));
  for (let i = 0; i < areaCount; i++) add(areaId(i), 1);
  // Areas of one region are i, i + 9, i + 18, ...: neighbours are drawn among them, each edition with its own stride.
  const neighbours = ['2021', '2025'].flatMap((edition, e) =>
    Array.from({ length: areaCount }, (_, i) => {
      const ranked = new Set<number>();
      for (let k = 1; ranked.size < Math.min(10, Math.floor((areaCount - 1) / regionIds.length)); k++) ranked.add((i + regionIds.length * k * (e + 1) + areaCount * 10) % areaCount);
      ranked.delete(i);
      return { area: areaId(i), edition, ranked: [...ranked].slice(0, 10).map((j, rank) => ({ area: areaId(j), closeness: BANDS[rank] })) };
    }),
  );
  return {
    source: { id: 'synthetic-statistics', title: 'Synthetic EHC plan statistics and statistical neighbours', kind: 'DATASET', publisher: 'send-graph generator' },
    indicators: [
      indicator('ehc-20-week-rate', 'EHC plans issued within 20 weeks, excluding exceptions', 'PERCENT'),
      indicator('ehc-20-week-rate-including-exceptions', 'EHC plans issued within 20 weeks, including exceptions', 'PERCENT'),
      indicator('ehc-plans-issued', 'EHC plans issued', 'COUNT'),
    ],
    series,
    neighbours,
  };
}
