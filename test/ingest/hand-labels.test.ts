import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readHandLabels } from '../../src/ingest/evaluate-themes';
import { readPdfText } from '../../src/ingest/pdf-text';
import { parseDateRange } from '../../src/ingest/report-dates';
import { parseReport } from '../../src/ingest/report-parser';
import { CORPUS } from './corpus';

/**
 * The ingester's reading of all 45 reports against a person's, taken by hand from the PDFs
 * (test/fixtures/hand-labels/README.md): counts, dates, outcome, and each bullet's opening words.
 */

jest.setTimeout(60_000);

const labels = readHandLabels(resolve(__dirname, '..', 'fixtures', 'hand-labels'));
const squash = (s: string) => s.toLowerCase().replace(/[’‘']/g, "'").replace(/[^a-z0-9']+/g, ' ').trim();

describe('every report read as a person read it', () => {
  it('has a label for each of the 45 reports', () => {
    expect(labels).toHaveLength(45);
    expect(new Set(labels.map((l) => l.file)).size).toBe(45);
  });

  it.each(labels.map((l) => [l.file, l] as const))('%s: counts, dates and outcome', async (file, label) => {
    const report = parseReport(await readPdfText(readFileSync(join(CORPUS, file))));
    expect(report.areaName).toBe(label.area);
    expect({
      strengths: report.strengths.length,
      weaknesses: report.weaknesses.length,
      priorityActions: report.priorityActions.length,
      improvements: report.improvements.length,
    }).toEqual(label.counts);
    expect(report.inspection).toEqual({ start: String(label.inspectionStarted), end: String(label.inspectionEnded) });
    expect(report.previous).toEqual(parseDateRange(label.previousInspection));
    expect(report.outcome).toBe(label.outcome);
    expect(report.priorityActionPlanRequired).toBe(label.outcome === 'SYSTEMIC_FAILINGS');

    // Every bullet begins where the person saw it begin, in order: none split, none merged.
    const bullets = label.bullets.map((b) => [b.section, squash(b.opening).slice(0, 50)]);
    const parsed = [...report.strengths.map((t) => ['effective', t]), ...report.weaknesses.map((t) => ['better', t])];
    expect(parsed.map(([section, text], i) => [section, squash(text).slice(0, bullets[i]?.[1].length ?? 50)])).toEqual(bullets);
  });
});
