import { badInput } from './errors';
import { SearchSyntaxError, parseSearch } from '../store/search-query';

/** Argument checks shared by the resolvers. Bounds are part of the API contract, documented in the README. */

export const MAX_PAGE_SIZE = 100;
export const MAX_SEARCH_TEXT = 500;

/** A page size: the field's @listSize(max:) bounds it (MAX_PAGE_SIZE for the few resolvers that check their own). */
export function checkFirst(value: number | null | undefined, fallback: number, argument = 'first', max = MAX_PAGE_SIZE): number {
  const first = value ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`"${argument}" must be a whole number from 0 to ${max}; got ${first}.`, argument);
  }
  return first;
}

export function checkRange(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`"${argument}" must be a whole number from ${min} to ${max}; got ${value}.`, argument);
  }
  return value;
}

export function checkSearchText(text: string): string {
  const trimmed = text.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    throw badInput('"text" must contain at least one letter or digit to search for, e.g. "EHC plans".', 'text');
  }
  if (trimmed.length > MAX_SEARCH_TEXT) {
    throw badInput(`"text" must be at most ${MAX_SEARCH_TEXT} characters; got ${trimmed.length}.`, 'text');
  }
  try {
    // The text as sent, so that "at character N" counts from what the client wrote.
    parseSearch(text);
  } catch (err) {
    if (!(err instanceof SearchSyntaxError)) throw err;
    throw badInput(`"text" cannot be read as a search: ${err.message}. Quote a phrase ("special schools"), end a prefix with * (spec*), start a word to leave out with - (-specialist), or join two with OR.`, 'text');
  }
  return trimmed;
}

const CURSOR_PREFIX = 'cursor:';
export const encodeCursor = (id: string) => Buffer.from(CURSOR_PREFIX + id, 'utf8').toString('base64url');
export function decodeCursor(cursor: string, argument = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length === CURSOR_PREFIX.length) {
    throw badInput(`"${argument}" is not a cursor this API issued; pass an endCursor from a previous page.`, argument);
  }
  return decoded.slice(CURSOR_PREFIX.length);
}

/** A position in a ranked list, as a cursor: the number of items before it. */
export const encodeOffsetCursor = (offset: number) => encodeCursor(`#${offset}`);
export function decodeOffsetCursor(cursor: string, argument = 'after'): number {
  const m = /^#(\d{1,9})$/.exec(decodeCursor(cursor, argument));
  if (!m) throw badInput(`"${argument}" is not a cursor of this list; pass an endCursor from a previous page of it.`, argument);
  return Number(m[1]);
}

/** An ISO date or prefix (`2023`, `2023-07`, `2023-07-03`) for a date filter; null when not given. */
export function checkDatePrefix(value: string | null | undefined, argument: string): string | null {
  if (value === null || value === undefined) return null;
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/.exec(value);
  if (!m) throw badInput(`"${argument}" must be a date written YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2023" or "2023-07-03"; got "${value}".`, argument);
  return value;
}
