/**
 * Outcomes in words and colours. The colours are from Okabe and Ito's palette, chosen to stay
 * apart for the common kinds of colour blindness, and they differ in lightness too; every colour
 * is named in words beside it (legend, tooltip), never the only signal.
 */
export type Outcome =
  | 'WSOA_REQUIRED' | 'NO_WSOA' | 'SUFFICIENT_PROGRESS' | 'PARTIAL_PROGRESS' | 'INSUFFICIENT_PROGRESS'
  | 'POSITIVE' | 'INCONSISTENT' | 'SYSTEMIC_FAILINGS';

export const OUTCOME_LABEL: Record<Outcome, string> = {
  WSOA_REQUIRED: 'Written statement of action required',
  NO_WSOA: 'No written statement of action',
  SUFFICIENT_PROGRESS: 'Sufficient progress on every significant weakness',
  PARTIAL_PROGRESS: 'Sufficient progress on some significant weaknesses',
  INSUFFICIENT_PROGRESS: 'Insufficient progress',
  POSITIVE: 'Typically positive experiences and outcomes',
  INCONSISTENT: 'Inconsistent experiences and outcomes',
  SYSTEMIC_FAILINGS: 'Widespread and/or systemic failings',
};

export type Tier = 'good' | 'mixed' | 'serious' | 'none';
export const TIER_OF: Record<Outcome, Tier> = {
  NO_WSOA: 'good', SUFFICIENT_PROGRESS: 'good', POSITIVE: 'good',
  PARTIAL_PROGRESS: 'mixed', INCONSISTENT: 'mixed',
  WSOA_REQUIRED: 'serious', INSUFFICIENT_PROGRESS: 'serious', SYSTEMIC_FAILINGS: 'serious',
};
export const TIER_COLOUR: Record<Tier, string> = { good: '#0072B2', mixed: '#F0E442', serious: '#D55E00', none: '#d9d9d9' };
export const TIER_COLOUR_WORDS: Record<Tier, string> = { good: 'blue', mixed: 'yellow', serious: 'vermilion', none: 'grey' };
export const TIER_LABEL: Record<Tier, string> = {
  good: 'No WSOA, sufficient progress, or positive',
  mixed: 'Some progress, or inconsistent',
  serious: 'WSOA required, insufficient progress, or systemic failings',
  none: 'No inspection outcome in the graph',
};

/** Outcomes short enough to print beside a mark on a chart. */
export const OUTCOME_SHORT: Record<Outcome, string> = {
  WSOA_REQUIRED: 'WSOA required', NO_WSOA: 'no WSOA', SUFFICIENT_PROGRESS: 'sufficient progress',
  PARTIAL_PROGRESS: 'some progress', INSUFFICIENT_PROGRESS: 'insufficient progress',
  POSITIVE: 'positive', INCONSISTENT: 'inconsistent', SYSTEMIC_FAILINGS: 'systemic failings',
};

export const outcomeText = (o: string | null | undefined) => (o ? OUTCOME_LABEL[o as Outcome] ?? o : 'No inspection outcome in the graph');
export const tierOf = (o: string | null | undefined): Tier => (o ? TIER_OF[o as Outcome] ?? 'none' : 'none');

export const KIND_LABEL: Record<string, string> = { INITIAL: 'Inspection', REVISIT: 'Revisit', FULL: 'Full inspection', MONITORING: 'Monitoring inspection' };
export const FRAMEWORK_LABEL: Record<string, string> = { FRAMEWORK_2016: '2016 framework', FRAMEWORK_2023: '2023 framework' };
