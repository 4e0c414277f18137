import { resolve } from 'node:path';
import { ThemeClassifier } from '../../src/ingest/classify-themes';
import { crossValidate, crossValidateSplit, foldOf, SHIPPED_VARIANT, variants, type Variant } from '../../src/ingest/cross-validate-themes';
import { readHandLabels, readLabelledBullets, type LabelledBullet } from '../../src/ingest/evaluate-themes';
import { readReference } from '../../src/ingest/reference-seeds';
import { SHIPPED_TRAINING } from '../../src/ingest/theme-model';
import { RULES_TUNED_ON } from '../../src/ingest/theme-rules';
import { CORPUS } from './corpus';

/** eval-themes --folds: each report scored by a classifier trained without it. */

jest.setTimeout(120_000);

const bullet = (file: string, text: string): LabelledBullet => ({ file, section: 'better', text, themes: ['short-breaks'] });

describe('crossValidate', () => {
  it('puts every report in one fold, by its place in name order', () => {
    expect([...foldOf(['c.pdf', 'a.pdf', 'b.pdf', 'a.pdf', 'd.pdf'], 2)]).toEqual([['a.pdf', 0], ['b.pdf', 1], ['c.pdf', 0], ['d.pdf', 1]]);
  });

  it('never trains on a bullet of the fold it scores', () => {
    const bullets = ['a', 'a', 'b', 'c', 'c', 'd'].map((f, i) => bullet(`${f}.pdf`, `Bullet ${i} of ${f}.`));
    const seen: string[][] = [];
    const spy: Variant = { name: 'spy', make: (training) => (seen.push(training.map((b) => b.file)), new ThemeClassifier()) };
    const e = crossValidate(bullets, 2, spy);
    expect(seen).toEqual([['b.pdf', 'd.pdf'], ['a.pdf', 'a.pdf', 'c.pdf', 'c.pdf']]);
    expect(e).toMatchObject({ reports: 4, bullets: 6 });
  });

  it('also scores the reports the rules were not tuned on alone', () => {
    const tuned = RULES_TUNED_ON[0];
    // The tuned report's bullet is labelled so that the rules get it wrong: an error in `all` only.
    const bullets = [{ ...bullet(tuned, 'Short breaks are good.'), themes: ['academic-outcomes'] }, bullet('a.pdf', 'Short breaks are good.'), bullet('b.pdf', 'Nothing here.'), bullet('b.pdf', 'Short breaks.')];
    const { all, unseenByRules } = crossValidateSplit(bullets, 3, { name: 'rules', make: () => new ThemeClassifier() });
    expect(all).toMatchObject({ reports: 3, bullets: 4 });
    expect(unseenByRules).toMatchObject({ reports: 2, bullets: 3 });
    expect(all.errors.map((e) => e.file)).toContain(tuned);
    expect(unseenByRules.errors.map((e) => e.file)).not.toContain(tuned);
  });

  it('refuses folds it cannot make, saying what to use', () => {
    const bullets = [bullet('a.pdf', 'x'), bullet('b.pdf', 'y')];
    expect(() => crossValidate(bullets, 1, variants([], SHIPPED_TRAINING)[0])).toThrow(/--folds 1: use a whole number of folds, at least 2/);
    expect(() => crossValidate(bullets, 3, variants([], SHIPPED_TRAINING)[0])).toThrow(/only 2 labelled reports; use at most 2 folds/);
  });
});

describe('on the 45 hand-labelled reports', () => {
  // Three folds, not the README's five: the same verdict (measured with both) for 12 trainings instead of 20.
  it('the shipped variant (model + rules) does better on unseen reports than the rules alone', async () => {
    const { bullets } = await readLabelledBullets(readHandLabels(resolve(__dirname, '..', 'fixtures', 'hand-labels')), CORPUS);
    const themes = [...readReference(resolve(__dirname, '..', '..', 'seeds')).themes].sort();
    const [rules, , shipped] = variants(themes, SHIPPED_TRAINING);
    expect(shipped.name).toBe(SHIPPED_VARIANT);
    const byRules = crossValidateSplit(bullets, 3, rules);
    const byModel = crossValidateSplit(bullets, 3, shipped);
    expect(byModel.all.bullets).toBe(bullets.length);
    expect(byModel.all.micro.f1).toBeGreaterThan(byRules.all.micro.f1);
    expect(byModel.all.micro.precision).toBeGreaterThan(byRules.all.micro.precision);
    // Also where neither was tuned: the 35 reports the rules never saw.
    expect(byModel.unseenByRules.reports).toBe(byModel.all.reports - RULES_TUNED_ON.length);
    expect(byModel.unseenByRules.micro.f1).toBeGreaterThan(byRules.unseenByRules.micro.f1);
  });
});
