import { resolve } from 'node:path';
import { compareLabels, evaluateThemes, formatErrors, formatEvaluation, readHandLabels, type Evaluation } from '../../src/ingest/evaluate-themes';
import { CORPUS } from './corpus';

/** eval-themes: the classifier against the 45 hand-labelled reports, and the errors it lists per theme. */

jest.setTimeout(60_000);

const labels = readHandLabels(resolve(__dirname, '..', 'fixtures', 'hand-labels'));
let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await evaluateThemes(labels, CORPUS);
});

describe('eval-themes', () => {
  it('scores every labelled bullet of the 45 reports', () => {
    const bullets = labels.reduce((n, l) => n + l.bullets.length, 0);
    expect(evaluation).toMatchObject({ reports: 45, bullets, unmatched: [] });
    const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = evaluation.micro;
    expect(tp + fn).toBe(labels.reduce((n, l) => n + l.bullets.reduce((m, b) => m + b.themes.length, 0), 0));
    expect(evaluation.micro.precision).toBeCloseTo(tp / (tp + fp));
    expect(formatEvaluation(evaluation)).toMatch(new RegExp(`^Theme classifier against hand labels: 45 reports, ${bullets} bullets\\n`));
  });

  it('lists, for one theme, each bullet it was given wrongly and each it missed, with both sides\' themes', () => {
    const theme = 'partnership-working';
    const row = evaluation.perTheme.find((t) => t.theme === theme)!;
    const errors = evaluation.errors.filter((e) => e.theme === theme);
    expect(errors.filter((e) => e.kind === 'false positive')).toHaveLength(row.falsePositives);
    expect(errors.filter((e) => e.kind === 'false negative')).toHaveLength(row.falseNegatives);
    for (const e of errors) expect(e.kind === 'false positive' ? e.given.map((g) => g.theme) : e.wanted).toContain(theme);

    const listed = formatErrors(evaluation, theme);
    expect(listed).toContain(`${theme}: given by the classifier, not by the person (${row.falsePositives}):`);
    expect(listed).toContain(`${theme}: given by the person, missed by the classifier (${row.falseNegatives}):`);
    expect(listed.match(/^- \S+\.pdf, (strength|weakness): /gm)).toHaveLength(row.falsePositives + row.falseNegatives);
    expect(listed).toMatch(/ {4}machine: partnership-working \(rule partnership-working: terms /);
  });

  it('agree-labels: the second reading of the five held-out reports agrees with the first on nearly every theme', () => {
    const second = readHandLabels(resolve(__dirname, '..', 'fixtures', 'hand-labels-second'));
    const agreement = compareLabels(labels, second);
    expect(agreement).toMatchObject({ reports: 5, bullets: second.reduce((n, l) => n + l.bullets.length, 0), unmatched: [] });
    expect(agreement.micro.f1).toBeGreaterThan(0.9);
    expect(agreement.micro.f1).toBeLessThan(1);
  });
});
