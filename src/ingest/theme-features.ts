import { searchTerms } from '../store/search-text';
import { normalise, splitSentences, ThemeClassifier } from './classify-themes';

/**
 * What the theme model reads of a bullet: the stemmed terms search indexes (search-text.ts, Porter
 * stems less Lucene's stop words), the pairs of neighbouring terms ("ehc plan", "speech languag"),
 * the terms of the first sentence again marked `first:` (it names the bullet's subject), and,
 * when the rules are given, `rule:THEME` for each theme the hand-written rules give it,
 * `rule-fired:THEME` for each whose rule fires at all and `rule-best:THEME` for the best scored.
 * Each feature is present or absent: a set, in a stable order.
 */

export const FIRST = 'first:';
/** The rules' features all begin `rule`. */
export const RULE = 'rule:';
export const RULE_FIRED = 'rule-fired:';
export const RULE_BEST = 'rule-best:';
export const isRuleFeature = (f: string) => f.startsWith('rule');

export function themeFeatures(text: string, rules?: ThemeClassifier): string[] {
  const sentences = splitSentences(text).map(normalise);
  const out = new Set<string>();
  for (const [i, sentence] of sentences.entries()) {
    const terms = searchTerms(sentence);
    for (const [j, t] of terms.entries()) {
      out.add(t);
      if (j > 0) out.add(`${terms[j - 1]} ${t}`);
      if (i === 0) out.add(FIRST + t);
    }
  }
  if (rules) {
    for (const a of rules.classify(text)) if (!a.reason.startsWith('fallback')) out.add(RULE + a.theme);
    for (const [i, f] of rules.fire(text).entries()) out.add(`${i === 0 ? RULE_BEST : RULE_FIRED}${f.theme}`);
  }
  return [...out];
}
