import { h } from '../dom';
import type { ServiceView } from './area';

/**
 * An area's NHS bodies through time, from April 2016 to today: one bar per CCG, sub-ICB location
 * and ICB across the days it served the area, with its share and what it became; then the other
 * agencies (council, trusts by catchment share, bodies the documents name).
 */

const NHS_KINDS = ['CCG', 'SUB_ICB_LOCATION', 'ICB'];
const KIND_TEXT: Record<string, string> = { CCG: 'CCG', SUB_ICB_LOCATION: 'sub-ICB location', ICB: 'ICB', NHS_TRUST: 'NHS trust', COUNCIL: 'council' };
/** The bars' colours (Okabe and Ito's), named in the legend; each row also says its kind in words. */
const BAR_COLOUR: Record<string, { colour: string; words: string }> = {
  CCG: { colour: '#E69F00', words: 'orange' },
  SUB_ICB_LOCATION: { colour: '#56B4E9', words: 'sky blue' },
  ICB: { colour: '#0072B2', words: 'dark blue' },
};
const START = Date.UTC(2016, 3, 1);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const percent = (share: number | null) => (share === null ? 'share not known' : `${Math.round(share * 1000) / 10}% of the area`);

export function nhsTimeline(services: ServiceView[]): HTMLElement {
  const rows = services.filter((s) => NHS_KINDS.includes(s.agency.kind) && s.from);
  if (rows.length === 0) return h('p', {}, 'The graph holds no dated NHS body for this area.');
  const end = Date.now();
  const span = end - START;
  const at = (iso: string | null, fallback: number) => Math.min(100, Math.max(0, (((iso ? day(iso) : fallback) - START) / span) * 100));
  const years = Array.from({ length: new Date(end).getUTCFullYear() - 2016 }, (_, i) => 2017 + i);
  const kinds = NHS_KINDS.filter((k) => rows.some((s) => s.agency.kind === k));
  return h('div', { class: 'nhs-timeline' },
    h('ul', { class: 'legend' }, kinds.map((k) => h('li', {}, h('span', { class: 'swatch', style: `background:${BAR_COLOUR[k].colour}` }), `${BAR_COLOUR[k].words} bar: ${KIND_TEXT[k]}`)),
      h('li', {}, 'each bar spans the days the body served the area, April 2016 to today')),
    h('div', { class: 'nhs-axis', 'aria-hidden': 'true' }, years.map((y) => h('span', { style: `left:${at(`${y}-01-01`, end)}%` }, String(y)))),
    h('ol', {}, rows.map((s) => {
      const left = at(s.from, START);
      const right = at(s.to, end);
      const became = s.agency.successors.filter((x) => x.on && s.to && x.on.iso > s.to);
      return h('li', { class: 'nhs-row', 'data-kind': s.agency.kind },
        h('span', { class: 'nhs-bar', style: `margin-left:${left}%;width:${Math.max(0.5, right - left)}%;background:${BAR_COLOUR[s.agency.kind].colour}`, 'aria-hidden': 'true' }),
        h('a', { href: `#/network/${s.agency.id}` }, s.agency.name),
        ` (${KIND_TEXT[s.agency.kind] ?? s.agency.kind}, ${s.from}${s.to ? ` to ${s.to}` : ' to today'}, ${percent(s.share)})`,
        became.length ? [' → became ', became.map((x, i) => [i ? ', ' : '', h('a', { href: `#/network/${x.agency.id}` }, x.agency.name), ` on ${x.on!.iso}`]).flat()] : null);
    })),
    h('p', { class: 'attribution' }, 'Shares count LSOAs (small areas), not people. Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for National Statistics licensed under the Open Government Licence v.3.0; NHS Organisation Data Service.'));
}

export function agencyList(services: ServiceView[]): HTMLElement {
  const others = new Map<string, ServiceView>();
  for (const s of services) if (!NHS_KINDS.includes(s.agency.kind) && !others.has(s.agency.id)) others.set(s.agency.id, s);
  const order = (s: ServiceView) => (s.agency.kind === 'COUNCIL' ? 0 : s.agency.kind === 'NHS_TRUST' ? 2 : 1);
  const list = [...others.values()].sort((a, b) => order(a) - order(b) || (b.share ?? 0) - (a.share ?? 0) || a.agency.name.localeCompare(b.agency.name));
  return h('ul', { class: 'agencies' }, list.map((s) => h('li', {},
    h('a', { href: `#/network/${s.agency.id}` }, s.agency.name),
    ` (${KIND_TEXT[s.agency.kind] ?? s.agency.kind.replace(/_/g, ' ').toLowerCase()}${s.agency.kind === 'NHS_TRUST' && s.share !== null ? `, ${Math.round(s.share * 1000) / 10}% of its acute catchment lives here` : ''}${s.to ? `, until ${s.to}` : ''})`)));
}
