import type { IndicatorUnit } from '../../domain/context';

/** An indicator as the seeds declare it, and, for each file that gives it, the columns it is read from. */
export interface IndicatorDefinition {
  id: string;
  name: string;
  unit: IndicatorUnit;
  definition: string;
  numerator?: string;
  denominator?: string;
  caveats?: string;
}
export interface IndicatorColumns {
  indicator: IndicatorDefinition;
  value: string;
  numerator?: string;
  denominator?: string;
}

const EXCEPTIONS =
  'Exceptions are the cases the SEND regulations allow to take longer than 20 weeks (for example a child or parent unavailable, or the school closed for holidays).';

export const EHC_20_WEEK_RATE: IndicatorDefinition = {
  id: 'ehc-20-week-rate',
  name: 'EHC plans issued within 20 weeks, excluding exceptions',
  unit: 'PERCENT',
  definition:
    "The percentage of new education, health and care plans issued within 20 weeks of the request for an assessment, leaving out exceptions: the DfE's headline timeliness measure, 0 to 100. " +
    EXCEPTIONS,
  numerator: 'new EHC plans issued within 20 weeks, excluding exceptions',
  denominator: 'new EHC plans issued, excluding exceptions',
  caveats: 'Calendar year of issue. 2014 is the first, partial, year of EHC plans (from September). Percentages are as the DfE publishes them (rounded to one decimal, 2022 in the SEN2 file to three).',
};

export const EHC_20_WEEK_RATE_INCLUDING_EXCEPTIONS: IndicatorDefinition = {
  id: 'ehc-20-week-rate-including-exceptions',
  name: 'EHC plans issued within 20 weeks, including exceptions',
  unit: 'PERCENT',
  definition: `The percentage of all new education, health and care plans issued within 20 weeks of the request for an assessment, exceptions included, 0 to 100. ${EXCEPTIONS}`,
  numerator: 'new EHC plans issued within 20 weeks',
  denominator: 'new EHC plans issued',
  caveats: EHC_20_WEEK_RATE.caveats,
};

export const EHC_PLANS_ISSUED: IndicatorDefinition = {
  id: 'ehc-plans-issued',
  name: 'EHC plans issued (as counted for timeliness)',
  unit: 'COUNT',
  definition: 'New education, health and care plans issued in the calendar year, exceptions included: the denominator of the 20-week rate including exceptions.',
  caveats: "Differs by a few from SEN2's count of new EHC plans (ehc-new-plans), which is defined differently.",
};

export const SEN2_INDICATORS: IndicatorColumns[] = [
  { indicator: EHC_20_WEEK_RATE, value: 'no_exc_20week_rate', numerator: 'no_exc_20week_ehc', denominator: 'tot_no_exc_ehc' },
  { indicator: EHC_20_WEEK_RATE_INCLUDING_EXCEPTIONS, value: 'inc_exc_20week_rate', numerator: 'inc_exc_20week_ehc', denominator: 'tot_inc_exc_ehc' },
  { indicator: EHC_PLANS_ISSUED, value: 'tot_inc_exc_ehc' },
  {
    indicator: {
      id: 'ehc-new-plans', name: 'New EHC plans (SEN2)', unit: 'COUNT',
      definition: 'Education, health and care plans made for the first time in the calendar year, as SEN2 counts them (new_all_ehc).',
      caveats: 'Not the same count as ehc-plans-issued (the timeliness count): the two differ by a few in most areas and years.',
    },
    value: 'new_all_ehc',
  },
  {
    indicator: {
      id: 'ehc-assessment-requests', name: 'Requests for an EHC needs assessment', unit: 'COUNT',
      definition: 'Initial requests for an education, health and care needs assessment made in the calendar year.',
      caveats: 'Published from 2016.',
    },
    value: 'inreq_ehc',
  },
  {
    indicator: {
      id: 'ehc-assessment-requests-refused', name: 'EHC needs assessment requests refused', unit: 'COUNT',
      definition: 'Initial requests for an education, health and care needs assessment that the local authority refused, in the calendar year.',
    },
    value: 'ass_refused_ehc',
  },
  {
    indicator: {
      id: 'ehc-assessment-refusal-rate', name: 'EHC needs assessment requests refused, per cent of requests', unit: 'PERCENT',
      definition: 'Requests for an EHC needs assessment refused, as a percentage of the initial requests made in the year, 0 to 100.',
      numerator: 'requests refused', denominator: 'initial requests for an assessment', caveats: 'Published from 2016.',
    },
    value: 'ass_refused_ehc_pc', numerator: 'ass_refused_ehc', denominator: 'inreq_ehc',
  },
  {
    indicator: {
      id: 'mediation-cases', name: 'Mediation cases', unit: 'COUNT',
      definition: 'Mediation cases held about EHC needs assessments and plans in the calendar year (all reasons).',
    },
    value: 'total_mediation',
  },
  {
    indicator: {
      id: 'mediation-followed-by-tribunal-rate', name: 'Mediation cases followed by a tribunal appeal', unit: 'PERCENT',
      definition: 'Mediation cases followed by an appeal to the SEND tribunal, as a percentage of the mediation cases held, 0 to 100.',
      numerator: 'mediation cases followed by a tribunal appeal', denominator: 'mediation cases held',
      caveats: 'Published 2014 to 2021; 2022 counts tribunal appeals instead (tribunal-appeals).',
    },
    value: 'total_tribunal_pc', numerator: 'total_tribunal_followed_mediation', denominator: 'total_mediation',
  },
  {
    indicator: {
      id: 'tribunal-appeals', name: 'Tribunal appeals', unit: 'COUNT',
      definition: 'Appeals to the SEND tribunal about EHC needs assessments and plans registered in the calendar year (all reasons).',
      caveats: 'Published for 2022 only in this edition of the statistics.',
    },
    value: 'total_tribunal',
  },
];

export const TIMELINESS_INDICATORS: IndicatorColumns[] = [
  { indicator: EHC_20_WEEK_RATE, value: 'PC_plans_issued_20_weeks_ex', numerator: 'plans_issued_20_weeks_ex', denominator: 'plans_issued_den_ex' },
  {
    indicator: EHC_20_WEEK_RATE_INCLUDING_EXCEPTIONS,
    value: 'pc_plans_issued_within_20_weeks', numerator: 'plans_issued_within_20_weeks', denominator: 'plans_issued_den',
  },
  { indicator: EHC_PLANS_ISSUED, value: 'plans_issued_den' },
  {
    indicator: {
      id: 'ehc-over-one-year-rate', name: 'EHC plans issued after more than a year, including exceptions', unit: 'PERCENT',
      definition: 'The percentage of new education, health and care plans issued more than a year after the request for an assessment, exceptions included, 0 to 100.',
      numerator: 'new EHC plans issued after more than a year', denominator: 'new EHC plans issued', caveats: 'Published from 2023.',
    },
    value: 'pc_plans_issued_gt_1_year', numerator: 'plans_issued_gt_1_year', denominator: 'plans_issued_den',
  },
];
