#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { ConfigError, readConfig } from './config';
import { findingsPerArea } from './dataset/findings-per-area';
import { countByLabel, loadDataset } from './dataset/load-dataset';
import { importAreas } from './dataset/import-areas';
import { GeoImportError } from './dataset/geo-import-error';
import { inspectionCountLines } from './dataset/inspection-counts';
import { ImportError } from './dataset/outcomes/import-problem';
import { SeedError } from './dataset/seed-error';
import { createLogger } from './log';
import { seedNeo4j } from './seed';
import { serveWorkers } from './serve-workers';
import { generateDataset } from './synthetic/generate';
import { StoreUnavailableError } from './store/errors';
import { openStore } from './store/open-store';
import { EXPORT_FORMATS, ExportArgumentError, exportCsv, exportGraphML, type ExportFormat } from './export/exports';
import { ExportTooLargeError } from './export/graph-snapshot';
import type { CrossValidation, Variant } from './ingest/cross-validate-themes';
import type { Evaluation } from './ingest/evaluate-themes';

/**
 * The one entry point: serve, check, seed, and the importers. The importers that read PDFs,
 * spreadsheets and map shapes are loaded when run: their libraries are dev dependencies, which
 * the server (and the Docker image) does without. They are loaded with require(), which the bundle
 * keeps lazy (import() would make them ES modules to TypeScript).
 */
const program = new Command()
  .name('send-graph')
  .description('A GraphQL knowledge graph of England\'s local area SEND inspections')
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('load the seeds and serve the GraphQL API (PORT, default 4000; WORKERS processes, default 1)')
  .action(async () => {
    const config = readConfig();
    await serveWorkers(config, createLogger(config));
  });

program
  .command('check')
  .description('validate every seed file and print counts per label')
  .option('--seeds <dir>', 'seeds directory (default: SEEDS_DIR or ./seeds)')
  .action((opts: { seeds?: string }) => {
    const dir = opts.seeds ?? readConfig().SEEDS_DIR;
    const bundle = loadDataset(dir);
    const counts = countByLabel(bundle);
    console.log(`Seeds in ${dir} are valid.`);
    for (const [label, n] of Object.entries(counts).sort()) console.log(`  ${label.padEnd(12)} ${n}`);
    console.log(`  ${'(relations)'.padEnd(12)} ${bundle.relationships.count}`);
    const context = bundle.context;
    if (context && context.indicators.length) {
      const editions = [...new Set(context.neighbours.map((n) => n.edition))];
      console.log(`DfE context: ${context.indicators.length} indicators, ${context.observations.length} values (${context.observations.filter((o) => o.value === null).length} unknown); statistical neighbours ` +
        editions.map((e) => `${e}: ${new Set(context.neighbours.filter((n) => n.edition === e).map((n) => n.areaId)).size} areas`).join(', '));
    }
    const inspections = inspectionCountLines(bundle);
    if (inspections.length) console.log(`Inspections by framework, kind and outcome:\n${inspections.map((l) => `  ${l}`).join('\n')}`);
    const perArea = findingsPerArea(bundle);
    console.log(`Findings per area (${perArea.length} areas): strengths / weaknesses`);
    for (const a of perArea) console.log(`  ${a.areaName.padEnd(28)} ${String(a.strengths).padStart(3)} / ${String(a.weaknesses).padStart(3)}`);
  });

program
  .command('seed')
  .description('validate the seeds and write them to Neo4j (NEO4J_URI) in one transaction')
  .option('--reset', 'empty the database first (says what it will delete)', false)
  .action(async (opts: { reset: boolean }) => {
    const config = readConfig();
    await seedNeo4j(config, createLogger(config), opts);
  });

program
  .command('generate')
  .description('write a synthetic dataset in the seed format (for benchmarks): 152 areas per unit of scale')
  .option('--scale <n>', '"national" (152 areas) or a multiple of it', 'national')
  .option('--seed <n>', 'random seed: the same seed writes the same data', '42')
  .option('--out <dir>', 'output directory (replaced)', 'bench-data/national')
  .action((opts: { scale: string; seed: string; out: string }) => {
    const scale = opts.scale === 'national' ? 1 : Number(opts.scale);
    const seed = Number(opts.seed);
    if (!Number.isInteger(scale) || scale < 1) throw new ConfigError(`--scale must be "national" or a whole number of 1 or more; got "${opts.scale}"`);
    if (!Number.isInteger(seed)) throw new ConfigError(`--seed must be a whole number; got "${opts.seed}"`);
    const s = generateDataset({ scale, seed, outDir: opts.out, themesFile: join(readConfig().SEEDS_DIR, 'reference', 'themes.yaml') });
    console.log(`Wrote ${s.areas} areas, ${s.inspections} inspections, ${s.findings} findings in ${s.files} files to ${opts.out}`);
  });

program
  .command('import-areas')
  .description("write the areas, regions and councils seed from mySociety's uk_local_authorities.csv")
  .requiredOption('--csv <file>', 'path to uk_local_authorities.csv')
  .option('--out <file>', 'where to write the seed', 'seeds/reference/areas.yaml')
  .action((opts: { csv: string; out: string }) => {
    const { yaml, areaCount, formerCount, corrections } = importAreas(opts.csv);
    for (const c of corrections) console.warn(`warning: ${c.area} is listed in ${c.listed}, but all its districts are in ${c.corrected}; using ${c.corrected}`);
    writeFileSync(opts.out, yaml);
    console.log(`Wrote ${areaCount} current and ${formerCount} former areas to ${opts.out}`);
  });

program
  .command('import-outcomes')
  .description("write Ofsted's inspection outcomes (2016 framework statistics, 2023 framework table) as seeds/reference/ofsted-outcomes-*.yaml")
  .option('--from <dir>', 'folder holding area-send-inspections-2016-2022.ods and area-send-2023-framework-outcomes.csv', '../shared/reference/ofsted')
  .option('--register <file>', "mySociety's uk_local_authorities.csv, for other spellings of area names", '../shared/reference/uk_local_authorities.csv')
  .option('--areas <file>', 'the areas seed (ids, dates, succession)', 'seeds/reference/areas.yaml')
  .option('--out <dir>', 'where to write the two seed files', 'seeds/reference')
  .action((opts: { from: string; register: string; areas: string; out: string }) => {
    const { importOutcomes } = require('./dataset/outcomes/import-outcomes') as typeof import('./dataset/outcomes/import-outcomes');
    const report = importOutcomes({ from: opts.from, register: opts.register, areasSeed: opts.areas, out: opts.out });
    console.log(`Wrote ${report.written.join(' and ')} to ${opts.out}`);
    for (const [what, n] of Object.entries(report.counts)) console.log(`  ${what.padEnd(30)} ${n}`);
    if (report.incomplete.length) {
      console.log(`Imported with something unknown (${report.incomplete.length}; a report ingested later may fill it):`);
      for (const line of report.incomplete) console.log(`  - ${line}`);
    }
    for (const note of report.unreadNotes) console.warn(`warning: a note names an inspection but is not in the form the importer reads; not imported: ${note}`);
  });

program
  .command('import-dfe')
  .description("write the DfE's EHC plan statistics and statistical neighbours as seeds/reference/dfe-*.json")
  .option('--from <dir>', 'folder holding the DfE files (see its README)', '../shared/reference/dfe')
  .option('--register <file>', "mySociety's uk_local_authorities.csv, for other spellings of area names", '../shared/reference/uk_local_authorities.csv')
  .option('--areas <file>', 'the areas seed (ids, regions, dates, succession)', 'seeds/reference/areas.yaml')
  .option('--out <dir>', 'where to write the seed files', 'seeds/reference')
  .action((opts: { from: string; register: string; areas: string; out: string }) => {
    const { importDfe } = require('./dataset/dfe/import-dfe') as typeof import('./dataset/dfe/import-dfe');
    const report = importDfe({ from: opts.from, register: opts.register, areasSeed: opts.areas, out: opts.out });
    console.log(`Wrote ${report.written.join(', ')} to ${opts.out}`);
    for (const [what, n] of Object.entries(report.counts)) console.log(`  ${what.padEnd(34)} ${n}`);
    for (const note of report.notes) console.log(`  - ${note}`);
  });

program
  .command('import-nhs')
  .description('write the NHS bodies (CCGs, sub-ICB locations, ICBs, trusts), their successions and who served which area when, as seeds/reference/nhs-*.yaml')
  .option('--from <dir>', 'folder holding the ONS, ODS and OHID files', '../shared/reference/nhs')
  .option('--register <file>', "mySociety's uk_local_authorities.csv, for districts and their areas", '../shared/reference/uk_local_authorities.csv')
  .option('--areas <file>', 'the areas seed', 'seeds/reference/areas.yaml')
  .option('--seeds <dir>', 'the seeds folder: read for the bodies other files declare, written to under reference/', 'seeds')
  .action((opts: { from: string; register: string; areas: string; seeds: string }) => {
    const { importNhs } = require('./dataset/nhs/import-nhs') as typeof import('./dataset/nhs/import-nhs');
    const report = importNhs({ from: opts.from, register: opts.register, areasSeed: opts.areas, seeds: opts.seeds });
    for (const c of report.corrections) console.warn(`warning: ${c}`);
    console.log(`Wrote ${report.written.join(', ')}`);
    for (const [what, n] of Object.entries(report.counts)) console.log(`  ${what.padEnd(28)} ${n}`);
    for (const c of report.changedShares) console.log(`  share changed while serving (the latest kept): ${c}`);
  });

program
  .command('import-geo')
  .description("write the SEND areas' simplified boundaries (TopoJSON) for the explorer's map: 2023 districts joined into areas through the register")
  .option('--districts <file>', 'district boundaries (GeoJSON, LAD23CD)', '../shared/reference/geo/local-authority-districts-2023.geojson')
  .option('--register <file>', "mySociety's uk_local_authorities.csv", '../shared/reference/uk_local_authorities.csv')
  .option('--keep <share>', 'share of boundary points to keep when simplifying (0 to 1)', '0.12')
  .option('--out <file>', 'where to write', 'web/public/geo/send-areas.topo.json')
  .action((opts: { districts: string; register: string; keep: string; out: string }) => {
    const { importGeo } = require('./dataset/import-geo') as typeof import('./dataset/import-geo');
    const keep = Number(opts.keep);
    if (!(keep > 0 && keep <= 1)) throw new ConfigError(`--keep must be a number above 0 and at most 1; got "${opts.keep}"`);
    const areas = loadDataset(readConfig().SEEDS_DIR).nodes.filter((n) => n.label === 'Area');
    const geo = importGeo(opts.districts, opts.register, areas, keep);
    writeFileSync(opts.out, geo.json);
    console.log(`Wrote ${geo.areas} areas from ${geo.districts} districts to ${opts.out} (${geo.bytes} bytes)`);
  });

program
  .command('export')
  .description('write the CSV tables (areas, inspections, findings, actions, area x theme matrices) or the GraphML graph to a directory')
  .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
  .requiredOption('--out <dir>', 'directory to write to (created if missing)')
  .option('--id <id>', 'graphml: only the neighbourhood of this node')
  .option('--depth <n>', 'graphml with --id: steps from the node, 1 to 4', '1')
  .option('--no-sources', 'graphml with --id: leave out the source documents')
  .option('--max-nodes <n>', 'refuse an export larger than this', '10000000')
  .action(async (opts: { format: string; out: string; id?: string; depth: string; sources: boolean; maxNodes: string }) => {
    if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new ConfigError(`--format must be one of ${EXPORT_FORMATS.join(', ')}; got "${opts.format}"`);
    const config = readConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    const store = await openStore(config, createLogger(config));
    try {
      const maxNodes = Number(opts.maxNodes);
      const files = (opts.format as ExportFormat) === 'csv'
        ? await exportCsv(store, maxNodes)
        : [await exportGraphML(store, maxNodes, { id: opts.id, depth: Number(opts.depth), withSources: opts.sources })];
      mkdirSync(opts.out, { recursive: true });
      for (const f of files) {
        writeFileSync(join(opts.out, f.name), f.body);
        console.log(`Wrote ${join(opts.out, f.name)} (${Buffer.byteLength(f.body)} bytes)`);
      }
    } finally {
      await store.close();
    }
  });

program
  .command('ingest-report')
  .description('turn full area SEND inspection reports (PDF, 2023 framework) into seed files, one per report')
  .argument('<files...>', 'the PDFs')
  .option('--out <dir>', 'where to write the seed files', 'seeds/documents')
  .option('--seeds <dir>', 'seeds directory whose reference/ names the areas, agencies and themes (default: SEEDS_DIR or ./seeds)')
  .action(async (files: string[], opts: { out: string; seeds?: string }) => {
    const { ingestReports } = require('./ingest/ingest-reports') as typeof import('./ingest/ingest-reports');
    const results = await ingestReports({
      files, outDir: opts.out, seedsDir: opts.seeds ?? readConfig().SEEDS_DIR,
      onResult: (r, i, n) => {
        const at = `[${i + 1}/${n}] ${r.file}`;
        if (r.refused) console.error(`${at}: refused: ${r.refused}`);
        else console.log(`${at} -> ${r.written} (${r.counts!.strengths} strengths, ${r.counts!.weaknesses} weaknesses, ${r.counts!.priorityActions} priority actions, ${r.counts!.improvements} improvements)`);
      },
    });
    const refused = results.filter((r) => r.refused);
    console.log(`Wrote ${results.length - refused.length} seed file(s) to ${opts.out}.`);
    if (refused.length) {
      console.error(`Refused ${refused.length} file(s); nothing was written for them:`);
      for (const r of refused) console.error(`  - ${r.file}: ${r.refused}`);
      process.exitCode = 1;
    }
  });

/** The hand labels, their reports and the taxonomy: what eval-themes and train-themes read. */
const withLabelledReports = (command: Command) =>
  command
    .option('--labels <dir>', 'hand labels, one YAML per report', 'test/fixtures/hand-labels')
    .option('--corpus <dir>', 'the reports the labels are of', '../shared/corpus/ofsted-area-send-reports-2023')
    .option('--seeds <dir>', 'seeds directory whose reference/ names the themes (default: SEEDS_DIR or ./seeds)');

withLabelledReports(program
  .command('eval-themes')
  .description('score the theme classifier against hand labels: precision, recall and F1 per theme and overall; with --folds, on reports it was not trained on')
  .option('--folds <n>', 'cross-validate by report: train on the other folds, score each fold, pooled; compares rules alone, model alone, model + rules')
  .option('--errors <theme>', 'then list, for that theme, the bullets given it wrongly and those it missed, with the reasons the classifier gave'))
  .action(async (opts: { labels: string; corpus: string; folds?: string; seeds?: string; errors?: string }) => {
    const { crossValidateSplit, SHIPPED_VARIANT, variants } = require('./ingest/cross-validate-themes') as typeof import('./ingest/cross-validate-themes');
    const { evaluateThemes, formatErrors, formatEvaluation, readHandLabels, readLabelledBullets } = require('./ingest/evaluate-themes') as typeof import('./ingest/evaluate-themes');
    const { readReference } = require('./ingest/reference-seeds') as typeof import('./ingest/reference-seeds');
    const { ModelThemeClassifier, SHIPPED_TRAINING, THEME_MODEL_FILE } = require('./ingest/theme-model') as typeof import('./ingest/theme-model');
    const seedsDir = opts.seeds ?? readConfig().SEEDS_DIR;
    const themes = [...readReference(seedsDir).themes].sort();
    if (opts.errors !== undefined && !themes.includes(opts.errors)) {
      console.error(`--errors ${opts.errors}: the taxonomy has no such theme; use one of: ${themes.join(', ')}`);
      process.exitCode = 1;
      return;
    }
    const labels = readHandLabels(opts.labels);
    if (opts.folds === undefined) {
      const model = ModelThemeClassifier.load(THEME_MODEL_FILE, new Set(themes));
      const evaluation = await evaluateThemes(labels, opts.corpus, model);
      console.log(formatEvaluation(evaluation, 'Theme model (trained on these labels, so flattered; use --folds for unseen reports) against hand labels'));
      if (opts.errors !== undefined) console.log(`\n${formatErrors(evaluation, opts.errors)}`);
      return;
    }
    if (!/^\d+$/.test(opts.folds)) {
      console.error(`--folds ${opts.folds}: use a whole number of folds, at least 2`);
      process.exitCode = 1;
      return;
    }
    const folds = Number(opts.folds);
    const { bullets, unmatched } = await readLabelledBullets(labels, opts.corpus);
    for (const u of unmatched) console.error(`not found, left out: ${u}`);
    let results: ({ v: Variant } & CrossValidation)[];
    try {
      results = variants(themes, SHIPPED_TRAINING).map((v) => ({ v, ...crossValidateSplit(bullets, folds, v) }));
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
      return;
    }
    for (const { v, all } of results) console.log(`${formatEvaluation(all, `${v.name}, cross-validated over ${folds} folds of reports`)}\n`);
    const compare = (title: string, pick: (r: (typeof results)[number]) => Evaluation) => {
      console.log(`${title} (micro precision, recall, F1; macro F1):`);
      for (const r of results) {
        const { micro, macroF1 } = pick(r);
        console.log(`  ${r.v.name.padEnd(16)} ${micro.precision.toFixed(2)} ${micro.recall.toFixed(2)} ${micro.f1.toFixed(2)}  ${macroF1.toFixed(2)}`);
      }
    };
    compare(`Compared, all ${results[0].all.reports} reports, ${results[0].all.bullets} bullets`, (r) => r.all);
    const unseen = results[0].unseenByRules;
    compare(`Compared, the ${unseen.reports} reports the rules were not tuned on (${unseen.bullets} bullets; RULES_TUNED_ON in src/ingest/theme-rules.ts), unflattered`, (r) => r.unseenByRules);
    const shipped = results.find((r) => r.v.name === SHIPPED_VARIANT)!;
    if (opts.errors !== undefined) console.log(`\n${SHIPPED_VARIANT}, cross-validated:\n${formatErrors(shipped.all, opts.errors)}`);
  });

program
  .command('agree-labels')
  .description('score a second reader\'s hand labels against the first\'s: how far two people agree on themes')
  .argument('<first>', 'the first reader\'s labels, one YAML per report')
  .argument('<second>', 'the second reader\'s labels of some of the same reports')
  .action((first: string, second: string) => {
    const { compareLabels, formatEvaluation, readHandLabels } = require('./ingest/evaluate-themes') as typeof import('./ingest/evaluate-themes');
    console.log(formatEvaluation(compareLabels(readHandLabels(first), readHandLabels(second)), 'Second reader against the first'));
  });

withLabelledReports(program
  .command('train-themes')
  .description('train the theme model from the hand labels and write it where the ingester reads it (models/theme-model.json)'))
  .action(async (opts: { labels: string; corpus: string; seeds?: string }) => {
    const { readHandLabels, readLabelledBullets } = require('./ingest/evaluate-themes') as typeof import('./ingest/evaluate-themes');
    const { readReference } = require('./ingest/reference-seeds') as typeof import('./ingest/reference-seeds');
    const { formatThemeModel, SHIPPED_TRAINING, THEME_MODEL_FILE, trainWithThreshold } = require('./ingest/theme-model') as typeof import('./ingest/theme-model');
    const seedsDir = opts.seeds ?? readConfig().SEEDS_DIR;
    const themes = [...readReference(seedsDir).themes].sort();
    const labels = readHandLabels(opts.labels);
    const { bullets, unmatched } = await readLabelledBullets(labels, opts.corpus);
    if (unmatched.length) {
      console.error(`${unmatched.length} labelled bullet(s) are not in the parsed reports; fix their openings in ${opts.labels}:`);
      for (const u of unmatched) console.error(`  - ${u}`);
      process.exitCode = 1;
      return;
    }
    const model = trainWithThreshold(bullets, themes, SHIPPED_TRAINING, labels.length);
    const out = THEME_MODEL_FILE;
    writeFileSync(out, formatThemeModel(model));
    console.log(`Trained on ${bullets.length} bullets of ${labels.length} reports (threshold ${model.options.threshold}); wrote ${out}.`);
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof SeedError || err instanceof ConfigError || err instanceof StoreUnavailableError || err instanceof ExportArgumentError || err instanceof GeoImportError || err instanceof ExportTooLargeError || err instanceof ImportError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
