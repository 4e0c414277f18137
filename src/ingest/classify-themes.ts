import { FALLBACK_THEME, THEME_RULES, type ThemeRule } from './theme-rules';

/**
 * Puts a finding under themes by the rules in theme-rules.ts, and says why: each assignment
 * names its rule and the words of the finding that fired it. A theme fires on one strong term,
 * or two weak ones; of those that fire, the strongest are kept (at most MAX_THEMES, and none
 * far weaker than the first), so that a passing mention does not make a theme.
 */

export interface MachineAssignment {
  theme: string;
  reason: string;
}

const MAX_THEMES = 3;
/** A theme is kept when its score is at least this share of the best theme's. */
const RELATIVE_SCORE = 0.5;

interface CompiledRule {
  theme: string;
  strong: RegExp[];
  weak: RegExp[];
}

const compile = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${term})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * Lower case, one kind of apostrophe, and "education, health and care" (the plans' and the
 * services' stock phrase) as "ehc", so that it does not read as a mention of health or social care.
 */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/['‘`]/g, '’')
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/education,? health and (?:social )?care(?= (?:needs assessments?|plans?|ehc))/g, 'ehc')
    .replace(/education,? health and (?:social )?care/g, 'education-health-care');

export class ThemeClassifier {
  private readonly rules: CompiledRule[];

  constructor(rules: readonly ThemeRule[] = THEME_RULES, knownThemes?: ReadonlySet<string>) {
    const unknown = knownThemes ? rules.filter((r) => !knownThemes.has(r.theme)).map((r) => r.theme) : [];
    if (unknown.length) throw new Error(`the classifier's rules name themes the taxonomy does not have: ${unknown.join(', ')}`);
    this.rules = rules.map((r) => ({ theme: r.theme, strong: r.strong.map(compile), weak: (r.weak ?? []).map(compile) }));
  }

  classify(text: string, excluded: ReadonlySet<string> = new Set()): MachineAssignment[] {
    const t = normalise(text);
    const fired: { theme: string; score: number; strong: string[]; weak: string[] }[] = [];
    for (const rule of this.rules) {
      if (excluded.has(rule.theme)) continue;
      const strong = matches(t, rule.strong);
      const weak = matches(t, rule.weak).filter((w) => !strong.some((s) => s.includes(w)));
      if (strong.length === 0 && weak.length < 2) continue;
      fired.push({ theme: rule.theme, score: 2 * strong.length + weak.length, strong, weak });
    }
    fired.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
    const best = fired[0]?.score ?? 0;
    const kept = fired.filter((f, i) => i < MAX_THEMES && f.score >= best * RELATIVE_SCORE);
    if (kept.length === 0) {
      return excluded.has(FALLBACK_THEME) ? [] : [{ theme: FALLBACK_THEME, reason: `fallback: no rule matched, so the finding is taken to be about the partnership's leaders` }];
    }
    return kept.map((f) => ({ theme: f.theme, reason: describe(f.theme, f.strong, f.weak) }));
  }
}

/** The distinct words each pattern matched, in the order they first occur. */
function matches(text: string, patterns: readonly RegExp[]): string[] {
  const found: { at: number; words: string }[] = [];
  for (const p of patterns) {
    p.lastIndex = 0;
    const m = p.exec(text);
    if (m && !found.some((f) => f.words === m[0])) found.push({ at: m.index, words: m[0] });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.words);
}

const quoteAll = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

function describe(theme: string, strong: readonly string[], weak: readonly string[]): string {
  const parts = [];
  if (strong.length) parts.push(`terms ${quoteAll(strong)}`);
  if (weak.length) parts.push(`${strong.length ? 'and weaker terms' : 'weaker terms'} ${quoteAll(weak)}`);
  return `rule ${theme}: ${parts.join(' ')}`;
}
