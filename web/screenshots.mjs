#!/usr/bin/env node
// Screenshots of each view for the README, taken with headless Chromium from a running server:
//   npm start &   then   node web/screenshots.mjs [http://localhost:4000] [docs/screenshots] [name ...]
// Names (map, area, ...) take only those views; a view with a fourth entry is scrolled to that element.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4000';
const out = process.argv[3] ?? 'docs/screenshots';
const only = process.argv.slice(4);
const VIEWS = [
  ['map', '/explorer/#/map', 'path[data-area]'],
  ['map-indicator', '/explorer/#/map?indicator=ehc-20-week-rate&year=2023', 'path[data-area]'],
  ['area', '/explorer/#/area/sandwell', '.timeline a'],
  ['area-context', '/explorer/#/area/sandwell', 'section.context svg', '#context-heading'],
  ['area-nhs', '/explorer/#/area/leeds', '.nhs-timeline .nhs-row', '#nhs-heading'],
  ['same-weaknesses', '/explorer/#/similar/sandwell-2023-07', 'ol.ranked li'],
  ['heatmap', '/explorer/#/heatmap', '.heatmap svg a'],
  ['network', '/explorer/#/network/sandwell-and-west-birmingham-ccg', '#network canvas'],
  ['network-icb', '/explorer/#/network/west-yorkshire-icb?depth=1', '#network canvas'],
  ['search', '/explorer/#/search?q=postcode%20lottery', '.hit mark'],
  ['query-editor', `/explorer/graphiql.html?query=${encodeURIComponent('{ area(id: "sandwell") { name inspections { startedOn { iso } outcome } } }')}`, '.graphiql-container'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [name, path, ready, scrollTo] of VIEWS) {
    if (only.length && !only.includes(name)) continue;
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    if (scrollTo) await page.locator(scrollTo).evaluate((el) => el.scrollIntoView());
    await page.waitForTimeout(name.startsWith('network') || name === 'query-editor' ? 1500 : 300);
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`Wrote ${out}/${name}.png`);
  }
} finally {
  await browser.close();
}
