import * as Plot from '@observablehq/plot';
import { gql } from '../api';
import { h, queryBox } from '../dom';
import { FRAMEWORK_LABEL, KIND_LABEL, outcomeText, TIER_COLOUR, tierOf } from '../outcomes';

/**
 * Areas in context on the area page: the 20-week share of EHC plans beside the region's and
 * England's, each inspection marked on the time axis, with the source under it; and the area's
 * statistical neighbours with their latest outcomes and the weaknesses they share with it.
 * Lines differ in colour (Okabe and Ito's) and in dash, and are named in the legend; the figures
 * are in a table below the chart for a screen reader or a keyboard.
 */

export const CONTEXT_QUERY = `
query AreaInContext($id: ID!) {
  area(id: $id) {
    id name
    inspections { id kind outcome startedOn { iso } publishedOn { iso } }
    indicator(name: "ehc-20-week-rate") { year value numerator denominator sources { id title url } }
    region { name indicator(name: "ehc-20-week-rate") { year value } }
  }
  england { indicator(name: "ehc-20-week-rate") { year value } }
  neighbourComparison(areaId: $id) {
    neighbour { area { id name } rank closeness edition }
    latestInspections { id framework outcome }
    sharedThemes { id label }
  }
}`;

interface Value { year: number; value: number | null }
interface ContextPage {
  area: null | {
    id: string; name: string;
    inspections: { id: string; kind: string; outcome: string | null; startedOn: { iso: string } | null; publishedOn: { iso: string } | null }[];
    indicator: (Value & { numerator: number | null; denominator: number | null; sources: { id: string; title: string; url: string | null }[] })[];
    region: { name: string; indicator: Value[] } | null;
  };
  england: { indicator: Value[] };
  neighbourComparison: {
    neighbour: { area: { id: string; name: string }; rank: number; closeness: string; edition: string };
    latestInspections: { id: string; framework: string; outcome: string | null }[];
    sharedThemes: { id: string; label: string }[];
  }[];
}

/** The three series: colour, dash and name, so that none is told apart by colour alone. */
export const SERIES_STYLE = {
  area: { colour: '#0072B2', dash: 'none', border: 'solid', words: 'blue, solid line' },
  region: { colour: '#E69F00', dash: '6 3', border: 'dashed', words: 'orange, dashed line' },
  england: { colour: '#000000', dash: '2 3', border: 'dotted', words: 'black, dotted line' },
} as const;

const closenessText = (c: string) => c.toLowerCase().replace(/_/g, ' ');

export async function contextSection(id: string): Promise<HTMLElement> {
  const { area, england, neighbourComparison } = await gql<ContextPage>(CONTEXT_QUERY, { id });
  if (!area) return h('section', {});
  const region = area.region;
  const points = [
    ...area.indicator.map((v) => ({ ...v, series: area.name })),
    ...(region?.indicator ?? []).map((v) => ({ ...v, series: region!.name })),
    ...england.indicator.map((v) => ({ ...v, series: 'England' })),
  ].filter((p) => p.value !== null);
  const styles = [[area.name, SERIES_STYLE.area], [region?.name ?? '', SERIES_STYLE.region], ['England', SERIES_STYLE.england]] as const;
  const dated = area.inspections
    .map((i) => ({ ...i, iso: i.startedOn?.iso ?? i.publishedOn?.iso ?? null }))
    .filter((i): i is typeof i & { iso: string } => i.iso !== null);
  // Inspections at their place within the year: 2017-01 sits just after 2017.
  const at = (iso: string) => { const [y, m] = iso.split('-'); return Number(y) + (m ? (Number(m) - 1) / 12 : 0); };
  const sources = [...new Map(area.indicator.flatMap((v) => v.sources).map((s) => [s.id, s])).values()];

  const chart = points.length
    ? Plot.plot({
      width: 760, height: 300, marginLeft: 50, marginRight: 110,
      x: { label: 'Calendar year', tickFormat: 'd', domain: [Math.min(...points.map((p) => p.year), ...dated.map((i) => at(i.iso))) - 0.2, Math.max(...points.map((p) => p.year)) + 0.2] },
      y: { label: 'Plans issued within 20 weeks (%)', domain: [0, 100], grid: true },
      marks: [
        ...dated.map((i) => Plot.ruleX([at(i.iso)], { stroke: TIER_COLOUR[tierOf(i.outcome)], strokeWidth: 3, strokeOpacity: 0.8 })),
        Plot.text(dated.map((i) => ({ x: at(i.iso), y: 97, label: `${KIND_LABEL[i.kind] ?? i.kind} ${i.iso.slice(0, 7)}` })), { x: 'x', y: 'y', text: 'label', fontSize: 10, textAnchor: 'start', dx: 3 }),
        ...styles.filter(([name]) => name).map(([name, s]) => Plot.line(points.filter((p) => p.series === name), { x: 'year', y: 'value', stroke: s.colour, strokeDasharray: s.dash, strokeWidth: 2.5 })),
        ...styles.filter(([name]) => name).map(([name, s]) => Plot.dot(points.filter((p) => p.series === name), { x: 'year', y: 'value', fill: s.colour, r: 2.5 })),
      ],
    })
    : h('p', {}, 'The DfE gives no 20-week share for this area.');
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', `The share of EHC plans issued within 20 weeks in ${area.name}, ${region?.name ?? ''} and England by year, with the inspections marked; the figures are in the table below.`);

  const years = [...new Set(points.map((p) => p.year))].sort();
  const valueOf = (series: Value[] | undefined, year: number) => series?.find((v) => v.year === year)?.value ?? null;
  const cell = (v: number | null) => (v === null ? 'unknown' : `${v}%`);
  const table = h('table', { class: 'figures' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Year'), h('th', {}, area.name), h('th', {}, 'Plans within 20 weeks / issued'), h('th', {}, region?.name ?? 'Region'), h('th', {}, 'England'))),
    h('tbody', {}, years.map((y) => {
      const mine = area.indicator.find((v) => v.year === y);
      return h('tr', { 'data-year': y },
        h('td', {}, String(y)), h('td', {}, cell(mine?.value ?? null)),
        h('td', {}, mine?.numerator !== null && mine?.numerator !== undefined ? `${mine.numerator} / ${mine.denominator}` : ''),
        h('td', {}, cell(valueOf(region?.indicator, y))), h('td', {}, cell(valueOf(england.indicator, y))));
    })));

  const neighbours = neighbourComparison.length
    ? h('ol', { class: 'neighbours' }, neighbourComparison.map((n) => h('li', { 'data-neighbour': n.neighbour.area.id },
      h('a', { href: `#/area/${n.neighbour.area.id}` }, n.neighbour.area.name), ` (${closenessText(n.neighbour.closeness)}): `,
      n.latestInspections.length
        ? n.latestInspections.map((i, k) => [k ? '; ' : '', h('span', { class: 'swatch', style: `background:${TIER_COLOUR[tierOf(i.outcome)]}` }), `${FRAMEWORK_LABEL[i.framework] ?? i.framework}: ${outcomeText(i.outcome)}`]).flat()
        : 'no inspection in the graph',
      n.sharedThemes.length
        ? ['. Weaknesses shared with ', area.name, ': ', n.sharedThemes.map((t, k) => [k ? ', ' : '', h('a', { href: `#/cell/${n.neighbour.area.id}/${t.id}?polarity=WEAKNESS` }, t.label)]).flat()]
        : '. No weakness theme shared in the graph.')))
    : h('p', {}, 'The DfE gives this area no statistical neighbours in the latest edition.');

  return h('section', { class: 'context', 'aria-labelledby': 'context-heading' },
    h('h2', { id: 'context-heading' }, 'In context: EHC plans issued within 20 weeks'),
    h('ul', { class: 'legend' }, styles.filter(([name]) => name).map(([name, s]) =>
      h('li', {}, h('span', { class: 'line', style: `border-top: 3px ${s.border} ${s.colour}`, 'aria-hidden': 'true' }), `${name} (${s.words})`)),
      h('li', {}, 'Vertical bars: inspections, coloured by outcome as on the map')),
    chart,
    h('p', { class: 'source' }, 'Percentage of new EHC plans issued within 20 weeks, excluding exceptions (the DfE\'s headline measure); unknown where the DfE suppresses it. Source: ',
      sources.map((s, k) => [k ? '; ' : '', s.url ? h('a', { href: s.url, rel: 'noreferrer' }, s.title) : s.title]).flat(),
      '. Department for Education, Open Government Licence v3.0.'),
    h('details', { class: 'figures-table' }, h('summary', {}, 'The figures as a table'), table),
    h('h2', {}, `Statistical neighbours (DfE, ${neighbourComparison[0]?.neighbour.edition ?? 'latest'} edition)`),
    neighbours,
    queryBox(CONTEXT_QUERY, { id }));
}
