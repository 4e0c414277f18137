import { editorLink, type Variables } from './api';

/** Small DOM helpers: elements with text (never HTML from data), and the "query behind this view" box. */

type Attrs = Record<string, string | number | boolean | undefined | null | ((e: Event) => void)>;
type Child = Node | string | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of (children as unknown[]).flat(Infinity) as (Node | string | null | undefined | false)[]) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A collapsed box with the GraphQL a view ran, and a link that opens it in the query editor. */
export function queryBox(query: string, variables: Variables = {}): HTMLElement {
  const vars = Object.keys(variables).length ? `\n# variables: ${JSON.stringify(variables)}` : '';
  return h('details', { class: 'query' },
    h('summary', {}, 'The query behind this view'),
    h('pre', {}, h('code', {}, query.trim() + vars)),
    h('a', { href: editorLink(query, variables), class: 'open-editor' }, 'Open it in the query editor'));
}

export function loading(main: HTMLElement, what: string): void {
  main.replaceChildren(h('p', { role: 'status' }, `Loading ${what}…`));
}

export function failed(main: HTMLElement, err: unknown): void {
  main.replaceChildren(h('p', { role: 'alert', class: 'error' }, `The API could not answer: ${(err as Error).message}`));
}
