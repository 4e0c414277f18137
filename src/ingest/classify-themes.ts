import { FALLBACK_THEME, THEME_RULES, type ThemeRule } from './theme-rules';

/**
 * Puts a finding under themes by the rules in theme-rules.ts, and says why.
 *
 * A bullet's first sentence names its subject; the rest is evidence and consequence, where other
 * themes come up in passing. So each theme is scored: every distinct term of its rule that the
 * bullet uses counts (STRONG or WEAK), FIRST_SENTENCE times as much when the first sentence uses
 * it, and each further sentence that uses any of the rule's terms adds SPREAD (a theme the bullet
 * keeps returning to is what it is about). A theme needs a strong term or two weak ones; of the
 * themes that have them, the best are kept: at most MAX_THEMES, none under RELATIVE_SCORE of the
 * best one's score. Each assignment names its rule, the words that fired it (marking those of the
 * first sentence), how many sentences use them, and its score.
 */

export interface MachineAssignment {
  theme: string;
  reason: string;
}

/** What the ingester and eval-themes need of a classifier: themes for a text, never one of `excluded`. */
export interface ThemeAssigner {
  classify(text: string, excluded?: ReadonlySet<string>): MachineAssignment[];
}

const STRONG = 2;
const WEAK = 1;
const FIRST_SENTENCE = 2;
const SPREAD = 1;
const MAX_THEMES = 3;
const RELATIVE_SCORE = 0.5;

interface CompiledRule {
  theme: string;
  strong: RegExp[];
  weak: RegExp[];
}

/** A term as the bullet used it: the words, and whether its first sentence has them. */
interface Hit {
  words: string;
  first: boolean;
  at: number;
}

export interface Fired {
  theme: string;
  score: number;
  strong: Hit[];
  weak: Hit[];
  sentences: number;
}

const compile = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${term})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * Lower case, one kind of apostrophe, and "education, health and care" (the plans' and the
 * services' stock phrase) as "ehc", so that it does not read as a mention of health or social care.
 */
export const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/['‘`]/g, '’')
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/education,? health and (?:social )?care(?= (?:needs assessments?|plans?|ehc))/g, 'ehc')
    .replace(/education,? health and (?:social )?care/g, 'education-health-care');

/** Sentences end at a full stop, question or exclamation mark that a capital or a digit follows. */
export const splitSentences = (text: string) => text.trim().split(/(?<=[.!?]["’”)]?)\s+(?=["‘“(]?[A-Z0-9])/);

export class ThemeClassifier implements ThemeAssigner {
  private readonly rules: CompiledRule[];

  constructor(rules: readonly ThemeRule[] = THEME_RULES, knownThemes?: ReadonlySet<string>) {
    const unknown = knownThemes ? rules.filter((r) => !knownThemes.has(r.theme)).map((r) => r.theme) : [];
    if (unknown.length) throw new Error(`the classifier's rules name themes the taxonomy does not have: ${unknown.join(', ')}`);
    this.rules = rules.map((r) => ({ theme: r.theme, strong: r.strong.map(compile), weak: (r.weak ?? []).map(compile) }));
  }

  /** Every theme whose rule fires on the text, the best first, with its score (before the best are kept). */
  fire(text: string, excluded: ReadonlySet<string> = new Set()): Fired[] {
    const sentences = splitSentences(text).map(normalise);
    const fired: Fired[] = [];
    for (const rule of this.rules) {
      if (excluded.has(rule.theme)) continue;
      const strong = matches(sentences, rule.strong);
      // One phrase counts once: "health" is not a second term beside "health professionals".
      const weak = matches(sentences, rule.weak).filter((w, _, all) => ![...strong, ...all].some((o) => o !== w && o.words.includes(w.words)));
      if (strong.length === 0 && weak.length < 2) continue;
      const spread = sentences.filter((s) => [...rule.strong, ...rule.weak].some((p) => test(p, s))).length;
      const score = weigh(strong, STRONG) + weigh(weak, WEAK) + SPREAD * Math.max(0, spread - 1);
      fired.push({ theme: rule.theme, score, strong, weak, sentences: spread });
    }
    return fired.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
  }

  classify(text: string, excluded: ReadonlySet<string> = new Set()): MachineAssignment[] {
    const fired = this.fire(text, excluded);
    const best = fired[0]?.score ?? 0;
    const kept = fired.filter((f, i) => i < MAX_THEMES && f.score >= best * RELATIVE_SCORE);
    if (kept.length === 0) {
      return excluded.has(FALLBACK_THEME) ? [] : [{ theme: FALLBACK_THEME, reason: `fallback: no rule matched, so the finding is taken to be about the partnership's leaders` }];
    }
    return kept.map((f) => ({ theme: f.theme, reason: describe(f) }));
  }
}

function test(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

const weigh = (hits: readonly Hit[], weight: number) => hits.reduce((n, h) => n + weight * (h.first ? FIRST_SENTENCE : 1), 0);

/** The distinct words each pattern matched (in the first sentence when it has them), in the order they occur. */
function matches(sentences: readonly string[], patterns: readonly RegExp[]): Hit[] {
  const found: Hit[] = [];
  for (const p of patterns) {
    let offset = 0;
    for (const [i, s] of sentences.entries()) {
      p.lastIndex = 0;
      const m = p.exec(s);
      if (m) {
        if (!found.some((f) => f.words === m[0])) found.push({ words: m[0], first: i === 0, at: offset + m.index });
        break;
      }
      offset += s.length + 1;
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

const quoteAll = (hits: readonly Hit[]) => hits.map((h) => `"${h.words}"${h.first ? ' (first sentence)' : ''}`).join(', ');

function describe(f: Fired): string {
  const parts = [];
  if (f.strong.length) parts.push(`terms ${quoteAll(f.strong)}`);
  if (f.weak.length) parts.push(`${f.strong.length ? 'and weaker terms' : 'weaker terms'} ${quoteAll(f.weak)}`);
  const spread = f.sentences > 1 ? ` in ${f.sentences} sentences` : '';
  return `rule ${f.theme}: ${parts.join(' ')}${spread}; score ${f.score}`;
}
