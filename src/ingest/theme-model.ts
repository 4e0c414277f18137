import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';
import { ThemeClassifier, type MachineAssignment, type ThemeAssigner } from './classify-themes';
import { FIRST, isRuleFeature, RULE, RULE_BEST, RULE_FIRED, themeFeatures } from './theme-features';

/**
 * The learned theme classifier: for each theme, a logistic regression over the features of
 * theme-features.ts, trained from the hand labels (`npm run cli -- train-themes`). A theme's score
 * is its bias plus the weights of the features a bullet has; a theme is given when its probability
 * (the logistic of the score) reaches THRESHOLD, at most MAX_THEMES of them, the likeliest first,
 * and the likeliest alone when none does. Each assignment names the features that drove it, with
 * their weights, and the score. Training minimises the mean log loss plus an L2 penalty by full-batch
 * gradient descent (AdaGrad steps) from zero: no randomness, so the same labels give the same model.
 */

export interface TrainOptions {
  /** Add the hand-written rules' themes as features (`rule:THEME`). */
  ruleFeatures: boolean;
  /** The L2 penalty on the words' weights (not the bias, nor the rules' features). */
  l2: number;
  iterations: number;
  /** A feature must occur in this many training bullets to get a weight. */
  minCount: number;
  /** A theme is given when its probability reaches this. */
  threshold: number;
  /** How much a bullet that has the theme counts in the loss against one that has not (few bullets have any one theme). */
  positiveWeight: number;
}

/** The settings of the shipped model (the threshold is learned): the best of the variants eval-themes --folds compares. */
export const SHIPPED_TRAINING: Omit<TrainOptions, 'threshold'> = { ruleFeatures: true, l2: 0.003, iterations: 100, minCount: 2, positiveWeight: 2 };
const STEP = 0.5;
const MAX_THEMES = 3;
const SHOWN_FEATURES = 4;
/** Weights smaller than this are left out of the model file: they never decide a theme. */
const MIN_WEIGHT = 0.01;

/** Where the ingester reads the model, and train-themes writes it (not under seeds/: it is not seed data). */
export const THEME_MODEL_FILE = join(packageRoot(), 'models', 'theme-model.json');

export interface ThemeModel {
  generatedBy: string;
  trainedOn: { reports: number; bullets: number };
  options: TrainOptions;
  /** Per theme, the bias and every feature's weight (rounded, near-zero ones dropped), features sorted. */
  themes: { theme: string; bias: number; weights: Record<string, number> }[];
}

export interface TrainingBullet {
  /** The report the bullet is from: the threshold's inner folds keep a report's bullets together. */
  file: string;
  text: string;
  themes: readonly string[];
}

/** The thresholds tried when training picks one; and the number of inner folds it picks it by. */
const THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const INNER_FOLDS = 3;

/**
 * The model, with the threshold that does best (micro F1) on the training reports when each is
 * classified by a model trained on the others (INNER_FOLDS folds of reports): the threshold is
 * learned from the training bullets only, never from those the model will be scored on.
 */
export function trainWithThreshold(bullets: readonly TrainingBullet[], themes: readonly string[], options: Omit<TrainOptions, 'threshold'>, reports = 0): ThemeModel {
  const files = [...new Set(bullets.map((b) => b.file))].sort();
  const fold = new Map(files.map((f, i) => [f, i % INNER_FOLDS]));
  const outOfFold: { wanted: readonly string[]; ranked: { theme: string; p: number }[] }[] = [];
  for (let k = 0; k < INNER_FOLDS; k++) {
    const model = new ModelThemeClassifier(trainThemeModel(bullets.filter((b) => fold.get(b.file) !== k), themes, { ...options, threshold: 0.5 }));
    for (const b of bullets) if (fold.get(b.file) === k) outOfFold.push({ wanted: b.themes, ranked: model.rank(b.text) });
  }
  const f1At = (threshold: number) => {
    let tp = 0, given = 0, wanted = 0;
    for (const o of outOfFold) {
      const chosen = pick(o.ranked, threshold);
      given += chosen.length;
      wanted += o.wanted.length;
      tp += chosen.filter((c) => o.wanted.includes(c.theme)).length;
    }
    return (2 * tp) / (given + wanted);
  };
  const threshold = THRESHOLDS.reduce((best, t) => (f1At(t) > f1At(best) ? t : best));
  return trainThemeModel(bullets, themes, { ...options, threshold }, reports);
}

/** The themes given: those whose probability reaches the threshold, at most MAX_THEMES, or the likeliest alone. */
function pick<T extends { p: number }>(ranked: readonly T[], threshold: number): T[] {
  const above = ranked.filter((r) => r.p >= threshold).slice(0, MAX_THEMES);
  return above.length ? above : ranked.slice(0, 1);
}

export function trainThemeModel(bullets: readonly TrainingBullet[], themes: readonly string[], options: TrainOptions, reports = 0): ThemeModel {
  const rules = options.ruleFeatures ? new ThemeClassifier() : undefined;
  const featureSets = bullets.map((b) => featuresOf(b.text, rules));
  const counts = new Map<string, number>();
  for (const fs of featureSets) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  // The rules' few features are a person's judgement already: the penalty shrinks only the words'.
  const penalised = Float64Array.from(vocabulary, (f) => (isRuleFeature(f) ? 0 : 1));
  const rows = featureSets.map((fs) => Int32Array.from(fs.filter((f) => index.has(f)).map((f) => index.get(f)!)));
  const trained = [...themes].sort().map((theme) => {
    const y = bullets.map((b) => (b.themes.includes(theme) ? 1 : 0));
    const { bias, w } = fitLogistic(rows, y, vocabulary.length, options, penalised);
    const weights: Record<string, number> = {};
    for (const [i, f] of vocabulary.entries()) if (Math.abs(w[i]) >= MIN_WEIGHT) weights[f] = round(w[i]);
    return { theme, bias: round(bias), weights };
  });
  return { generatedBy: 'npm run cli -- train-themes (src/ingest/theme-model.ts); do not edit by hand', trainedOn: { reports, bullets: bullets.length }, options, themes: trained };
}

/** Cross-validation trains on the same bullets again and again: their features are kept (the rules are slow to run). */
const cached = new Map<string, string[]>();
const MAX_CACHED = 20_000;
function featuresOf(text: string, rules?: ThemeClassifier): string[] {
  const key = `${rules ? 1 : 0}${text}`;
  let f = cached.get(key);
  if (!f) {
    if (cached.size >= MAX_CACHED) cached.clear();
    cached.set(key, (f = themeFeatures(text, rules)));
  }
  return f;
}

/** The model as checked in: the same model gives the same bytes (weights are sorted by feature when trained). */
export const formatThemeModel = (model: ThemeModel) => `${JSON.stringify(model, null, 1)}\n`;

const round = (x: number) => Math.round(x * 1000) / 1000;
// Held once: in a vm context (jest's) every lookup of the global Math is slow, and training makes tens of millions.
const { exp, sqrt } = Math;
const sigmoid = (z: number) => 1 / (1 + exp(-z));

function fitLogistic(rows: readonly Int32Array[], y: readonly number[], width: number, o: TrainOptions, penalised: Float64Array) {
  const w = new Float64Array(width);
  const g = new Float64Array(width);
  const history = new Float64Array(width);
  let bias = 0;
  let biasHistory = 0;
  const n = rows.length;
  for (let it = 0; it < o.iterations; it++) {
    g.fill(0);
    let gb = 0;
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      let z = bias;
      for (let k = 0; k < row.length; k++) z += w[row[k]];
      const err = ((sigmoid(z) - y[r]) * (y[r] ? o.positiveWeight : 1)) / n;
      gb += err;
      for (let k = 0; k < row.length; k++) g[row[k]] += err;
    }
    for (let i = 0; i < width; i++) {
      const gi = g[i] + o.l2 * penalised[i] * w[i];
      history[i] += gi * gi;
      if (history[i] > 0) w[i] -= (STEP * gi) / sqrt(history[i]);
    }
    biasHistory += gb * gb;
    if (biasHistory > 0) bias -= (STEP * gb) / sqrt(biasHistory);
  }
  return { bias, w };
}

/** A feature as a reader would say it: `first:` as "(first sentence)", `rule:` as the rule's name. */
const describeFeature = (f: string) =>
  f.startsWith(FIRST) ? `"${f.slice(FIRST.length)}" (first sentence)`
  : f.startsWith(RULE) ? `rule ${f.slice(RULE.length)} gives it`
  : f.startsWith(RULE_FIRED) ? `rule ${f.slice(RULE_FIRED.length)} fires`
  : f.startsWith(RULE_BEST) ? `rule ${f.slice(RULE_BEST.length)} scores best`
  : `"${f}"`;

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

export class ModelThemeClassifier implements ThemeAssigner {
  private readonly rules?: ThemeClassifier;

  constructor(private readonly model: ThemeModel, knownThemes?: ReadonlySet<string>) {
    const unknown = knownThemes ? model.themes.filter((t) => !knownThemes.has(t.theme)).map((t) => t.theme) : [];
    if (unknown.length) throw new Error(`the theme model names themes the taxonomy does not have: ${unknown.join(', ')}; retrain it with \`npm run cli -- train-themes\``);
    if (model.options.ruleFeatures) this.rules = new ThemeClassifier();
  }

  static load(path: string, knownThemes?: ReadonlySet<string>): ModelThemeClassifier {
    let model: ThemeModel;
    try {
      model = JSON.parse(readFileSync(path, 'utf8')) as ThemeModel;
    } catch (err) {
      throw new Error(`the theme model ${path} cannot be read (${(err as Error).message}); write it with \`npm run cli -- train-themes\``);
    }
    return new ModelThemeClassifier(model, knownThemes);
  }

  /** Every theme's score and probability for the text, the likeliest first. */
  rank(text: string, excluded: ReadonlySet<string> = new Set()) {
    const features = featuresOf(text, this.rules);
    return this.model.themes
      .filter((t) => !excluded.has(t.theme))
      .map((t) => {
        const parts = features.filter((f) => t.weights[f] !== undefined).map((f) => ({ f, w: t.weights[f] }));
        const score = parts.reduce((s, p) => s + p.w, t.bias);
        return { theme: t.theme, bias: t.bias, score, p: sigmoid(score), parts };
      })
      .sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
  }

  classify(text: string, excluded: ReadonlySet<string> = new Set()): MachineAssignment[] {
    const { threshold } = this.model.options;
    const chosen = pick(this.rank(text, excluded), threshold);
    return chosen.map((s) => ({ theme: s.theme, reason: reasonFor(s, s.p < threshold ? threshold : null) }));
  }
}

function reasonFor(s: { theme: string; bias: number; score: number; p: number; parts: { f: string; w: number }[] }, noneReached: number | null): string {
  const top = [...s.parts].sort((a, b) => b.w - a.w || a.f.localeCompare(b.f)).filter((p) => p.w > 0).slice(0, SHOWN_FEATURES);
  const rest = s.parts.reduce((n, p) => n + p.w, 0) - top.reduce((n, p) => n + p.w, 0);
  const terms = top.map((p) => `${describeFeature(p.f)} ${signed(p.w)}`).join(', ');
  return [
    `model ${s.theme}: score ${s.score.toFixed(2)} (probability ${s.p.toFixed(2)}${noneReached !== null ? `, the likeliest theme; none reached ${noneReached}` : ''})`,
    ` = ${terms || 'no term for it'}${s.parts.length > top.length ? `, ${s.parts.length - top.length} other terms ${signed(rest)}` : ''}, bias ${signed(s.bias)}`,
  ].join('');
}
