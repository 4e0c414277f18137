import { ThemeClassifier } from '../../src/ingest/classify-themes';
import { FALLBACK_THEME, THEME_RULES } from '../../src/ingest/theme-rules';

/** The theme classifier on inspectors' bullets: what it gives, and the reasons it records. */

const classifier = new ThemeClassifier();
const themesOf = (text: string) => classifier.classify(text).map((a) => a.theme);

// Hertfordshire's report (2023), weakness 15.
const HERTS_WEAKNESS_15 =
  'The work to improve the systems and processes to support more effective EHC planning and review has been too slow. Too many parents wait too long for draft EHC plans to be finalised. When plans are issued, too often they contain errors and inaccuracies that do not reflect the discussions that have taken place, or do not take account of the responses from parents and carers and/or practitioners to improve the accuracy of the draft plan.';

describe('ThemeClassifier', () => {
  it('puts a bullet about slow, inaccurate EHC plans under EHC plans, not health services', () => {
    expect(themesOf(HERTS_WEAKNESS_15)).toEqual(['ehc-plan-quality', 'ehc-timeliness']);
  });

  it('records the rule, the words that fired it, which of them the first sentence has, and the score', () => {
    expect(classifier.classify(HERTS_WEAKNESS_15)).toEqual([
      { theme: 'ehc-plan-quality', reason: 'rule ehc-plan-quality: weaker terms "ehc planning" (first sentence), "ehc plans" in 2 sentences; score 4' },
      { theme: 'ehc-timeliness', reason: 'rule ehc-timeliness: terms "draft ehc plans" in 2 sentences; score 3' },
    ]);
  });

  it('does not read "leaders" as the subject: leaders act in most bullets', () => {
    const text = 'Leaders have increased the number of short breaks available to families. Parents value the respite they provide.';
    expect(themesOf(text)).toEqual(['short-breaks']);
  });

  it('weighs the first sentence above a passing mention later on', () => {
    const text = 'Children and young people wait too long for speech and language therapy. Some of them are educated in alternative provision while they wait.';
    expect(themesOf(text)).toEqual(['access-to-health-services']);
    const reason = classifier.classify(text)[0].reason;
    expect(reason).toMatch(/^rule access-to-health-services: terms "speech and language" \(first sentence\)/);
  });

  it('keeps at most three themes, the strongest', () => {
    const text =
      'Multi-agency work between social care, mental health services and schools is strong. Social workers, CAMHS and SENCos meet each month. Short breaks, transport and careers advice are discussed too.';
    const assigned = classifier.classify(text);
    expect(assigned.map((a) => a.theme)).toEqual(['emotional-health-and-wellbeing', 'social-care', 'access-to-health-services']);
    const scores = assigned.map((a) => Number(/score (\d+)$/.exec(a.reason)![1]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Each of these has a strong term, but only in passing, in the last sentence.
    for (const theme of ['short-breaks', 'home-to-school-transport', 'preparation-for-adulthood']) expect(assigned.map((a) => a.theme)).not.toContain(theme);
  });

  it('counts "education, health and social care" as the plans\' stock phrase, not social care', () => {
    expect(themesOf('Education, health and care plans do not capture children’s needs well.')).toEqual(['ehc-plan-quality']);
    expect(themesOf('Practitioners in health and social care contribute to annual reviews of plans.')).not.toContain('social-care');
  });

  it('gives the fallback theme, and says so, when no rule fits; a theme a person ruled out is never given', () => {
    expect(classifier.classify('Things have changed since then.')).toEqual([{ theme: FALLBACK_THEME, reason: expect.stringMatching(/^fallback: no rule matched/) }]);
    expect(themesOf(HERTS_WEAKNESS_15)).toContain('ehc-timeliness');
    expect(classifier.classify(HERTS_WEAKNESS_15, new Set(['ehc-timeliness'])).map((a) => a.theme)).toEqual(['ehc-plan-quality']);
  });

  it('refuses rules for themes the taxonomy lacks', () => {
    expect(() => new ThemeClassifier(THEME_RULES, new Set(['ehc-plan-quality']))).toThrow(/rules name themes the taxonomy does not have: ehc-timeliness/);
  });
});
