import { execute, parse } from 'graphql';
import pino from 'pino';
import { loadDataset } from '../src/dataset/load-dataset';
import { MemoryStore } from '../src/store/memory/memory-store';
import { buildSchema } from '../src/api/schema';
import { createRequestContext } from '../src/api/context';
import { benchDocuments } from './documents';
(async () => {
  const s = new MemoryStore(); await s.load(loadDataset('bench-data/scale-1-seed-42'));
  const schema = buildSchema(); const silent = pino({ level: 'silent' });
  const docs = benchDocuments(152).filter((d) => !process.argv[2] || d.name === process.argv[2]);
  for (const d of docs) {
    const document = parse(d.query);
    const run = () => execute({ schema, document, variableValues: d.variables, contextValue: createRequestContext(s, silent, 10000) }) as Promise<unknown>;
    for (let i = 0; i < 300; i++) await run();
    const n = Number(process.argv[3] ?? 2000); const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await run();
    console.log(d.name, (Number(process.hrtime.bigint() - t0) / 1e6 / n).toFixed(3), 'ms');
  }
})();
