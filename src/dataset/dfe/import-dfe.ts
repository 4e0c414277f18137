import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AreaRegister } from '../outcomes/area-register';
import { ImportError, type ImportProblem } from '../outcomes/import-problem';
import type { IndicatorDefinition } from './indicators';
import { SEN2_INDICATORS, TIMELINESS_INDICATORS } from './indicators';
import { readDfeNumbers, readNeighbours, type NeighbourEdition } from './neighbours';
import { checkAgreement, readStatistics, type StatisticsFile } from './statistics';
import { SubjectResolver } from './subjects';

/**
 * `import-dfe`: the DfE's EHC plan statistics (SEN2 2014-2022, 20-week timeliness 2019-2024) as
 * indicator series, and its statistical neighbours (April 2021, May 2025) as ranked neighbours,
 * one seed file per source file. Every problem in any file is reported at once, and nothing is
 * written unless all import whole.
 */

export const FILES = {
  sen2: 'ehc-plans-sen2-2014-2022.csv',
  timeliness: 'ehc-timeliness-20-week-2019-2024.csv',
  lookup: 'ofsted-la-provider-lookup.csv',
  neighbours2021: 'statistical-neighbours-2021.csv',
  neighbours2025: 'statistical-neighbours-2025.csv',
} as const;

export const SEEDS = {
  sen2: 'dfe-ehc-plans-sen2-2014-2022.json',
  timeliness: 'dfe-ehc-timeliness-2019-2024.json',
  neighbours2021: 'dfe-statistical-neighbours-2021.json',
  neighbours2025: 'dfe-statistical-neighbours-2025.json',
} as const;

const OGL = 'Open Government Licence v3.0';
const ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education.';
/** The seed files are JSON, which has no comments: what a comment would say goes in the source's notes. */
const GENERATED = ' Imported by `npm run cli -- import-dfe` (the seed file is generated: do not edit it by hand).';
const POINTS = ' Each point is [year, value] for a count, [year, value, numerator, denominator] for a percentage; null is unknown, never zero.';

const SOURCES = {
  sen2: {
    id: 'dfe-ehc-plans-sen2-2014-2022', kind: 'DATASET', publisher: 'Department for Education',
    title: 'Education, health and care plans: requests, assessments, 20-week timeliness, mediation and tribunals by local authority, calendar years 2014 to 2022 (SEN2, sen2_mi.csv)',
    url: 'https://github.com/dfe-analytical-services/SEND-AP-Inclusion-Dashboard/blob/b215e61ee7717f3263380f3c9dba53232b1b7c16/data/ehc_plans/sen2_mi.csv',
    file: FILES.sen2, licence: OGL,
    notes: `${ATTRIBUTION} Crown copyright. The DfE's official statistics "Education, health and care plans" (SEN2 collection), retrieved from the DfE's SEND and AP dashboard repository at the commit in the address. "x" (not available) and "z" (not applicable) cells are unknown.${POINTS}${GENERATED}`,
  },
  timeliness: {
    id: 'dfe-ehc-plans-timeliness-2019-2024', kind: 'DATASET', publisher: 'Department for Education', authors: ['Data to Insight'],
    title: 'Education, health and care plans issued within 20 weeks by local authority, calendar years 2019 to 2024 (timeliness_20_week)',
    url: 'https://github.com/data-to-insight/send-benchmarking/blob/22af228c71610c4622525023433c7e9a66628f00/static/EHCP%20Data/timeliness_20_week.csv',
    file: FILES.timeliness, licence: OGL,
    notes: `${ATTRIBUTION} Crown copyright. The DfE's "Education, health and care plans" statistics, data file timeliness_20_week, as Data to Insight's SEND benchmarking tool holds it; headline rows ("All EHC plans issued") only. "x" cells are unknown.${POINTS}${GENERATED}`,
  },
  neighbours: (edition: string, month: string, file: string) => ({
    id: `dfe-statistical-neighbours-${edition}`, kind: 'DATASET', publisher: 'Department for Education',
    title: `Children's services statistical neighbours, ${month} ${edition} edition (LAIT)`,
    publishedOn: { date: edition, certainty: 'STATED' },
    url: `https://github.com/dfe-analytical-services/local-authority-interactive-tool/tree/2e30e3959a6ab8b2d22941b84764da41a40ac91b/01_data/02_prod`,
    file, licence: OGL,
    notes:
      `${ATTRIBUTION} Crown copyright. The sheet "LA SN Groups" of the DfE's local authority interactive tool, flattened to CSV: each authority's ten most similar, nearest first, with a closeness band. ` +
      "DfE numbers are joined to areas through Data to Insight's provider lookup (Ofsted, ONS) and the names, as the areas were at the edition's date. " +
      `The block "Old SNs" (authorities gone before the edition) is not imported.${GENERATED}`,
  }),
};

export interface ImportDfeOptions {
  /** ../shared/reference/dfe */
  from: string;
  areasSeed: string;
  register: string;
  out: string;
}

export interface ImportDfeReport {
  written: string[];
  counts: Record<string, number>;
  notes: string[];
}

type Point = (number | null)[];

function statisticsSeed(source: object, stats: StatisticsFile, drop: (indicator: string, subject: string, year: number) => boolean = () => false) {
  const series: { indicator: string; of: string; points: Point[] }[] = [];
  const units = new Map(stats.indicators.map((i) => [i.id, i.unit]));
  for (const [indicator, bySubject] of [...stats.series].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [subject, points] of [...bySubject].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const kept = [...points.values()].filter((p) => !drop(indicator, subject, p.year)).sort((a, b) => a.year - b.year);
      if (kept.length === 0) continue;
      series.push({
        indicator, of: subject,
        points: kept.map((p) => (units.get(indicator) === 'COUNT' ? [p.year, p.value] : [p.year, p.value, p.numerator, p.denominator])),
      });
    }
  }
  return { source, indicators: stats.indicators.map(indicatorSeed), series };
}

const indicatorSeed = (i: IndicatorDefinition) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined));

/**
 * JSON, not YAML: the series are thousands of small arrays, which YAML parses a hundred times more
 * slowly (about 0.8 CPU seconds at every start without a snapshot). One series, or one area's
 * neighbours, to a line, so that a new edition's changes read line by line in a diff.
 */
function toJson(seed: Record<string, unknown>): string {
  const entries = Object.entries(seed).map(([key, value]) =>
    Array.isArray(value)
      ? `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`,
  );
  return `{\n${entries.join(',\n')}\n}\n`;
}

export function importDfe(options: ImportDfeOptions): ImportDfeReport {
  const problems: ImportProblem[] = [];
  const subjects = new SubjectResolver(AreaRegister.read(options.areasSeed, options.register), options.areasSeed);
  const sen2 = readStatistics(join(options.from, FILES.sen2), SEN2_INDICATORS, subjects, problems);
  const timeliness = readStatistics(
    join(options.from, FILES.timeliness), TIMELINESS_INDICATORS, subjects, problems,
    (cell) => cell('breakdown_topic') === 'All EHC plans issued', ['breakdown_topic'],
  );
  const compared = checkAgreement(sen2, timeliness, problems);
  const dfeNumbers = readDfeNumbers(join(options.from, FILES.lookup), problems);
  const editions: NeighbourEdition[] = [
    readNeighbours(join(options.from, FILES.neighbours2021), '2021', '2021-04-30', dfeNumbers, subjects, problems),
    readNeighbours(join(options.from, FILES.neighbours2025), '2025', '2025-05-28', dfeNumbers, subjects, problems),
  ];
  if (problems.length > 0) throw new ImportError(problems);

  const texts: [string, string][] = [
    [SEEDS.sen2, toJson(statisticsSeed(SOURCES.sen2, sen2))],
    [SEEDS.timeliness, toJson(statisticsSeed(SOURCES.timeliness, timeliness))],
    ...editions.map((e, i): [string, string] => [
      i === 0 ? SEEDS.neighbours2021 : SEEDS.neighbours2025,
      toJson({ source: SOURCES.neighbours(e.edition, e.edition === '2021' ? 'April' : 'May', e.file.replace(/\.csv$/, '.xlsx')), neighbours: e.seeds }),
    ]),
  ];
  for (const [name, text] of texts) writeFileSync(join(options.out, `.${name}.tmp`), text);
  for (const [name] of texts) renameSync(join(options.out, `.${name}.tmp`), join(options.out, name));

  const points = (s: StatisticsFile) => [...s.series.values()].reduce((n, bySubject) => n + [...bySubject.values()].reduce((m, p) => m + p.size, 0), 0);
  const unknown = (s: StatisticsFile) => [...s.series.values()].reduce((n, bySubject) => n + [...bySubject.values()].reduce((m, p) => m + [...p.values()].filter((x) => x.value === null).length, 0), 0);
  return {
    written: texts.map(([name]) => name),
    counts: {
      'SEN2 values': points(sen2),
      'SEN2 values unknown': unknown(sen2),
      'timeliness values': points(timeliness),
      'timeliness values unknown': unknown(timeliness),
      'values in both files, compared': compared,
      'areas with 2021 neighbours': editions[0].seeds.length,
      'areas with 2025 neighbours': editions[1].seeds.length,
    },
    notes: [
      ...editions.flatMap((e) => e.without.map((w) => `${e.edition}: ${w}`)),
      ...editions.flatMap((e) => e.old.map((o) => `${e.edition}: "Old SNs" block, not imported: ${o}`)),
      ...[...sen2.resolvedByChange.map((r) => `${FILES.sen2}: ${r}`), ...timeliness.resolvedByChange.map((r) => `${FILES.timeliness}: ${r}`)],
    ],
  };
}
