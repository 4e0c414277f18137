import type { InspectionOutcome } from '../domain/model';
import { splitAtColumn, type PdfText, type TextLine } from './pdf-text';
import { findDateRanges, type DateRange } from './report-dates';
import { blockBreak, endsSentence, joinText, linePitch, paragraphGap, startsSentence, withoutFurniture } from './report-layout';

/**
 * Reads the outline every full area SEND inspection report (2023 framework) follows: title,
 * dates, outcome, the partnership, the bullets of what works and what must be better, and the
 * areas for priority action and for improvement with who is responsible.
 */

export interface ReportAction {
  /** The "Responsible body" cell, when the report has one. */
  responsible: string | null;
  text: string;
}

export interface ParsedReport {
  /** As the title writes it: "Area SEND inspection of <name> Local Area Partnership". */
  areaName: string;
  title: string;
  inspection: DateRange;
  /** The latest of the earlier inspections (or revisits) the report dates; null: the report says there was none. */
  previous: DateRange | null;
  outcome: Extract<InspectionOutcome, 'POSITIVE' | 'INCONSISTENT' | 'SYSTEMIC_FAILINGS'>;
  priorityActionPlanRequired: boolean;
  /** "Information about the local area partnership", paragraph by paragraph. */
  partnership: string[];
  strengths: string[];
  weaknesses: string[];
  priorityActions: ReportAction[];
  improvements: ReportAction[];
}

/** Why a PDF is not a report this reader can take, in words the user can act on. */
export class ReportRefusal extends Error {}

/** The refusal of a report missing parts every report of the template has, naming them, rather than writing it without them. */
export const missingParts = (parts: readonly string[]) => new ReportRefusal(`part of the report cannot be found, so nothing is written for it: ${parts.join('; ')}`);

type Section = 'front' | 'outcome' | 'partnership' | 'experience' | 'effective' | 'better' | 'priority' | 'improvement' | 'end';

const HEADINGS: [Section, RegExp][] = [
  ['outcome', /^inspection outcomes?$/],
  ['partnership', /^information about the (local )?area partnership$/],
  ['experience', /^what is it like to be a child or young person/],
  ['effective', /^what is the (local )?area partnership doing that is effective\??$/],
  ['better', /^what does the (local )?area partnership need to do better\??$/],
  ['priority', /^areas? for priority actions?$/],
  ['improvement', /^areas? for improvement$/],
  ['end', /^(local area partnership details|information about this inspection)$/],
];

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

/**
 * A bullet glyph or a list number at the start of a line, and what follows it (nothing when the
 * glyph sits in a cell of its own, the text a column gap further right). Any symbol (squares,
 * arrows, ticks) or private-use glyph (Wingdings' bullets) counts, so that a bullet in a glyph not
 * seen before is not run into the one before it.
 */
const BULLET = /^(?:[•◼▪●■◦‣⁃∙·\p{So}\p{Co}]|\d{1,2}[.)])(?:\s+(.*))?$/u;

/** The framework's three outcomes, as its template words them (tolerating "leads", "or", "widespread/systemic"). */
const OUTCOMES: [ParsedReport['outcome'], RegExp][] = [
  ['SYSTEMIC_FAILINGS', /widespread (and\/or|and|or|\/) ?systemic failings/],
  ['INCONSISTENT', /leads? to inconsistent experiences and outcomes/],
  ['POSITIVE', /(typically|generally) leads? to positive experiences and outcomes/],
];

const INSPECTION_DATES = /^(?:inspection dates?|dates? of (?:the )?inspection)\s*:?\s*/i;
const PREVIOUS_DATES = /^(?:dates? of (?:the )?previous (?:inspections?|revisits?)|previous inspection dates?|dates? of (?:the )?(?:previous )?revisit)\s*:?\s*/i;
const NONE_BEFORE = /not (been )?previously inspected|no previous (inspection|revisit)|^(none|not applicable|n\/a)\.?$|first (area send )?inspection/i;

export function parseReport(pdf: PdfText): ParsedReport {
  if (pdf.lines.length === 0) throw new ReportRefusal('it has no text (a scanned image or an empty document); only reports with a text layer can be read');
  const lines = withoutFurniture(pdf.lines, pdf.pageHeight);
  const title = readTitle(lines);
  const sections = splitSections(lines);
  const missing = (['outcome', 'effective', 'better'] as Section[]).filter((s) => !sections.has(s));
  if (missing.length) {
    throw new ReportRefusal(
      `it is an area SEND report but not a full inspection report of the 2023 framework: it has no ${missing.map(describe).join(', no ')} section ` +
        '(monitoring inspection letters and 2016-framework letters have other outlines)',
    );
  }
  const pitch = linePitch(lines);
  const front = sections.get('front') ?? [];
  const inspection = inspectionDates(front);
  const previous = previousDates(front);
  const outcomeText = norm(joinText(sections.get('outcome')!.map((l) => l.text)));
  const outcomes = OUTCOMES.filter(([, re]) => re.test(outcomeText)).map(([o]) => o);
  if (outcomes.length !== 1) {
    throw new ReportRefusal(
      `its inspection outcome ${outcomes.length ? `reads as more than one (${outcomes.join(', ')})` : 'is none of the three the framework has'}: "${outcomeText.slice(0, 160)}"`,
    );
  }
  const report: ParsedReport = {
    areaName: title.areaName,
    title: title.title,
    inspection,
    previous,
    outcome: outcomes[0],
    priorityActionPlanRequired: /priority action plan/.test(outcomeText) && !/\bnot (be )?(required|asked) to (prepare|submit)[^.]*priority action plan/.test(outcomeText),
    partnership: paragraphs(sections.get('partnership') ?? [], pitch),
    strengths: bullets(sections.get('effective')!, pitch),
    weaknesses: bullets(sections.get('better')!, pitch),
    priorityActions: actions(sections.get('priority') ?? []),
    improvements: actions(sections.get('improvement') ?? []),
  };
  refuseIfPartial(report);
  return report;
}

/** A report missing a part every report of the template has is refused, naming the part, rather than written without it. */
function refuseIfPartial(report: ParsedReport): void {
  const missing = [
    report.partnership.length === 0 && 'no "Information about the local area partnership" section',
    report.strengths.length === 0 && 'no finding under "What is the area partnership doing that is effective?"',
    report.weaknesses.length === 0 && 'no finding under "What does the area partnership need to do better?"',
    report.priorityActions.length + report.improvements.length === 0 && 'no action under "Areas for priority action" or "Areas for improvement"',
    report.priorityActionPlanRequired && report.priorityActions.length === 0 && 'no "Areas for priority action", though its outcome requires a priority action plan',
  ].filter((m): m is string => !!m);
  if (missing.length) throw missingParts(missing);
}

const describe = (s: Section) =>
  ({ outcome: '"Inspection outcome"', effective: '"What is the area partnership doing that is effective?"', better: '"What does the area partnership need to do better?"' })[
    s as 'outcome'
  ] ?? s;

function readTitle(lines: readonly TextLine[]): { title: string; areaName: string } {
  const first = lines.filter((l) => l.page === 1);
  const start = first.findIndex((l) => /^area send (full )?inspection of\b/i.test(l.text));
  // A long area name in the cover's large type wraps over up to four lines.
  const parts = start < 0 ? [] : first.slice(start, start + 4).filter((l, i) => i === 0 || !/:/.test(l.text)).map((l) => l.text);
  let title = '';
  let m: RegExpExecArray | null = null;
  for (const part of parts) {
    title = joinText([title, part]);
    m = /^Area SEND (?:full )?inspection of (?:the )?(.+?) Local Area Partnership\b/i.exec(title);
    if (m) break;
  }
  if (!m) {
    throw new ReportRefusal(
      `it is not an area SEND inspection report: its first page has no title "Area SEND inspection of <area> Local Area Partnership"${title ? ` (it reads "${title.slice(0, 100)}")` : ''}`,
    );
  }
  return { title: `Area SEND inspection of ${m[1]} Local Area Partnership`, areaName: m[1].trim() };
}

const headingOf = (text: string) => HEADINGS.find(([, re]) => re.test(norm(text)))?.[0];

/**
 * The heading a line starts, and how many lines it takes: one, or two when a heading wraps (both
 * lines in the same type, larger than the text's, and neither a heading alone).
 */
function headingAt(lines: readonly TextLine[], i: number, textSize: number): [Section, number] | undefined {
  const line = lines[i];
  // A heading is one cell starting with a capital: a line of running text that happens to read "areas for improvement" is not one.
  if (line.cells.length !== 1 || !/^[A-Z]/.test(line.text)) return undefined;
  const one = headingOf(line.text);
  if (one) return [one, 1];
  const next = lines[i + 1];
  if (!next || next.cells.length !== 1 || next.page !== line.page || line.size <= textSize || next.size !== line.size) return undefined;
  const two = headingOf(joinText([line.text, next.text]));
  return two ? [two, 2] : undefined;
}

/** The size of most of the text. */
function textSizeOf(lines: readonly TextLine[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(l.size, (counts.get(l.size) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 12;
}

/** Lines by section, in reading order. A heading repeated inside its own section (a table's header) is skipped. */
function splitSections(lines: readonly TextLine[]): Map<Section, TextLine[]> {
  const out = new Map<Section, TextLine[]>();
  const textSize = textSizeOf(lines);
  let current: Section = 'front';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const found = headingAt(lines, i, textSize);
    const heading = found?.[0];
    if (found) i += found[1] - 1;
    if (heading) {
      if (heading !== current && !out.has(heading)) {
        current = heading;
        out.set(current, []);
      }
      continue;
    }
    if (current === 'end') continue;
    if (!out.has(current)) out.set(current, []);
    out.get(current)!.push(line);
  }
  out.delete('end');
  return out;
}

/**
 * The value of a labelled front-page line: the rest of the line, and the next line when the
 * value wraps onto it or sits there alone (a line that is another label is not a value).
 */
function labelledValues(front: readonly TextLine[], label: RegExp): string[] {
  const isLabel = (t: string) => INSPECTION_DATES.test(t) || PREVIOUS_DATES.test(t);
  const out: string[] = [];
  front.forEach((line, i) => {
    if (!label.test(line.text)) return;
    const rest = line.text.replace(label, '').trim();
    const next = front[i + 1] && front[i + 1].page === line.page && !isLabel(front[i + 1].text) ? front[i + 1].text : '';
    const dated = (t: string) => findDateRanges(t).length > 0 || NONE_BEFORE.test(t);
    if (!rest) out.push(next);
    else if (next && /\b(to|and|–|-)$/.test(rest) && dated(`${rest} ${next}`)) out.push(`${rest} ${next}`);
    else out.push(rest);
  });
  return out;
}

function inspectionDates(front: readonly TextLine[]): DateRange {
  const [value] = labelledValues(front, INSPECTION_DATES);
  const ranges = value === undefined ? [] : findDateRanges(value);
  if (ranges.length !== 1 || !ranges[0]) {
    throw new ReportRefusal(
      value === undefined
        ? 'its "Inspection dates:" line is missing'
        : `its "Inspection dates:" line is not one date range such as "10 to 14 July 2023": "${value}"`,
    );
  }
  return ranges[0];
}

/** The latest inspection or revisit before this one the front page dates (a revisit follows the inspection it revisits). */
function previousDates(front: readonly TextLine[]): DateRange | null {
  const values = labelledValues(front, PREVIOUS_DATES);
  if (values.length === 0) throw new ReportRefusal('its "Date(s) of previous inspection:" line is missing');
  const ranges: DateRange[] = [];
  for (const value of values) {
    if (NONE_BEFORE.test(value)) continue;
    const found = findDateRanges(value);
    if (found.length === 0 || found.some((r) => r === null)) throw new ReportRefusal(`its previous inspection's dates cannot be read: "${value}"`);
    ranges.push(...(found as DateRange[]));
  }
  return ranges.sort((a, b) => (a.start < b.start ? -1 : 1)).pop() ?? null;
}

/** Paragraphs: lines joined until a wider gap. */
function paragraphs(lines: readonly TextLine[], pitch: number): string[] {
  const out: string[][] = [];
  lines.forEach((l, i) => {
    if (i === 0 || paragraphGap(lines[i - 1], l, pitch) || startsAfterPageBreak(lines, i)) out.push([]);
    out[out.length - 1].push(l.text);
  });
  return out.map(joinText);
}

/** A line at the top of a new page starts a paragraph when the text before it ended a sentence and it starts one. */
function startsAfterPageBreak(lines: readonly TextLine[], i: number): boolean {
  if (i === 0 || lines[i].page === lines[i - 1].page) return false;
  return (endsSentence(lines[i - 1].text) || /:$/.test(lines[i - 1].text)) && startsSentence(lines[i].text);
}

/**
 * One text per bullet: a bullet runs from its glyph to the next glyph at the same indent,
 * across page breaks. A glyph further right is a list inside the bullet, kept in it.
 */
function bullets(lines: readonly TextLine[], pitch: number): string[] {
  const glyphX = lines.filter((l) => BULLET.test(l.cells[0].text)).map((l) => l.cells[0].x);
  if (glyphX.length === 0) return paragraphs(lines, pitch);
  const indent = Math.min(...glyphX);
  const out: string[][] = [];
  for (const line of lines) {
    const m = BULLET.exec(line.cells[0].text);
    if (m && line.cells[0].x <= indent + 4) {
      out.push([[m[1] ?? '', ...line.cells.slice(1).map((c) => c.text)].join(' ')]);
    } else if (out.length) {
      out[out.length - 1].push(line.text); // a list inside the bullet keeps its glyphs
    }
    // Text before the first bullet is an introduction, not a finding.
  }
  return out.map(joinText).filter((t) => /\p{L}/u.test(t));
}

/** Where a two-column table's second column starts: the most common start of a second cell. */
function secondColumn(lines: readonly TextLine[]): number | null {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.cells.length >= 2) counts.set(Math.round(l.cells[1].x), (counts.get(Math.round(l.cells[1].x)) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return best && best[1] >= 2 ? best[0] : null;
}

const RESPONSIBLE_HEADER = /^responsible bod(y|ies)\b/i;
const CONTINUES = /(:|;|;? and|;? or|,)$/;

/**
 * Areas for priority action or improvement: rows of a table whose first column names the
 * responsible bodies, or paragraphs (numbered, bulleted or plain) with no such column.
 */
function actions(lines: readonly TextLine[]): ReportAction[] {
  const body = lines.filter((l) => !RESPONSIBLE_HEADER.test(l.text) && !/^areas? for (priority action|improvement)$/i.test(l.text));
  const pitch = linePitch(body);
  const column = lines.some((l) => RESPONSIBLE_HEADER.test(l.text)) ? secondColumn(body) : null;
  const items: { responsible: string[]; text: string[]; lastGlyph: boolean }[] = [];
  body.forEach((line, i) => {
    const [left, right] = column !== null ? splitAtColumn(line, column) : ['', line.text];
    const prev = body[i - 1];
    const current = items[items.length - 1];
    const newParagraph = !prev || blockBreak(prev, line, pitch) || startsAfterPageBreak(body, i);
    const bullet = BULLET.exec(right);
    let starts: boolean;
    if (column !== null) {
      // A table row starts where the responsible-body cell starts again.
      // A table row starts where both cells start on one line, after a row that ended.
      const prevLeft = prev ? splitAtColumn(prev, column)[0] : '';
      const ended = current ? /[.!?:]["”’)]?$/.test(joinText(current.text)) : true;
      starts =
        !current ||
        (left !== '' && startsSentence(right) && (ended || prevLeft === '') && (!prev || prev.page !== line.page || prev.y - line.y > pitch + 0.3 || prevLeft === ''));
    } else {
      const before = current ? joinText(current.text) : '';
      const continuesList = current && (CONTINUES.test(before) || (bullet && current.lastGlyph && !/[.!?]$/.test(before)));
      starts = !current || (newParagraph && !continuesList && !/^[a-z]/.test(bullet ? bullet[1] ?? '' : right));
    }
    if (starts) items.push({ responsible: [], text: [], lastGlyph: false });
    const item = items[items.length - 1];
    if (left) item.responsible.push(left);
    if (right) {
      // The glyph or number that opens an item is the list's, not the inspectors' words; a list inside an item keeps its glyphs.
      item.text.push(bullet && item.text.length === 0 ? bullet[1] ?? '' : right);
      if (newParagraph || starts) item.lastGlyph = !!bullet;
    }
  });
  return items
    .map((it) => ({ responsible: it.responsible.length ? joinText(it.responsible) : null, text: joinText(it.text) }))
    .filter((it) => /\p{L}/u.test(it.text));
}
