import { gql } from '../api';
import { failed, h, highlighted, queryBox } from '../dom';

/** Full-text search over names, titles, summaries and quotes, with the matching words marked. */

export const SEARCH_QUERY = `
query Search($text: String!) {
  search(text: $text, first: 25) {
    score snippet
    node {
      __typename id
      ... on Area { name }
      ... on Agency { name kind }
      ... on Finding { summary polarity area { id name } themes { id } }
      ... on Source { title url }
      ... on Theme { label }
      ... on Inspection { area { id name } }
      ... on Action { title }
      ... on Person { name }
      ... on Review { title }
    }
  }
}`;

interface Hit {
  score: number;
  snippet: string | null;
  node: { __typename: string; id: string; name?: string; kind?: string; summary?: string; polarity?: string; title?: string; label?: string; url?: string | null; area?: { id: string; name: string } | null; themes?: { id: string }[] };
}

function hitLink(n: Hit['node']): HTMLElement {
  const text = n.name ?? n.title ?? n.label ?? n.summary ?? n.id;
  switch (n.__typename) {
    case 'Area': return h('a', { href: `#/area/${n.id}` }, text);
    case 'Agency': return h('a', { href: `#/network/${n.id}` }, text);
    case 'Finding': return n.area && n.themes?.[0]
      ? h('a', { href: `#/cell/${n.area.id}/${n.themes[0].id}?polarity=${n.polarity}` }, `${n.area.name}: ${text}`)
      : h('span', {}, text);
    case 'Inspection': return n.area ? h('a', { href: `#/area/${n.area.id}?inspection=${n.id}` }, `${n.area.name} inspection ${n.id}`) : h('span', {}, n.id);
    case 'Source': return n.url ? h('a', { href: n.url, rel: 'noreferrer' }, text) : h('span', {}, text);
    case 'Theme': return h('a', { href: `#/map?theme=${n.id}` }, text);
    default: return h('span', {}, text);
  }
}

export async function renderSearch(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const text = params.get('q') ?? '';
  const input = h('input', { id: 'search-text', type: 'search', value: text, placeholder: 'e.g. postcode lottery', autocomplete: 'off' });
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  const form = h('form', { role: 'search', onsubmit: (e: Event) => {
    e.preventDefault();
    location.hash = `#/search?q=${encodeURIComponent(input.value)}`;
  } }, h('label', { for: 'search-text' }, 'Search the evidence '), input, ' ', h('button', { type: 'submit' }, 'Search'));
  main.replaceChildren(h('h1', {}, 'Search'), form, results);
  input.focus();
  if (!text.trim()) return;
  results.replaceChildren(h('p', { role: 'status' }, 'Searching…'));
  try {
    const { search } = await gql<{ search: Hit[] }>(SEARCH_QUERY, { text });
    const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    results.replaceChildren(
      h('p', {}, `${search.length} result${search.length === 1 ? '' : 's'} for “${text}”`),
      h('ol', { class: 'hits' }, search.map((hit) => h('li', { class: 'hit' },
        h('span', { class: 'type' }, hit.node.__typename), ' ', hitLink(hit.node),
        hit.snippet ? h('p', { class: 'snippet' }, highlighted(hit.snippet, words)) : null))),
      queryBox(SEARCH_QUERY, { text }),
    );
  } catch (err) {
    failed(results, err);
  }
}
