#!/usr/bin/env node
// Screenshots of each view for the README, taken with headless Chromium from a running server:
//   npm start &   then   node web/screenshots.mjs [http://localhost:4000] [docs/screenshots]
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:4000';
const out = process.argv[3] ?? 'docs/screenshots';
const VIEWS = [
  ['map', '/explorer/#/map', 'path[data-area]'],
  ['area', '/explorer/#/area/sandwell', '.timeline a'],
  ['same-weaknesses', '/explorer/#/similar/sandwell-2023-07', 'ol.ranked li'],
  ['heatmap', '/explorer/#/heatmap', '.heatmap svg a'],
  ['network', '/explorer/#/network/sandwell-and-west-birmingham-ccg', '#network canvas'],
  ['search', '/explorer/#/search?q=postcode%20lottery', '.hit mark'],
  ['query-editor', `/explorer/graphiql.html?query=${encodeURIComponent('{ area(id: "sandwell") { name inspections { startedOn { iso } outcome } } }')}`, '.graphiql-container'],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const [name, path, ready] of VIEWS) {
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(name === 'network' || name === 'query-editor' ? 1500 : 300);
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`Wrote ${out}/${name}.png`);
  }
} finally {
  await browser.close();
}
