import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readHandLabels, readLabelledBullets } from '../../src/ingest/evaluate-themes';
import { readReference } from '../../src/ingest/reference-seeds';
import { formatThemeModel, ModelThemeClassifier, SHIPPED_TRAINING, THEME_MODEL_FILE, trainThemeModel, trainWithThreshold, type TrainingBullet } from '../../src/ingest/theme-model';
import { CORPUS } from './corpus';

/** The learned theme classifier: what it learns from labelled bullets, the reasons it gives, and the checked-in model. */

jest.setTimeout(120_000);

const options = { ...SHIPPED_TRAINING, ruleFeatures: false, threshold: 0.5 };
const bullets: TrainingBullet[] = [
  ...['Short breaks give families respite.', 'Families value the short breaks on offer.', 'Too few short breaks are available for families.'].map((text, i) => ({ file: `a${i}`, text, themes: ['short-breaks'] })),
  ...['Transport to school is unreliable.', 'Many children wait for school transport.', 'Transport routes to school change too often.'].map((text, i) => ({ file: `b${i}`, text, themes: ['home-to-school-transport'] })),
];
const themes = ['home-to-school-transport', 'short-breaks'];

describe('trainThemeModel and ModelThemeClassifier', () => {
  const model = trainThemeModel(bullets, themes, options);
  const classifier = new ModelThemeClassifier(model);

  it('learns the words that mark each theme, and gives the theme a new bullet with them', () => {
    expect(classifier.classify('Parents say the short breaks help.').map((a) => a.theme)).toEqual(['short-breaks']);
    expect(classifier.classify('School transport is late.').map((a) => a.theme)).toEqual(['home-to-school-transport']);
    expect(model.themes.find((t) => t.theme === 'short-breaks')!.weights['short break']).toBeGreaterThan(0);
    expect(model.themes.find((t) => t.theme === 'home-to-school-transport')!.weights['short break']).toBeLessThan(0);
  });

  it('is deterministic: the same bullets give the same file', () => {
    expect(formatThemeModel(trainThemeModel(bullets, themes, options))).toBe(formatThemeModel(model));
  });

  it('names what drove each assignment: the top terms with their weights, the other terms\' sum, the bias and the score', () => {
    const [a] = classifier.classify('Parents say the short breaks help.');
    const t = model.themes.find((x) => x.theme === 'short-breaks')!;
    const score = t.bias + t.weights['short'] + t.weights['break'] + t.weights['short break'] + t.weights[`first:short`] + t.weights[`first:break`];
    expect(a.reason).toMatch(new RegExp(`^model short-breaks: score ${score.toFixed(2)} \\(probability \\d\\.\\d\\d\\) = `));
    expect(a.reason).toContain(`"break" (first sentence) +${t.weights['first:break'].toFixed(2)}`);
    expect(a.reason).toContain(`"short" +${t.weights['short'].toFixed(2)}`);
    // Four terms are shown; the fifth, "short break", is summed.
    expect(a.reason).toContain(`, 1 other terms +${t.weights['short break'].toFixed(2)}, bias +${t.bias.toFixed(2)}`);
    expect(a.reason).toMatch(/, bias [+-]\d\.\d\d$/);
  });

  it('gives the likeliest theme, and says so, when none reaches the threshold; never a theme ruled out', () => {
    const strict = new ModelThemeClassifier({ ...model, options: { ...model.options, threshold: 0.99 } });
    const given = strict.classify('Things have changed since then.');
    expect(given).toHaveLength(1);
    expect(given[0].reason).toMatch(/^model [a-z-]+: score -?\d\.\d\d \(probability 0\.\d\d, the likeliest theme; none reached 0\.99\) = no term for it, bias /);
    expect(classifier.classify('Parents say the short breaks help.', new Set(['short-breaks'])).map((x) => x.theme)).toEqual(['home-to-school-transport']);
  });

  it('refuses a model whose themes the taxonomy lacks, and says how to make a new one', () => {
    expect(() => new ModelThemeClassifier(model, new Set(['short-breaks']))).toThrow(/names themes the taxonomy does not have: home-to-school-transport; retrain it with `npm run cli -- train-themes`/);
    expect(() => ModelThemeClassifier.load('/nonexistent/theme-model.json')).toThrow(/cannot be read .*`npm run cli -- train-themes`/);
  });
});

describe('the checked-in model', () => {
  it('is what train-themes makes from the 45 hand-labelled reports (generated, never edited by hand)', async () => {
    const labels = readHandLabels(resolve(__dirname, '..', 'fixtures', 'hand-labels'));
    const { bullets: labelled } = await readLabelledBullets(labels, CORPUS);
    const taxonomy = [...readReference(resolve(__dirname, '..', '..', 'seeds')).themes].sort();
    const trained = trainWithThreshold(labelled, taxonomy, SHIPPED_TRAINING, labels.length);
    expect(formatThemeModel(trained)).toBe(readFileSync(THEME_MODEL_FILE, 'utf8'));
    expect(trained.trainedOn).toEqual({ reports: 45, bullets: labelled.length });
  });
});
