import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Writes a full area SEND inspection report (2023 framework) as Ofsted lays it out: a cover with
 * the title, dates and outcome, then the sections, bullets with a hanging indent, actions in a
 * "Responsible body" table or as paragraphs, and a running header and footer on every page. The
 * text flows over as many A4 pages as it needs, so bullets cross page breaks as in the real ones.
 */

export interface ActionSpec {
  /** The "Responsible body" cell; without one the actions are paragraphs. */
  responsible?: string;
  text: string;
}

export interface ReportSpec {
  /** The area as the title writes it. */
  area: string;
  /** The front page's labelled lines ("Inspection dates: ...", "Dates of previous inspection: ..."). */
  front: string[];
  outcome: string[];
  partnership: string[];
  experience: string[];
  strengths: string[];
  weaknesses: string[];
  priorityActions?: ActionSpec[];
  improvements: ActionSpec[];
  /** The PDF's creation day, YYYY-MM-DD. */
  createdOn: string;
  layout?: {
    /** Headings this large wrap over two lines. */
    headingSize?: number;
    /** Where the running footer sits (points from the bottom); the default is inside the bottom margin. */
    footerY?: number;
    /** The distance from the bullet glyph to its text. */
    bulletIndent?: number;
    /** Start this weakness (0-based) low on a page, so that it runs over the page break. */
    breakInsideWeakness?: number;
  };
}

export interface BuiltReport {
  bytes: Uint8Array;
  pageCount: number;
  /** The bullets whose text runs over a page break. */
  splitBullets: string[];
}

const A4: [number, number] = [595.28, 841.89];
const LEFT = 56.6;
const WIDTH = 480;
const TOP = 750;
const BOTTOM = 80;
const PITCH = 14.5;
const TEXT = 12;

class Writer {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  y = TOP;

  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = TOP;
  }

  get pageNumber(): number {
    return this.pages.length;
  }

  wrap(text: string, width: number, size: number, font = this.regular): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  }

  /** One line at the current height, on a new page when the page is full. */
  line(text: string, x: number, size = TEXT, font = this.regular): void {
    if (this.y < BOTTOM) this.newPage();
    this.page.drawText(text, { x, y: this.y, size, font });
    this.y -= size === TEXT ? PITCH : size * 1.25;
  }

  gap(points: number): void {
    this.y -= points;
  }

  paragraph(text: string, x = LEFT, width = WIDTH): void {
    for (const l of this.wrap(text, width, TEXT)) this.line(l, x);
    this.gap(PITCH);
  }

  heading(text: string, size: number): void {
    const lines = this.wrap(text, WIDTH, size, this.bold);
    if (this.y - lines.length * size * 1.25 - 3 * PITCH < BOTTOM) this.newPage();
    else this.gap(PITCH);
    for (const l of lines) this.line(l, LEFT, size, this.bold);
    this.gap(PITCH);
  }

  /** A bullet; whether its text ran over a page break. */
  bullet(text: string, indent: number): boolean {
    const [first, ...rest] = this.wrap(text, WIDTH - indent, TEXT);
    if (this.y < BOTTOM) this.newPage();
    const page = this.pageNumber;
    this.page.drawText('•', { x: LEFT, y: this.y, size: TEXT, font: this.regular });
    this.line(first, LEFT + indent);
    for (const l of rest) this.line(l, LEFT + indent);
    this.gap(PITCH / 2);
    return this.pageNumber !== page;
  }

  /** A row of a two-column table, kept on one page. */
  row(left: string, right: string): void {
    const l = this.wrap(left, 140, TEXT);
    const r = this.wrap(right, 310, TEXT);
    const height = Math.max(l.length, r.length) * PITCH;
    if (this.y - height < BOTTOM) this.newPage();
    for (let i = 0; i < Math.max(l.length, r.length); i++) {
      if (l[i]) this.page.drawText(l[i], { x: 62.4, y: this.y, size: TEXT, font: this.regular });
      if (r[i]) this.page.drawText(r[i], { x: 223.6, y: this.y, size: TEXT, font: this.regular });
      this.y -= PITCH;
    }
    this.gap(6.5);
  }
}

export async function reportPdf(spec: ReportSpec): Promise<BuiltReport> {
  const doc = await PDFDocument.create();
  const created = new Date(`${spec.createdOn}T09:00:00Z`);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  doc.setTitle(`Area SEND inspection of ${spec.area} Local Area Partnership`);
  doc.setProducer('send-graph test fixture');
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const headingSize = spec.layout?.headingSize ?? 14;
  const indent = spec.layout?.bulletIndent ?? 18;
  const splitBullets: string[] = [];

  w.y = 690;
  for (const l of w.wrap(`Area SEND inspection of ${spec.area} Local Area Partnership`, WIDTH, 26, w.bold)) w.line(l, LEFT, 26, w.bold);
  w.gap(8);
  for (const f of spec.front) w.line(f, LEFT);
  w.heading('Inspection outcome', headingSize);
  spec.outcome.forEach((p) => w.paragraph(p, 62.7));
  w.heading('Information about the local area partnership', headingSize);
  spec.partnership.forEach((p) => w.paragraph(p));
  w.heading('What is it like to be a child or young person with special educational needs and/or disabilities (SEND) in this area?', headingSize);
  spec.experience.forEach((p) => w.paragraph(p));
  w.heading('What is the area partnership doing that is effective?', headingSize);
  for (const s of spec.strengths) if (w.bullet(s, indent)) splitBullets.push(s);
  w.heading('What does the area partnership need to do better?', headingSize);
  spec.weaknesses.forEach((s, i) => {
    if (i === spec.layout?.breakInsideWeakness) w.y = Math.min(w.y, BOTTOM + PITCH);
    if (w.bullet(s, indent)) splitBullets.push(s);
  });
  const actions = (title: string, items: ActionSpec[]) => {
    w.heading(title, headingSize);
    if (items.some((a) => a.responsible)) {
      w.row('Responsible body', title);
      for (const a of items) w.row(a.responsible ?? '', a.text);
    } else {
      for (const a of items) w.paragraph(a.text, 62.4, WIDTH - 6);
    }
  };
  if (spec.priorityActions?.length) actions('Areas for priority action', spec.priorityActions);
  if (spec.improvements.length) actions('Areas for improvement', spec.improvements);
  w.heading('Local area partnership details', headingSize);
  w.row('Local authority', 'Health commissioning body');
  w.row(`${spec.area} Council`, 'Integrated care board');

  // The running header and footer, on every page but the cover's header.
  const pageCount = w.pages.length;
  const footerY = spec.layout?.footerY ?? 30;
  const dates = spec.front[0].replace(/^[^:]*:\s*/, '');
  w.pages.forEach((page, i) => {
    if (i > 0) page.drawText(`Area SEND inspection report: ${spec.area} Local Area Partnership`, { x: 59.6, y: 812, size: 10, font: w.regular });
    page.drawText(`${dates}`, { x: 59.6, y: footerY - 10, size: footerY > 56 ? 11 : 10, font: w.regular });
    page.drawText(`Page ${i + 1} of ${pageCount}`, { x: 480, y: footerY, size: 11, font: w.regular });
  });
  return { bytes: await doc.save(), pageCount, splitBullets };
}
