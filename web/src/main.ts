import './style.css';
import { h } from './dom';
import { renderArea } from './views/area';
import { renderCell } from './views/cell';
import { renderHeatmap } from './views/heatmap';
import { renderMap } from './views/map';
import { renderNetwork } from './views/network';
import { renderSearch } from './views/search';
import { renderSimilar } from './views/similar';

/** The explorer: one page, views chosen by the address's #fragment so that every view can be linked to. */

const main = document.getElementById('main')!;

async function route(): Promise<void> {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const [view, a, b] = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    link.toggleAttribute('aria-current', link.dataset.view === (view ?? 'map'));
  }
  main.focus({ preventScroll: true });
  switch (view) {
    case 'area': return renderArea(main, a, params);
    case 'similar': return renderSimilar(main, a);
    case 'heatmap': return renderHeatmap(main, params);
    case 'cell': return renderCell(main, a, b, params);
    case 'network': return renderNetwork(main, a ?? 'sandwell-and-west-birmingham-ccg', params);
    case 'search': return renderSearch(main, params);
    case undefined:
    case 'map': return renderMap(main, params);
    default: main.replaceChildren(h('p', { role: 'alert' }, `No view called "${view}".`));
  }
}

window.addEventListener('hashchange', () => void route().then(() => window.scrollTo(0, 0)));
void route();
