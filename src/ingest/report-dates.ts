/** Dates as the reports write them: "10 to 14 July 2023", "29 April to 3 May 2024", "16 May 2016". */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.join('|')})`;

export interface DateRange {
  /** ISO dates, YYYY-MM-DD. */
  start: string;
  end: string;
}

const iso = (day: string, month: string, year: string): string | null => {
  const m = MONTHS.indexOf(month.toLowerCase());
  const d = Number(day);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m, d));
  if (m < 0 || date.getUTCDate() !== d || date.getUTCMonth() !== m) return null;
  return `${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const RANGE = new RegExp(`^(\\d{1,2})(?:\\s+${MONTH})?(?:\\s+(\\d{4}))?\\s*(?:to|-|–|—|and)\\s*(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})$`, 'i');
const SINGLE = new RegExp(`^(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})$`, 'i');

/** A range or a single day; null when the text is not one. */
export function parseDateRange(text: string): DateRange | null {
  const t = text.replace(/\s+/g, ' ').replace(/[.,]$/, '').trim();
  const r = RANGE.exec(t);
  if (r) {
    const [, d1, m1, y1, d2, m2, y2] = r;
    const end = iso(d2, m2, y2);
    const start = iso(d1, m1 ?? m2, y1 ?? (m1 && MONTHS.indexOf(m1.toLowerCase()) > MONTHS.indexOf(m2.toLowerCase()) ? String(Number(y2) - 1) : y2));
    if (!start || !end || start > end) return null;
    return { start, end };
  }
  const s = SINGLE.exec(t);
  if (s) {
    const day = iso(s[1], s[2], s[3]);
    return day ? { start: day, end: day } : null;
  }
  return null;
}

/** "15 may 2024" (the manifest's and file names' way) as an ISO date, or null. */
export const parseDay = (text: string): string | null => {
  const range = parseDateRange(text);
  return range && range.start === range.end ? range.start : null;
};
