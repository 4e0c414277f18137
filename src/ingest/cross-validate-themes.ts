import { ThemeClassifier, type MachineAssignment, type ThemeAssigner } from './classify-themes';
import { scoreAssignments, type Evaluation, type LabelledBullet } from './evaluate-themes';
import { RULES_TUNED_ON } from './theme-rules';
import { ModelThemeClassifier, trainWithThreshold, type TrainOptions } from './theme-model';

/**
 * The classifiers on reports they were not trained on: the labelled reports, sorted by file name,
 * go to `folds` folds in turn (report i to fold i mod folds), so every bullet of a report is in
 * the same fold; for each fold a model is trained on the other folds' bullets only and classifies
 * this fold's. The per-theme counts are pooled over the folds. The rules need no training, so they
 * are scored on every bullet as they stand. They were tuned on 10 of the reports, which flatters
 * them, and the variants that use them, there: so each variant is also scored on the other reports alone.
 */

export interface Variant {
  name: string;
  /** A classifier trained on the given bullets (the rules ignore them). */
  make: (training: readonly LabelledBullet[]) => ThemeAssigner;
}

/** The variant the checked-in model is (SHIPPED_TRAINING has ruleFeatures). */
export const SHIPPED_VARIANT = 'model + rules';

export const variants = (themes: readonly string[], base: Omit<TrainOptions, 'threshold'>): Variant[] => [
  { name: 'rules alone', make: () => new ThemeClassifier() },
  { name: 'model alone', make: (training) => new ModelThemeClassifier(trainWithThreshold(training, themes, { ...base, ruleFeatures: false })) },
  { name: 'model + rules', make: (training) => new ModelThemeClassifier(trainWithThreshold(training, themes, { ...base, ruleFeatures: true })) },
];

export function foldOf(files: readonly string[], folds: number): Map<string, number> {
  return new Map([...new Set(files)].sort().map((f, i) => [f, i % folds]));
}

export interface CrossValidation {
  /** Every report's bullets, each scored by the model not trained on its report. */
  all: Evaluation;
  /** The same, over the reports the rules were not tuned on only (RULES_TUNED_ON): unflattered. */
  unseenByRules: Evaluation;
}

export const crossValidate = (bullets: readonly LabelledBullet[], folds: number, variant: Variant): Evaluation => crossValidateSplit(bullets, folds, variant).all;

export function crossValidateSplit(bullets: readonly LabelledBullet[], folds: number, variant: Variant): CrossValidation {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`--folds ${folds}: use a whole number of folds, at least 2`);
  const fold = foldOf(bullets.map((b) => b.file), folds);
  if (fold.size < folds) throw new Error(`--folds ${folds}: there are only ${fold.size} labelled reports; use at most ${fold.size} folds`);
  const results: { bullet: LabelledBullet; given: MachineAssignment[] }[] = [];
  for (let k = 0; k < folds; k++) {
    const classifier = variant.make(bullets.filter((b) => fold.get(b.file) !== k));
    for (const b of bullets) if (fold.get(b.file) === k) results.push({ bullet: b, given: classifier.classify(b.text) });
  }
  // Report order, not fold order, so the error lists read like the plain evaluation's.
  const order = new Map(bullets.map((b, i) => [b, i]));
  results.sort((a, b) => order.get(a.bullet)! - order.get(b.bullet)!);
  const tuned = new Set(RULES_TUNED_ON);
  const unseen = results.filter((r) => !tuned.has(r.bullet.file));
  return { all: scoreAssignments(results, fold.size), unseenByRules: scoreAssignments(unseen, new Set(unseen.map((r) => r.bullet.file)).size) };
}
