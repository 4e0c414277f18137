import type { PdfText, TextLine } from '../../src/ingest/pdf-text';
import { parseReport } from '../../src/ingest/report-parser';

/**
 * The outline read from positioned lines, as pdf-text gives them: the ways a report beyond the
 * 45 may set its bullets and word its outcome, without a PDF in between.
 */

const line = (page: number, y: number, text: string, x = 56.6, size = 12): TextLine => ({
  page, y, size, cells: [{ x, text }], runs: [{ x, end: x + text.length * 5, size, str: text }], text, fontNames: ['f1'],
});

/** A line 14.5 points below the last, or [text, x, extra gap]. */
type Entry = string | [string, number, number?];

/** A one-page report, entry by entry. */
function report(entries: Entry[]): PdfText {
  let y = 780;
  const lines = entries.map((e) => {
    const [text, x, gap] = typeof e === 'string' ? [e, 56.6, 0] : e;
    y -= 14.5 + (gap ?? 0);
    return line(1, y, text, x);
  });
  return { pageCount: 1, pageHeight: 842, lines, createdOn: null };
}

const front = (outcome: string[], bullet: string): Entry[] => [
  'Area SEND inspection of Leeds Local Area Partnership',
  'Inspection dates: 10th to 14th March 2025',
  'Dates of previous inspection: 5 to 9 December 2016',
  ['Inspection outcome', 56.6, 14] as [string, number, number],
  ...outcome,
  ['Information about the local area partnership', 56.6, 14] as [string, number, number],
  'Leeds City Council and NHS West Yorkshire Integrated Care Board (ICB) are responsible for',
  'services for children and young people with SEND in Leeds.',
  ['What is the area partnership doing that is effective?', 56.6, 14] as [string, number, number],
  `${bullet} Leaders know the area well. They plan services with`,
  ['families.', 74.6],
  `${bullet} Therapists work in schools.`,
  ['What does the area partnership need to do better?', 56.6, 14] as [string, number, number],
  `${bullet} Too many children wait too long for an assessment, and the delays in`,
  ['areas for improvement', 74.6],
  ['identified at the last inspection remain.', 74.6],
  `${bullet} Plans are late.`,
  ['Areas for improvement', 56.6, 14] as [string, number, number],
  'Leaders should reduce waiting times for assessments.',
  ['Local area partnership details', 56.6, 14] as [string, number, number],
];

const INCONSISTENT = ['The local area partnership’s arrangements lead to inconsistent experiences and outcomes for', 'children and young people with SEND.'];

it('reads bullets in a glyph not seen before, and a line of running text that reads like a heading as text', () => {
  const parsed = parseReport(report(front(INCONSISTENT, '➔')));
  expect(parsed.strengths).toEqual(['Leaders know the area well. They plan services with families.', 'Therapists work in schools.']);
  expect(parsed.weaknesses).toEqual(['Too many children wait too long for an assessment, and the delays in areas for improvement identified at the last inspection remain.', 'Plans are late.']);
  expect(parsed.improvements).toEqual([{ responsible: null, text: 'Leaders should reduce waiting times for assessments.' }]);
  expect(parsed.inspection).toEqual({ start: '2025-03-10', end: '2025-03-14' });
  expect(parsed.outcome).toBe('INCONSISTENT');
});

it('does not read "not required to prepare a priority action plan" as a plan required', () => {
  const parsed = parseReport(report(front([...INCONSISTENT, 'The local area partnership is not required to prepare a priority action plan.'], '•')));
  expect(parsed.priorityActionPlanRequired).toBe(false);
});

it('refuses an outcome that reads as two of the three, and one that reads as none', () => {
  const both = ['The arrangements lead to inconsistent experiences and outcomes. There are widespread and/or systemic failings.'];
  expect(() => parseReport(report(front(both, '•')))).toThrow(/outcome reads as more than one \(SYSTEMIC_FAILINGS, INCONSISTENT\)/);
  expect(() => parseReport(report(front(['The area is doing fine.'], '•')))).toThrow(/none of the three the framework has/);
});

it('refuses a report whose findings are missing, naming the part', () => {
  const entries = front(INCONSISTENT, '•').filter((e) => !(typeof e === 'string' && /^• (Too many|Plans)/.test(e)) && !(Array.isArray(e) && /^(areas for|identified)/.test(e[0])));
  expect(() => parseReport(report(entries))).toThrow(/cannot be found, so nothing is written for it: no finding under "What does the area partnership need to do better\?"/);
});

it('refuses a front page whose inspection dates are not one range, quoting them', () => {
  const entries = front(INCONSISTENT, '•').map((e) => (e === 'Inspection dates: 10th to 14th March 2025' ? 'Inspection dates: March 2025' : e));
  expect(() => parseReport(report(entries))).toThrow('its "Inspection dates:" line is not one date range such as "10 to 14 July 2023": "March 2025"');
});
