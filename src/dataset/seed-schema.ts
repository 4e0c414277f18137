import { z } from 'zod';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  AGENCY_KINDS,
  AREA_KINDS,
  ASSIGNERS,
  FRAMEWORK_OF_KIND,
  INSPECTION_FRAMEWORKS,
  INSPECTION_KINDS,
  INSPECTION_OUTCOMES,
  POLARITIES,
  SOURCE_KINDS,
} from '../domain/model';
import { CLOSENESS_BANDS, INDICATOR_UNITS } from '../domain/context';

/** The one schema every seed file is validated against. Cross-file rules live in build-bundle.ts. */

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug such as "sandwell-council" (letters, digits, single hyphens)');
const text = z.string().trim().min(1, 'must not be empty');
const upper = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase().replace(/[\s-]+/g, '_') : v), z.enum(values));

/** "2017", "2017-01" or "2017-01-15", checked to be a real calendar date. */
const isoPrefix = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine((v) => {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
    if (!m) return false;
    const [, y, mo, d] = m;
    if (mo && (Number(mo) < 1 || Number(mo) > 12)) return false;
    if (d) {
      const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
      return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
    }
    return true;
  }, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD, and a real one');

export const partialDate = z
  .object({ date: isoPrefix, certainty: upper(['STATED', 'INFERRED'] as const) })
  .strict();
export type PartialDateSeed = z.infer<typeof partialDate>;

const sourceSeed = z
  .object({
    id: slug,
    title: text,
    kind: upper(SOURCE_KINDS),
    publisher: text.optional(),
    authors: z.array(text).default([]),
    publishedOn: partialDate.optional(),
    url: z.url().optional(),
    file: text.optional(),
    licence: text.optional(),
    notes: text.optional(),
  })
  .strict();

const regionSeed = z.object({ id: slug, name: text, gssCode: text.optional() }).strict();

const areaSeed = z
  .object({
    id: slug,
    name: text,
    kind: upper(AREA_KINDS),
    region: slug,
    gssCode: text,
    laCode: text,
    activeFrom: partialDate.optional(),
    activeTo: partialDate.optional(),
  })
  .strict();

const agencySeed = z
  .object({
    id: slug,
    name: text,
    kind: upper(AGENCY_KINDS),
    aliases: z.array(text).default([]),
    serves: z.array(slug).default([]),
    activeFrom: partialDate.optional(),
    activeTo: partialDate.optional(),
    notes: text.optional(),
    odsCode: z.string().regex(/^[A-Z0-9]{3,5}$/, 'must be an ODS code such as "05L", "QUA" or "RL4"').optional(),
    onsCode: z.string().regex(/^E\d{8}$/, 'must be an ONS code such as "E38000144"').optional(),
  })
  .strict();

const count = z.number().int().nonnegative();

const inspectionSeed = z
  .object({
    id: slug,
    area: slug,
    /** May be left out: it follows from the kind (INITIAL/REVISIT: 2016, FULL/MONITORING: 2023). */
    framework: upper(INSPECTION_FRAMEWORKS).optional(),
    kind: upper(INSPECTION_KINDS),
    /** Left out when the source does not state it; say why in notes. */
    outcome: upper(INSPECTION_OUTCOMES).optional(),
    by: z.array(slug).min(1, 'must name at least one inspectorate'),
    startedOn: partialDate.optional(),
    endedOn: partialDate.optional(),
    publishedOn: partialDate.optional(),
    significantWeaknesses: count.optional(),
    weaknessesWithProgress: count.optional(),
    weaknessesWithoutProgress: count.optional(),
    priorityActionPlanRequired: z.boolean().optional(),
    nextInspectionDueBy: partialDate.optional(),
    follows: slug.optional(),
    notes: text.optional(),
  })
  .strict()
  .refine((i) => !i.framework || i.framework === FRAMEWORK_OF_KIND[i.kind], {
    message: 'contradicts the kind: INITIAL and REVISIT are FRAMEWORK_2016, FULL and MONITORING are FRAMEWORK_2023 (or leave framework out)',
    path: ['framework'],
  });

const reviewSeed = z
  .object({
    id: slug,
    title: text,
    by: z.array(slug).default([]),
    period: text.optional(),
    areasCovered: z.number().int().nonnegative().optional(),
    wsoaCount: z.number().int().nonnegative().optional(),
    publishedOn: partialDate.optional(),
  })
  .strict();

/**
 * A finding's theme: a plain id is a person's assignment; `{ id, by: machine, reason }` is the
 * classifier's, with the rule and words that fired it. A person corrects the machine by changing
 * `by` to `person` (keeping or rewriting the reason), adding a theme, or moving one to `rejectedThemes`.
 */
const themeAssignmentSeed = z.union([
  slug,
  z
    .object({ id: slug, by: upper(ASSIGNERS), reason: text.optional() })
    .strict()
    .refine((a) => a.by === 'PERSON' || a.reason !== undefined, { message: 'a machine assignment must say why (the rule and words that fired)', path: ['reason'] }),
]);
export type ThemeAssignmentSeed = z.infer<typeof themeAssignmentSeed>;

const findingSeed = z
  .object({
    id: slug,
    foundBy: slug,
    polarity: upper(POLARITIES),
    themes: z.array(themeAssignmentSeed).min(1, 'must name at least one theme'),
    /** Themes a person ruled out: the classifier will not assign them again when the report is ingested again. */
    rejectedThemes: z.array(slug).default([]),
    summary: text,
    quote: text.optional(),
    concerns: z.array(slug).default([]),
    areasAffected: z.number().int().positive().optional(),
  })
  .strict();

const themeSeed = z.object({ id: slug, name: text, description: text }).strict();

const actionSeed = z
  .object({
    id: slug,
    kind: upper(ACTION_KINDS),
    title: text,
    /** Left out when the source does not say (a statistic that a WSOA was required says nothing of its progress): UNKNOWN. */
    status: upper(ACTION_STATUSES).optional(),
    description: text.optional(),
    requiredBy: slug.optional(),
    owners: z.array(slug).default([]),
    addresses: z.array(slug).default([]),
    decidedBy: z.array(slug).default([]),
    delivers: z.array(slug).default([]),
    startedOn: partialDate.optional(),
    dueOn: partialDate.optional(),
  })
  .strict();

const personSeed = z
  .object({
    id: slug,
    name: text,
    role: text.optional(),
    worksFor: z.array(z.object({ agency: slug, role: text.optional() }).strict()).default([]),
  })
  .strict();

/** A relationship between records declared anywhere, stated by this file's source. */
export const LINK_TYPES = ['SUCCEEDED_BY', 'SERVES', 'PART_OF'] as const;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const linkSeed = z
  .object({
    type: upper(LINK_TYPES),
    from: slug,
    to: slug,
    on: partialDate.optional(),
    /** SERVES: the first and last days it served (both included; no until: still), and its share of the area, 0 to 1. */
    since: isoDay.optional(),
    until: isoDay.optional(),
    share: z.number().min(0, 'must be a share from 0 to 1').max(1, 'must be a share from 0 to 1').optional(),
  })
  .strict()
  .refine((l) => l.type === 'SUCCEEDED_BY' || !l.on, { message: '"on" is only for SUCCEEDED_BY links', path: ['on'] })
  .refine((l) => l.type === 'SERVES' || (l.since === undefined && l.until === undefined && l.share === undefined), {
    message: '"since", "until" and "share" are only for SERVES links', path: ['type'],
  })
  .refine((l) => !l.since || !l.until || l.since <= l.until, { message: 'must not be after "until"', path: ['since'] });
/** SUCCEEDED_BY joins two agencies or two areas; SERVES an agency to an area; PART_OF a sub-ICB location to its ICB. */

/** An indicator: declared by every file that gives its values, in the same words. */
const indicatorSeed = z
  .object({
    id: slug,
    name: text,
    unit: upper(INDICATOR_UNITS),
    definition: text,
    numerator: text.optional(),
    denominator: text.optional(),
    caveats: text.optional(),
  })
  .strict();

const year = z.number().int().min(1900).max(2100);
const measure = z.number().finite().nullable();
/** `[year, value]` or `[year, value, numerator, denominator]`; null where the source suppresses or lacks the cell. */
const pointSeed = z.union([z.tuple([year, measure]), z.tuple([year, measure, measure, measure])]);
/** One indicator's values for England (`of: england`), a region or an area, year by year. */
const seriesSeed = z
  .object({ indicator: slug, of: slug, points: z.array(pointSeed).min(1, 'must give at least one year') })
  .strict();

/** An area's statistical neighbours in one edition, nearest first (rank 1 to 10). */
const neighboursSeed = z
  .object({
    area: slug,
    edition: z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().regex(/^\d{4}$/, 'must be the edition\'s year, e.g. "2025"')),
    ranked: z
      .array(z.object({ area: slug, closeness: upper(CLOSENESS_BANDS) }).strict())
      .min(1, 'must name at least one neighbour')
      .max(10, 'holds at most 10 neighbours'),
  })
  .strict();

export const seedFileSchema = z
  .object({
    /** The document every record in this file is reported in. */
    source: sourceSeed.optional(),
    /** Ids declared in other files that this file's source also reports on. */
    mentions: z.array(slug).default([]),
    regions: z.array(regionSeed).default([]),
    areas: z.array(areaSeed).default([]),
    themes: z.array(themeSeed).default([]),
    agencies: z.array(agencySeed).default([]),
    people: z.array(personSeed).default([]),
    inspections: z.array(inspectionSeed).default([]),
    reviews: z.array(reviewSeed).default([]),
    findings: z.array(findingSeed).default([]),
    actions: z.array(actionSeed).default([]),
    links: z.array(linkSeed).default([]),
    indicators: z.array(indicatorSeed).default([]),
    series: z.array(seriesSeed).default([]),
    neighbours: z.array(neighboursSeed).default([]),
  })
  .strict();

export type SeedFile = z.infer<typeof seedFileSchema>;

/** The record sections, in the order their records are declared. */
export const RECORD_SECTIONS = [
  'regions',
  'areas',
  'themes',
  'agencies',
  'people',
  'inspections',
  'reviews',
  'findings',
  'actions',
] as const satisfies readonly (keyof SeedFile)[];
export type RecordSection = (typeof RECORD_SECTIONS)[number];
