import { resolve } from 'node:path';
import { evaluateThemes, formatErrors, formatEvaluation, readHandLabels, type Evaluation } from '../../src/ingest/evaluate-themes';
import { CORPUS } from './corpus';

/** eval-themes: the classifier against the ten hand-labelled reports, and the errors it lists per theme. */

jest.setTimeout(60_000);

let evaluation: Evaluation;
beforeAll(async () => {
  evaluation = await evaluateThemes(readHandLabels(resolve(__dirname, '..', 'fixtures', 'hand-labels')), CORPUS);
});

describe('eval-themes', () => {
  it('scores every labelled bullet, at the project\'s target of F1 0.75 overall or better', () => {
    expect(evaluation).toMatchObject({ reports: 10, bullets: 201, unmatched: [] });
    expect(evaluation.micro.f1).toBeGreaterThanOrEqual(0.75);
    expect(formatEvaluation(evaluation)).toMatch(/^Theme classifier against hand labels: 10 reports, 201 bullets\n/);
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
});
