import cytoscape from 'cytoscape';
import { gql } from '../api';
import { failed, h, loading, queryBox } from '../dom';
import { outcomeText, TIER_COLOUR, tierOf } from '../outcomes';

/** The agencies linked to one: shared areas, findings, actions and succession (agencyNetwork). */

export const NETWORK_QUERY = `
query AgencyNetwork($id: ID!, $depth: Int) {
  agencyNetwork(agencyId: $id, maxDepth: $depth) {
    center { id name kind odsCode areas(first: 100) { id name latestOutcome } }
    members(first: 1000) { depth agency { id name kind } }
    links(first: 1000) { kind from { id } to { id } via { __typename id } }
  }
  agencies(first: 1000) { id name kind odsCode }
}`;

interface Answer {
  agencyNetwork: null | {
    center: { id: string; name: string; kind: string; odsCode: string | null; areas: { id: string; name: string; latestOutcome: string | null }[] };
    members: { depth: number; agency: { id: string; name: string; kind: string } }[];
    links: { kind: string; from: { id: string }; to: { id: string }; via: { __typename: string; id: string } }[];
  };
  agencies: { id: string; name: string; kind: string; odsCode: string | null }[];
}

/** Okabe-Ito colours and a shape per kind, so that kinds differ in more than colour; both named in the legend. */
const KIND_STYLE: Record<string, { colour: string; shape: cytoscape.Css.NodeShape; words: string; border?: string }> = {
  COUNCIL: { colour: '#0072B2', shape: 'round-rectangle', words: 'council (blue square)' },
  CCG: { colour: '#E69F00', shape: 'ellipse', words: 'CCG (orange circle)' },
  ICB: { colour: '#009E73', shape: 'diamond', words: 'ICB (green diamond)' },
  // A part of its ICB: the ICB's green, as an outline, so the two tell apart without colour.
  SUB_ICB_LOCATION: { colour: '#ffffff', border: '#009E73', shape: 'round-diamond', words: 'sub-ICB location (white diamond, green edge)' },
  NHS_TRUST: { colour: '#56B4E9', shape: 'triangle', words: 'NHS trust (sky blue triangle)' },
  CHILDRENS_TRUST: { colour: '#CC79A7', shape: 'hexagon', words: "children's trust (purple hexagon)" },
  INSPECTORATE: { colour: '#D55E00', shape: 'star', words: 'inspectorate (vermilion star)' },
  GOVERNMENT: { colour: '#000000', shape: 'vee', words: 'government (black vee)' },
  PARTNERSHIP: { colour: '#F0E442', shape: 'pentagon', words: 'partnership (yellow pentagon)' },
  SCHOOL_SERVICE: { colour: '#999999', shape: 'octagon', words: 'school service (grey octagon)' },
  OTHER: { colour: '#999999', shape: 'rectangle', words: 'other (grey rectangle)' },
};
const kindText = (k: string) => (KIND_STYLE[k]?.words ?? k).replace(/ \(.*/, '');
const LINKS_ASKED = 1000;
const LINK_STYLE: Record<string, { colour: string; line: 'solid' | 'dashed' | 'dotted'; text: string }> = {
  SHARED_AREA: { colour: '#999999', line: 'solid', text: 'serve the same area' },
  SHARED_FINDING: { colour: '#D55E00', line: 'dashed', text: 'named by the same finding' },
  SHARED_ACTION: { colour: '#0072B2', line: 'dotted', text: 'own the same action' },
  SUCCESSION: { colour: '#000000', line: 'solid', text: 'succeeded by (arrow)' },
};

/** The agencies a name or code names: an exact name, an ODS or ONS code or id, else every name containing the text. */
export function findAgencies<A extends { id: string; name: string; odsCode: string | null }>(agencies: A[], text: string): A[] {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  const exact = agencies.find((a) => a.name.toLowerCase() === t || a.odsCode?.toLowerCase() === t || a.id === t);
  return exact ? [exact] : agencies.filter((a) => a.name.toLowerCase().includes(t));
}

export async function renderNetwork(main: HTMLElement, agencyId: string, params: URLSearchParams): Promise<void> {
  const depth = Math.min(4, Math.max(1, Number(params.get('depth') ?? 2) || 2));
  loading(main, 'the agency network');
  try {
    const { agencyNetwork: net, agencies } = await gql<Answer>(NETWORK_QUERY, { id: agencyId, depth });
    if (!net) {
      main.replaceChildren(h('p', { role: 'alert' }, `No agency has the id "${agencyId}".`), h('a', { href: '#/network/sandwell-and-west-birmingham-ccg' }, 'Open an example'));
      return;
    }
    const kinds = [...new Set(net.members.map((m) => m.agency.kind))].sort();
    const graphEl = h('div', { id: 'network', role: 'img', 'aria-label': `Network of ${net.members.length} agencies around ${net.center.name}; the list below holds the same agencies` });
    main.replaceChildren(
      h('h1', {}, `Agencies linked to ${net.center.name}`),
      h('form', {
        class: 'controls',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const found = findAgencies(agencies, (document.getElementById('net-agency') as HTMLInputElement).value);
          const status = document.getElementById('net-agency-status')!;
          if (found.length === 1) location.hash = `#/network/${found[0].id}?depth=${depth}`;
          else if (found.length === 0) status.replaceChildren('No agency has that name or code; pick one from the list.');
          else status.replaceChildren(`${found.length} agencies match; choose one: `, h('ul', { class: 'matches' }, found.slice(0, 20).map((a) => h('li', {},
            h('a', { href: `#/network/${a.id}?depth=${depth}` }, a.name), ` (${kindText(a.kind)}${a.odsCode ? `, ${a.odsCode}` : ''})`))),
          found.length > 20 ? `and ${found.length - 20} more: type more of the name.` : '');
        },
      },
        h('label', { for: 'net-agency' }, 'Centre on an agency (name or ODS or ONS code) '),
        h('input', { id: 'net-agency', type: 'search', list: 'net-agencies', value: net.center.name, autocomplete: 'off' }),
        h('datalist', { id: 'net-agencies' }, agencies.map((a) => h('option', { value: a.name }, `${a.kind}${a.odsCode ? ` ${a.odsCode}` : ''}`))),
        h('button', { type: 'submit' }, 'Open'),
        h('label', { for: 'net-depth' }, ' within '),
        h('select', { id: 'net-depth', onchange: (e: Event) => { location.hash = `#/network/${agencyId}?depth=${(e.target as HTMLSelectElement).value}`; } },
          [1, 2, 3, 4].map((d) => h('option', { value: d, selected: d === depth }, `${d} step${d > 1 ? 's' : ''}`))),
        h('div', { id: 'net-agency-status', role: 'status' })),
      ...(net.center.areas.length
        ? [h('h2', {}, `Areas ${net.center.name} served, by their latest outcome`),
          h('ul', { class: 'served-areas' }, net.center.areas.map((a) => h('li', {},
            h('span', { class: 'swatch', style: `background:${TIER_COLOUR[tierOf(a.latestOutcome)]}` }),
            h('a', { href: `#/area/${a.id}` }, a.name), `: ${outcomeText(a.latestOutcome)}`)))]
        : []),
      h('ul', { class: 'legend' },
        kinds.map((k) => { const st = KIND_STYLE[k] ?? KIND_STYLE.OTHER; return h('li', {}, h('span', { class: 'swatch', style: `background:${st.colour}${st.border ? `;border:2px solid ${st.border}` : ''}` }), st.words); }),
        Object.entries(LINK_STYLE).map(([, s]) => h('li', {}, h('span', { class: 'line', style: `border-top:3px ${s.line} ${s.colour}` }), s.text))),
      graphEl,
      h('h2', {}, `${net.members.length} agencies, ${net.links.length} links`),
      ...(net.links.length >= LINKS_ASKED ? [h('p', { role: 'note' }, `The API gives at most ${LINKS_ASKED} links, so some are not drawn: choose fewer steps for the whole network.`)] : []),
      h('ul', { class: 'members' }, net.members.map((m) => h('li', {},
        h('a', { href: `#/network/${m.agency.id}?depth=${depth}` }, m.agency.name), ` (${kindText(m.agency.kind)}, ${m.depth} step${m.depth === 1 ? '' : 's'} away)`))),
      queryBox(NETWORK_QUERY, { id: agencyId, depth }),
    );
    // Several links of one kind between two agencies (two shared areas) are drawn as one edge.
    const edges = new Map<string, { from: string; to: string; kind: string; via: string[] }>();
    for (const l of net.links) {
      const key = `${l.from.id}|${l.to.id}|${l.kind}`;
      const e = edges.get(key) ?? { from: l.from.id, to: l.to.id, kind: l.kind, via: [] };
      e.via.push(l.via.id);
      edges.set(key, e);
    }
    cytoscape({
      container: graphEl,
      elements: [
        ...net.members.map((m) => ({ data: { id: m.agency.id, label: m.agency.name, kind: m.agency.kind, center: m.agency.id === net.center.id ? 1 : 0, near: m.depth <= 1 || net.members.length <= 60 ? 1 : 0 } })),
        ...[...edges.values()].map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, kind: e.kind } })),
      ],
      style: [
        // Past 60 agencies, the names of those further than one step drew over each other: they are in the list below.
        { selector: 'node', style: { label: '', 'font-size': 9, 'text-wrap': 'ellipsis', 'text-max-width': '110px', width: 18, height: 18, 'border-width': 1, 'border-color': '#333' } },
        ...Object.entries(KIND_STYLE).map(([k, s]) => ({ selector: `node[kind = "${k}"]`, style: { 'background-color': s.colour, shape: s.shape, ...(s.border ? { 'border-color': s.border, 'border-width': 3 } : {}) } })),
        { selector: 'node[near = 1]', style: { label: 'data(label)' } },
        { selector: 'node[center = 1]', style: { width: 30, height: 30, 'border-width': 3, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', opacity: 0.8 } },
        ...Object.entries(LINK_STYLE).map(([k, s]) => ({ selector: `edge[kind = "${k}"]`, style: { 'line-color': s.colour, 'line-style': s.line } })),
        { selector: 'edge[kind = "SUCCESSION"]', style: { 'target-arrow-shape': 'triangle', 'target-arrow-color': '#000', width: 2.5 } },
      ] as cytoscape.StylesheetJson,
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 600000, idealEdgeLength: () => 70 },
    }).on('tap', 'node', (e) => { location.hash = `#/network/${e.target.id()}?depth=${depth}`; });
  } catch (err) {
    failed(main, err);
  }
}
