/**
 * Dates as the reports write them: "10 to 14 July 2023", "29 April to 3 May 2024",
 * "30 December 2024 to 3 January 2025", "16 May 2016", with or without ordinals ("10th") or
 * abbreviated months ("Sept").
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const TO = '\\s*(?:to|until|-|–|—|and)\\s*';

export interface DateRange {
  /** ISO dates, YYYY-MM-DD. */
  start: string;
  end: string;
}

const monthIndex = (month: string) => MONTHS.findIndex((m) => m.startsWith(month.toLowerCase().replace(/\.$/, '').slice(0, 3)));

const iso = (day: string, month: string, year: string): string | null => {
  const m = monthIndex(month);
  const d = Number(day);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m, d));
  if (m < 0 || date.getUTCDate() !== d || date.getUTCMonth() !== m) return null;
  return `${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const RANGE_SOURCE = `${DAY}(?:\\s+${MONTH})?(?:\\s+(\\d{4}))?${TO}${DAY}\\s+${MONTH}\\s+(\\d{4})`;
const SINGLE_SOURCE = `${DAY}\\s+${MONTH}\\s+(\\d{4})`;
const RANGE = new RegExp(`^${RANGE_SOURCE}$`, 'i');
const SINGLE = new RegExp(`^${SINGLE_SOURCE}$`, 'i');

function rangeOf([, d1, m1, y1, d2, m2, y2]: string[]): DateRange | null {
  const end = iso(d2, m2, y2);
  const start = iso(d1, m1 ?? m2, y1 ?? (m1 && monthIndex(m1) > monthIndex(m2) ? String(Number(y2) - 1) : y2));
  if (!start || !end || start > end) return null;
  return { start, end };
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').replace(/[.,;]$/, '').trim();

/** A range or a single day; null when the text is not one. */
export function parseDateRange(text: string): DateRange | null {
  const t = tidy(text);
  const r = RANGE.exec(t);
  if (r) return rangeOf(r);
  const s = SINGLE.exec(t);
  if (s) {
    const day = iso(s[1], s[2], s[3]);
    return day ? { start: day, end: day } : null;
  }
  return null;
}

/**
 * Every range or day written in a text, in order ("4 to 8 July 2016; revisit 10 to 12 December
 * 2018" gives two). Text that is not a date at all gives none; a date that does not exist
 * ("31 June 2019") gives null in its place, so the caller can refuse it.
 */
export function findDateRanges(text: string): (DateRange | null)[] {
  const t = tidy(text);
  const whole = parseDateRange(t);
  if (whole) return [whole];
  const out: (DateRange | null)[] = [];
  const re = new RegExp(`\\b(?:${RANGE_SOURCE}|${SINGLE_SOURCE})\\b`, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    if (m[1] !== undefined) out.push(rangeOf(m.slice(0, 7)));
    else out.push(parseDateRange(m[0]));
  }
  return out;
}

/** "15 may 2024" (the manifest's and file names' way) as an ISO date, or null. */
export const parseDay = (text: string): string | null => {
  const range = parseDateRange(text);
  return range && range.start === range.end ? range.start : null;
};
