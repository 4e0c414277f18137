import * as Plot from '@observablehq/plot';
import { gql } from '../api';
import { h, queryBox } from '../dom';
import { FRAMEWORK_LABEL, KIND_LABEL, OUTCOME_SHORT, outcomeText, TIER_COLOUR, TIER_COLOUR_WORDS, TIER_LABEL, tierOf, type Outcome, type Tier } from '../outcomes';

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
    predecessors { area { id name } }
    succeededBy { area { id name } }
    inspections { id kind outcome startedOn { iso } publishedOn { iso } }
    indicator(name: "ehc-20-week-rate") { year value numerator denominator sources { id title url } }
    region { name indicator(name: "ehc-20-week-rate") { year value } }
  }
  england { indicator(name: "ehc-20-week-rate") { year value } }
  neighbourComparison(areaId: $id) { ...Neighbour }
}
fragment Neighbour on NeighbourComparison {
  neighbour { area { id name } rank closeness edition }
  latestInspections { id framework outcome }
  sharedThemes { id label }
}`;

/** An area that has no neighbours in the latest edition may have them in an earlier one (Cumbria in 2021). */
export const EARLIER_NEIGHBOURS_QUERY = `
query EarlierNeighbours($id: ID!) {
  neighbourComparison(areaId: $id, edition: "2021") { ...Neighbour }
}
fragment Neighbour on NeighbourComparison {
  neighbour { area { id name } rank closeness edition }
  latestInspections { id framework outcome }
  sharedThemes { id label }
}`;

interface Value { year: number; value: number | null }
interface ContextPage {
  area: null | {
    id: string; name: string;
    predecessors: { area: { id: string; name: string } }[];
    succeededBy: { area: { id: string; name: string } }[];
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

/**
 * The three series: colour, dash and name, so that none is told apart by colour alone. The
 * inspections' bars take the outcome colours (blue, yellow, vermilion), so the lines take others.
 */
export const SERIES_STYLE = {
  area: { colour: '#000000', dash: 'none', border: 'solid', words: 'black, solid line' },
  region: { colour: '#009E73', dash: '6 3', border: 'dashed', words: 'green, dashed line' },
  england: { colour: '#CC79A7', dash: '2 3', border: 'dotted', words: 'purple, dotted line' },
} as const;

const closenessText = (c: string) => c.toLowerCase().replace(/_/g, ' ');
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as a fractional year: a calendar year's value is drawn at its middle, an inspection at its day. */
function yearFraction(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  if (!m) return y + 0.5;
  const start = Date.UTC(y, 0, 1);
  return y + (Date.UTC(y, m - 1, d || 15) - start) / (Date.UTC(y + 1, 0, 1) - start);
}

export async function contextSection(id: string): Promise<HTMLElement> {
  const { area, england, neighbourComparison: latest } = await gql<ContextPage>(CONTEXT_QUERY, { id });
  if (!area) return h('section', {});
  const neighbourComparison = latest.length ? latest
    : (await gql<Pick<ContextPage, 'neighbourComparison'>>(EARLIER_NEIGHBOURS_QUERY, { id })).neighbourComparison;
  const region = area.region;
  const points = [
    ...area.indicator.map((v) => ({ ...v, series: area.name })),
    ...(region?.indicator ?? []).map((v) => ({ ...v, series: region!.name })),
    ...england.indicator.map((v) => ({ ...v, series: 'England' })),
  ].filter((p) => p.value !== null);
  const styles = [[area.name, SERIES_STYLE.area], [region?.name ?? '', SERIES_STYLE.region], ['England', SERIES_STYLE.england]] as const;
  const seriesOf = { [area.name]: area.indicator, [region?.name ?? '']: region?.indicator ?? [], England: england.indicator };
  const dated = area.inspections
    .map((i) => ({ ...i, iso: i.startedOn?.iso ?? i.publishedOn?.iso ?? null }))
    .filter((i): i is typeof i & { iso: string } => i.iso !== null);
  const sources = [...new Map(area.indicator.flatMap((v) => v.sources).map((s) => [s.id, s])).values()];

  const first = Math.min(...points.map((p) => p.year));
  const last = Math.max(...points.map((p) => p.year));
  const span = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  // Every year of the span, unknown as null, so that a line breaks at an unknown year instead of bridging it.
  const line = (values: Value[]) => span.map((year) => ({ x: year + 0.5, value: values.find((v) => v.year === year)?.value ?? null }));
  const xs = dated.map((i) => yearFraction(i.iso));
  const domain = [Math.min(first, ...xs.map(Math.floor)), Math.max(last + 1, ...xs.map(Math.ceil))];
  const boundaries = Array.from({ length: domain[1] - domain[0] + 1 }, (_, k) => domain[0] + k);
  const labels = dated.map((i, k) => {
    const [y, m] = i.iso.split('-');
    const right = xs[k] > (domain[0] + domain[1]) / 2;
    return { x: xs[k], y: 118 - (k % 3) * 7, anchor: right ? 'end' : 'start', label: `${KIND_LABEL[i.kind] ?? i.kind} ${m ? `${SHORT_MONTHS[Number(m) - 1]} ` : ''}${y}: ${i.outcome ? OUTCOME_SHORT[i.outcome as Outcome] ?? i.outcome : 'no outcome'}` };
  });

  const chart = points.length
    ? Plot.plot({
      width: 760, height: 330, marginLeft: 50, marginRight: 20,
      x: { domain, axis: null },
      // A band above 100% holds the inspections' labels, clear of the lines.
      y: { label: 'Plans issued within 20 weeks (%)', domain: [0, 122], ticks: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], grid: true },
      marks: [
        // Ticks at the years' bounds and each year named at its middle, where its value is drawn.
        Plot.gridX(boundaries, { strokeOpacity: 0.15 }),
        Plot.axisX(boundaries, { tickFormat: () => '', label: null }),
        Plot.axisX(boundaries.slice(0, -1).map((y) => y + 0.5), { tickSize: 0, tickFormat: (x: number) => String(Math.floor(x)), label: 'Calendar year' }),
        // A dark edge under each bar keeps the yellow one visible on white.
        Plot.ruleX(xs, { stroke: '#333', strokeWidth: 5 }),
        Plot.ruleX(dated.map((i, k) => ({ x: xs[k], tier: tierOf(i.outcome) })), { x: 'x', stroke: (d: { tier: Tier }) => TIER_COLOUR[d.tier], strokeWidth: 3, className: 'inspection' }),
        ...styles.filter(([name]) => name).map(([name, s]) => Plot.line(line(seriesOf[name]), { x: 'x', y: 'value', stroke: s.colour, strokeDasharray: s.dash, strokeWidth: 2.5 })),
        ...styles.filter(([name]) => name).map(([name, s]) => Plot.dot(line(seriesOf[name]).filter((p) => p.value !== null), { x: 'x', y: 'value', fill: s.colour, r: 2.5 })),
        ...(['start', 'end'] as const).map((anchor) => Plot.text(labels.filter((l) => l.anchor === anchor), { x: 'x', y: 'y', text: 'label', fontSize: 10, textAnchor: anchor, dx: anchor === 'start' ? 5 : -5, stroke: 'white', strokeWidth: 3, fill: '#1a1a1a' })),
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
    : h('p', {}, 'The DfE gives this area no statistical neighbours in either edition (2021, 2025).');
  // A council created or abolished within the span has only its own years: say whose figures come before or after.
  const link = (xs: { area: { id: string; name: string } }[]) => xs.map((x, k) => [k ? ' and ' : '', h('a', { href: `#/area/${x.area.id}` }, x.area.name)]).flat();
  const continuity = [
    area.predecessors.length ? h('p', { class: 'continuity' }, `${area.name}'s figures begin when it was created; for the years before, see `, link(area.predecessors), '.') : null,
    area.succeededBy.length ? h('p', { class: 'continuity' }, `${area.name}'s figures end when it was replaced; for the years after, see `, link(area.succeededBy), '.') : null,
  ];

  return h('section', { class: 'context', 'aria-labelledby': 'context-heading' },
    h('h2', { id: 'context-heading' }, 'In context: EHC plans issued within 20 weeks'),
    h('ul', { class: 'legend' }, styles.filter(([name]) => name).map(([name, s]) =>
      h('li', {}, h('span', { class: 'line', style: `border-top: 3px ${s.border} ${s.colour}`, 'aria-hidden': 'true' }), `${name} (${s.words})`)),
      h('li', {}, 'Vertical bars: inspections, labelled with their outcome and coloured as on the map (',
        (['good', 'mixed', 'serious'] as const).map((t, k) => [k ? '; ' : '', h('span', { class: 'swatch', style: `background:${TIER_COLOUR[t]}` }), `${TIER_COLOUR_WORDS[t]}: ${TIER_LABEL[t]}`]).flat(), ')')),
    chart,
    continuity,
    h('p', { class: 'source' }, 'Percentage of new EHC plans issued within 20 weeks, excluding exceptions (the DfE\'s headline measure); unknown where the DfE suppresses it. Source: ',
      sources.map((s, k) => [k ? '; ' : '', s.url ? h('a', { href: s.url, rel: 'noreferrer' }, s.title) : s.title]).flat(),
      '. Department for Education, Open Government Licence v3.0.'),
    h('details', { class: 'figures-table' }, h('summary', {}, 'The figures as a table'), table),
    h('h2', { id: 'neighbours-heading' }, `Statistical neighbours (DfE, ${neighbourComparison[0]?.neighbour.edition ?? 'latest'} edition)`),
    latest.length || !neighbourComparison.length ? null : h('p', {}, `The DfE's latest edition gives ${area.name} no neighbours; these are from its ${neighbourComparison[0].neighbour.edition} edition.`),
    neighbours,
    queryBox(CONTEXT_QUERY, { id }));
}
