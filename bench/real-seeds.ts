/**
 * npm run bench:seeds [-- --duration 3 --port 4398]
 *
 * The similarity and context documents on the project's own seeds (the national data of the 45 reports and
 * the articles), over HTTP: the server's own time one request at a time, then autocannon at 10
 * connections. Prints figures; asserts nothing.
 */
import { Command } from 'commander';
import type { BenchDocument } from './documents';
import { ensureBuilt, fmt, load, serverTimes, startServer, ROOT } from './harness';
import { join } from 'node:path';

const documents: BenchDocument[] = [
  {
    name: 'similarFindings',
    query: `query($id: ID!) { similarFindings(findingId: $id, first: 10, polarity: WEAKNESS) { score sharedTerms finding { id quote } } }`,
    variables: { id: 'hertfordshire-2023-07-weakness-15' },
    storeCall: async () => undefined,
  },
  {
    name: 'similarAreas FINDINGS',
    query: `query($id: ID!) { similarAreas(areaId: $id, first: 10, method: FINDINGS) { area { id name } score evidence(first: 3) { score sharedTerms finding { id quote } match { id quote } } } }`,
    variables: { id: 'hertfordshire' },
    storeCall: async () => undefined,
  },
  {
    name: 'themeCooccurrence',
    query: `query { themeCooccurrence(minAreas: 2, first: 20) { themes { id } count lift areas(first: 10) { id } } }`,
    variables: {},
    storeCall: async () => undefined,
  },
  {
    name: 'search',
    query: `query($text: String!) { search(text: $text, first: 10) { node { id } score snippet } }`,
    variables: { text: 'waiting times for EHC plans' },
    storeCall: async () => undefined,
  },
  {
    name: 'indicatorByOutcome',
    query: `query { indicatorByOutcome(name: "ehc-20-week-rate", framework: FRAMEWORK_2016) { outcome n missing median lowerQuartile upperQuartile areas(first: 10) { id } } }`,
    variables: {},
    storeCall: async () => undefined,
  },
  {
    name: 'neighbourComparison',
    query: `query($id: ID!) { neighbourComparison(areaId: $id) { neighbour { area { id name } rank closeness } latestInspections { id outcome } sharedThemes { id } evidence(first: 3) { theme { id } finding { id quote } match { id quote } } } }`,
    variables: { id: 'sandwell' },
    storeCall: async () => undefined,
  },
];

async function main() {
  const o = new Command().option('--duration <s>', 'seconds of load per document', '3').option('--port <n>', 'port', '4398').parse().opts<{ duration: string; port: string }>();
  ensureBuilt();
  const { child, startupMs, serverStartupMs, url } = await startServer(join(ROOT, 'seeds'), Number(o.port), documents);
  console.log(`seeds/: server answered ${fmt(startupMs, 0)} ms after spawn (seeds read to listening ${serverStartupMs} ms)`);
  try {
    console.log('document                server p50  server p99 | 10 connections: req/s  p50');
    for (const d of documents) {
      const one = await serverTimes(url, d, Math.min(2, Number(o.duration)));
      const many = await load(url, [d], 10, Number(o.duration), child.pid!);
      console.log(`${d.name.padEnd(24)}${fmt(one.p50, 3).padStart(10)}${fmt(one.p99, 3).padStart(12)} | ${fmt(many.rps, 0).padStart(20)} ${fmt(many.p50).padStart(6)}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
