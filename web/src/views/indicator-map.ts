import { gql } from '../api';
import { h } from '../dom';

/**
 * The map coloured by an indicator for a chosen year: four bands of a blue scale that stays
 * readable for colour-blind readers (it varies in lightness alone), each named in words, and grey
 * where the value is unknown; the source under the map.
 */

export const INDICATOR_MAP_QUERY = `
query IndicatorMap($name: String = "ehc-20-week-rate", $year: Int = 2024, $after: String) {
  areas(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id indicator(name: $name, from: $year, to: $year) { value } }
  }
  indicators { name label unit firstYear lastYear sources { id title url } }
}`;

export interface IndicatorInfo { name: string; label: string; unit: string; firstYear: number | null; lastYear: number | null; sources: { id: string; title: string; url: string | null }[] }
interface Page { areas: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; indicator: { value: number | null }[] }[] }; indicators: IndicatorInfo[] }

/** Each area's value (null: unknown), and every indicator the API has. */
export async function indicatorValues(name: string, year: number): Promise<{ values: Map<string, number | null>; indicators: IndicatorInfo[] }> {
  const values = new Map<string, number | null>();
  let after: string | null = null;
  let indicators: IndicatorInfo[] = [];
  for (;;) {
    const page: Page = await gql<Page>(INDICATOR_MAP_QUERY, { name, year, after });
    for (const a of page.areas.nodes) values.set(a.id, a.indicator[0]?.value ?? null);
    indicators = page.indicators;
    if (!page.areas.pageInfo.hasNextPage) return { values, indicators };
    after = page.areas.pageInfo.endCursor;
  }
}

const BAND_COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const BAND_WORDS = ['palest blue', 'light blue', 'mid blue', 'darkest blue'];
export const UNKNOWN_COLOUR = '#d9d9d9';

/** Four bands: percentages at 25, 50 and 75; counts at the quartiles of the values shown. */
export function bands(info: IndicatorInfo, values: (number | null)[]): { colour: (v: number | null) => string; legend: HTMLElement } {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const q = (p: number) => known[Math.min(known.length - 1, Math.floor(p * known.length))] ?? 0;
  const cuts = info.unit === 'PERCENT' ? [25, 50, 75] : [q(0.25), q(0.5), q(0.75)];
  const unit = info.unit === 'PERCENT' ? '%' : '';
  const band = (v: number) => cuts.filter((c) => v >= c).length;
  const ranges = [`under ${cuts[0]}${unit}`, `${cuts[0]} to under ${cuts[1]}${unit}`, `${cuts[1]} to under ${cuts[2]}${unit}`, `${cuts[2]}${unit} and over`];
  const legend = h('ul', { class: 'legend' },
    ranges.map((r, i) => h('li', {}, h('span', { class: 'swatch', style: `background:${BAND_COLOURS[i]}` }), `${r} (${BAND_WORDS[i]}; ${known.filter((v) => band(v) === i).length} areas)`)),
    h('li', {}, h('span', { class: 'swatch', style: `background:${UNKNOWN_COLOUR}` }), `unknown: suppressed, not published, or no such area that year (grey; ${values.length - known.length} areas)`));
  return { colour: (v) => (v === null ? UNKNOWN_COLOUR : BAND_COLOURS[band(v)]), legend };
}

export const valueText = (info: IndicatorInfo, v: number | null) => (v === null ? 'unknown' : info.unit === 'PERCENT' ? `${v}%` : String(v));

export function indicatorSource(info: IndicatorInfo, year: number): HTMLElement {
  return h('p', { class: 'attribution' }, `${info.label}, ${year}. Source: `,
    info.sources.map((s, i) => [i ? '; ' : '', s.url ? h('a', { href: s.url, rel: 'noreferrer' }, s.title) : s.title]).flat(),
    '. Department for Education; contains public sector information licensed under the Open Government Licence v3.0.');
}
