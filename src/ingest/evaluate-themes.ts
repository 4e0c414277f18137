import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ThemeClassifier, type MachineAssignment, type ThemeAssigner } from './classify-themes';
import { readPdfText } from './pdf-text';
import { parseReport } from './report-parser';

/**
 * The classifier against themes a person gave by hand: precision, recall and F1 per theme and
 * overall, over every bullet of the labelled reports. A bullet is matched to the parsed one by
 * its section and opening words.
 */

export interface HandLabels {
  file: string;
  area: string;
  inspectionStarted: string;
  inspectionEnded: string;
  previousInspection: string;
  outcome: string;
  counts: { strengths: number; weaknesses: number; priorityActions: number; improvements: number };
  bullets: { section: 'effective' | 'better'; opening: string; themes: string[] }[];
}

export function readHandLabels(dir: string): HandLabels[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parseYaml(readFileSync(join(dir, f), 'utf8')) as HandLabels);
}

export interface ThemeScore {
  theme: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}
/** A bullet the classifier and the person disagree on for one theme, with the classifier's reasons. */
export interface ThemeError {
  theme: string;
  kind: 'false positive' | 'false negative';
  file: string;
  section: 'effective' | 'better';
  text: string;
  /** The themes a person gave the bullet. */
  wanted: string[];
  /** The classifier's themes, each with the rule and words that fired. */
  given: { theme: string; reason: string }[];
}

export interface Evaluation {
  reports: number;
  bullets: number;
  /** Labelled bullets whose opening words match no parsed bullet of their section. */
  unmatched: string[];
  perTheme: ThemeScore[];
  micro: Omit<ThemeScore, 'theme'>;
  macroF1: number;
  errors: ThemeError[];
}

const squash = (s: string) => s.toLowerCase().replace(/[’‘']/g, "'").replace(/[^a-z0-9']+/g, ' ').trim();

const score = (tp: number, fp: number, fn: number) => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** A labelled bullet with its text as the ingester reads it from the PDF. */
export interface LabelledBullet {
  file: string;
  section: 'effective' | 'better';
  text: string;
  themes: string[];
}

/** Each labelled bullet's text, found in the parsed report by its section and opening words; and the labels found nowhere. */
export async function readLabelledBullets(labels: readonly HandLabels[], corpusDir: string): Promise<{ bullets: LabelledBullet[]; unmatched: string[] }> {
  const bullets: LabelledBullet[] = [];
  const unmatched: string[] = [];
  for (const label of labels) {
    const report = parseReport(await readPdfText(readFileSync(join(corpusDir, label.file))));
    for (const b of label.bullets) {
      const pool = b.section === 'effective' ? report.strengths : report.weaknesses;
      const opening = squash(b.opening).slice(0, 60);
      const text = pool.find((t) => squash(t).startsWith(opening));
      if (text) bullets.push({ file: label.file, section: b.section, text, themes: b.themes });
      else unmatched.push(`${label.file}: ${b.section} "${b.opening}"`);
    }
  }
  return { bullets, unmatched };
}

export async function evaluateThemes(labels: HandLabels[], corpusDir: string, classifier: ThemeAssigner = new ThemeClassifier()): Promise<Evaluation> {
  const { bullets, unmatched } = await readLabelledBullets(labels, corpusDir);
  return scoreAssignments(bullets.map((b) => ({ bullet: b, given: classifier.classify(b.text) })), labels.length, unmatched);
}

/** Precision, recall and F1 of the themes given to labelled bullets (pooled: each bullet counts once, whoever classified it). */
export function scoreAssignments(results: readonly { bullet: LabelledBullet; given: MachineAssignment[] }[], reports: number, unmatched: string[] = []): Evaluation {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const at = (t: string) => counts.get(t) ?? counts.set(t, { tp: 0, fp: 0, fn: 0 }).get(t)!;
  const errors: ThemeError[] = [];
  for (const { bullet: b, given: assignments } of results) {
    const given = new Set(assignments.map((a) => a.theme));
    const wanted = new Set(b.themes);
    const error = (theme: string, kind: ThemeError['kind']) => errors.push({ theme, kind, file: b.file, section: b.section, text: b.text, wanted: b.themes, given: assignments });
    for (const t of given) {
      if (wanted.has(t)) at(t).tp++;
      else at(t).fp++, error(t, 'false positive');
    }
    for (const t of wanted) if (!given.has(t)) at(t).fn++, error(t, 'false negative');
  }
  const perTheme = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([theme, c]) => ({ theme, ...score(c.tp, c.fp, c.fn) }));
  const sum = (k: 'tp' | 'fp' | 'fn') => [...counts.values()].reduce((n, c) => n + c[k], 0);
  return {
    reports,
    bullets: results.length,
    unmatched,
    perTheme,
    micro: score(sum('tp'), sum('fp'), sum('fn')),
    macroF1: perTheme.length ? perTheme.reduce((n, t) => n + t.f1, 0) / perTheme.length : 0,
    errors,
  };
}

export function formatEvaluation(e: Evaluation, title = 'Theme classifier against hand labels'): string {
  const pct = (x: number) => x.toFixed(2);
  const rows = e.perTheme.map(
    (t) => `  ${t.theme.padEnd(32)} ${pct(t.precision).padStart(9)} ${pct(t.recall).padStart(6)} ${pct(t.f1).padStart(5)}  ${String(t.truePositives).padStart(4)} ${String(t.falsePositives).padStart(4)} ${String(t.falseNegatives).padStart(4)}`,
  );
  return [
    `${title}: ${e.reports} reports, ${e.bullets} bullets${e.unmatched.length ? `, ${e.unmatched.length} labelled bullets not found in the parsed reports` : ''}`,
    `  ${'theme'.padEnd(32)} precision recall    F1    tp   fp   fn`,
    ...rows,
    `  ${'overall (micro)'.padEnd(32)} ${pct(e.micro.precision).padStart(9)} ${pct(e.micro.recall).padStart(6)} ${pct(e.micro.f1).padStart(5)}  ${String(e.micro.truePositives).padStart(4)} ${String(e.micro.falsePositives).padStart(4)} ${String(e.micro.falseNegatives).padStart(4)}`,
    `  ${'overall (macro F1)'.padEnd(32)} ${''.padStart(16)} ${pct(e.macroF1).padStart(5)}`,
    ...e.unmatched.map((u) => `  not found: ${u}`),
  ].join('\n');
}

/** The bullets the classifier got wrong for one theme: what it gave that the person did not, then what it missed. */
export function formatErrors(e: Evaluation, theme: string): string {
  const of = (kind: ThemeError['kind']) => e.errors.filter((x) => x.theme === theme && x.kind === kind);
  const block = (x: ThemeError) => [
    `- ${x.file}, ${x.section === 'effective' ? 'strength' : 'weakness'}: ${x.text}`,
    `    person: ${x.wanted.join(', ') || '(none)'}`,
    ...(x.given.length ? x.given.map((g) => `    machine: ${g.theme} (${g.reason})`) : ['    machine: (none)']),
  ];
  const section = (kind: ThemeError['kind'], title: string) => {
    const list = of(kind);
    return [`${title} (${list.length}):`, ...list.flatMap(block), ''];
  };
  return [
    ...section('false positive', `${theme}: given by the classifier, not by the person`),
    ...section('false negative', `${theme}: given by the person, missed by the classifier`),
  ].join('\n').trimEnd();
}

/**
 * Two people's labels of the same reports, the second scored against the first as if it were a
 * classifier: how far careful readers agree, the ceiling for the classifier. Bullets are paired
 * by report, section and opening words; reports only one of them labelled are left out.
 */
export function compareLabels(first: readonly HandLabels[], second: readonly HandLabels[]): Evaluation {
  const results: { bullet: LabelledBullet; given: MachineAssignment[] }[] = [];
  const unmatched: string[] = [];
  const byFile = new Map(second.map((l) => [l.file, l]));
  const both = first.filter((l) => byFile.has(l.file));
  for (const label of both) {
    const other = byFile.get(label.file)!;
    for (const b of label.bullets) {
      const twin = other.bullets.find((o) => o.section === b.section && squash(o.opening).slice(0, 40) === squash(b.opening).slice(0, 40));
      if (!twin) {
        unmatched.push(`${label.file}: ${b.section} "${b.opening}"`);
        continue;
      }
      results.push({ bullet: { file: label.file, section: b.section, text: b.opening, themes: b.themes }, given: twin.themes.map((theme) => ({ theme, reason: 'second reader' })) });
    }
  }
  return scoreAssignments(results, both.length, unmatched);
}
