import type { InspectionOutcome } from '../domain/model';
import { splitAtColumn, type PdfText, type TextLine } from './pdf-text';
import { parseDateRange, type DateRange } from './report-dates';
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
  /** null: the report says the area was not inspected before. */
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

type Section = 'front' | 'outcome' | 'partnership' | 'experience' | 'effective' | 'better' | 'priority' | 'improvement' | 'end';

const HEADINGS: [Section, RegExp][] = [
  ['outcome', /^inspection outcomes?$/],
  ['partnership', /^information about the (local )?area partnership$/],
  ['experience', /^what is it like to be a child or young person/],
  ['effective', /^what is the (local )?area partnership doing that is effective\??$/],
  ['better', /^what does the (local )?area partnership need to do better\??$/],
  ['priority', /^areas? for priority action$/],
  ['improvement', /^areas? for improvement$/],
  ['end', /^(local area partnership details|information about this inspection)$/],
];

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

/** A bullet glyph or a list number at the start of a line, and what follows it. */
const BULLET = /^(?:[•◼▪●■◦‣⁃∙·\u25aa\u25fc\u25fe\uf0a7\uf0b7]|\d{1,2}[.)])\s+(.*)$/u;

const OUTCOMES: [ParsedReport['outcome'], RegExp][] = [
  ['SYSTEMIC_FAILINGS', /widespread and\/or systemic failings/],
  ['INCONSISTENT', /lead to inconsistent experiences and outcomes/],
  ['POSITIVE', /typically lead to positive experiences and outcomes/],
];

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
  const inspection = labelledDates(front, /^inspection dates?:?/i);
  if (!inspection) throw new ReportRefusal('its "Inspection dates:" line is missing or is not a date range such as "10 to 14 July 2023"');
  const previous = previousDates(front);
  const outcomeText = norm(joinText(sections.get('outcome')!.map((l) => l.text)));
  const outcome = OUTCOMES.find(([, re]) => re.test(outcomeText))?.[0];
  if (!outcome) throw new ReportRefusal(`its inspection outcome is none of the three the framework has: "${outcomeText.slice(0, 160)}"`);
  return {
    areaName: title.areaName,
    title: title.title,
    inspection,
    previous,
    outcome,
    priorityActionPlanRequired: /priority action plan/.test(outcomeText),
    partnership: paragraphs(sections.get('partnership') ?? [], pitch),
    strengths: bullets(sections.get('effective')!, pitch),
    weaknesses: bullets(sections.get('better')!, pitch),
    priorityActions: actions(sections.get('priority') ?? []),
    improvements: actions(sections.get('improvement') ?? []),
  };
}

const describe = (s: Section) =>
  ({ outcome: '"Inspection outcome"', effective: '"What is the area partnership doing that is effective?"', better: '"What does the area partnership need to do better?"' })[
    s as 'outcome'
  ] ?? s;

function readTitle(lines: readonly TextLine[]): { title: string; areaName: string } {
  const first = lines.filter((l) => l.page === 1);
  const start = first.findIndex((l) => /^area send (full )?inspection of\b/i.test(l.text));
  const parts = start < 0 ? [] : first.slice(start, start + 3).filter((l, i) => i === 0 || !/:/.test(l.text)).map((l) => l.text);
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

/** Lines by section, in reading order. A heading repeated inside its own section (a table's header) is skipped. */
function splitSections(lines: readonly TextLine[]): Map<Section, TextLine[]> {
  const out = new Map<Section, TextLine[]>();
  let current: Section = 'front';
  for (const line of lines) {
    const heading = line.cells.length === 1 ? HEADINGS.find(([, re]) => re.test(norm(line.text)))?.[0] : undefined;
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

function labelledDates(front: readonly TextLine[], label: RegExp): DateRange | null {
  for (let i = 0; i < front.length; i++) {
    if (!label.test(front[i].text)) continue;
    const value = front[i].text.replace(label, '').trim() || front[i + 1]?.text || '';
    return parseDateRange(value);
  }
  return null;
}

function previousDates(front: readonly TextLine[]): DateRange | null {
  const label = /^dates? of (the )?previous inspections?:?/i;
  const line = front.findIndex((l) => label.test(l.text));
  if (line < 0) throw new ReportRefusal('its "Date(s) of previous inspection:" line is missing');
  const value = front[line].text.replace(label, '').trim() || front[line + 1]?.text || '';
  if (/not (been )?previously inspected|no previous inspection/i.test(value)) return null;
  const range = parseDateRange(value);
  if (!range) throw new ReportRefusal(`its previous inspection's dates cannot be read: "${value}"`);
  return range;
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
      out.push([[m[1], ...line.cells.slice(1).map((c) => c.text)].join(' ')]);
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
      starts = !current || (newParagraph && !continuesList && !/^[a-z]/.test(bullet ? bullet[1] : right));
    }
    if (starts) items.push({ responsible: [], text: [], lastGlyph: false });
    const item = items[items.length - 1];
    if (left) item.responsible.push(left);
    if (right) {
      // The glyph or number that opens an item is the list's, not the inspectors' words; a list inside an item keeps its glyphs.
      item.text.push(bullet && item.text.length === 0 ? bullet[1] : right);
      if (newParagraph || starts) item.lastGlyph = !!bullet;
    }
  });
  return items
    .map((it) => ({ responsible: it.responsible.length ? joinText(it.responsible) : null, text: joinText(it.text) }))
    .filter((it) => /\p{L}/u.test(it.text));
}
