import type { ThemeAssignmentSeed } from '../dataset/seed-schema';
import type { ThemeAssigner } from './classify-themes';
import { agencyKey, councilOf, matchAgency, matchArea, nameKey } from './match-names';
import { namedBodies, statesTransferDay, successorsOf, type NamedBody } from './partnership';
import type { Reference } from './reference-seeds';
import { missingParts, ReportRefusal, type ParsedReport, type ReportAction } from './report-parser';

/**
 * One report as a seed file: the source, the inspection, the health bodies, a finding per
 * bullet with its themes (and why), an action per area for priority action or improvement.
 * Only what the PDF and the reference seeds say; nothing else is read.
 */

export const LICENCE = 'Open Government Licence v3.0';
export const ATTRIBUTION = 'Contains public sector information licensed under the Open Government Licence v3.0. Source: Ofsted and the Care Quality Commission.';

/** What a person changed in an earlier file of the same report, kept when it is ingested again. */
export interface Corrections {
  /** Finding id to its assignments made by a person (plain ids, or `by: person`). */
  personThemes: Map<string, ThemeAssignmentSeed[]>;
  /** Finding id to the themes a person ruled out. */
  rejected: Map<string, string[]>;
}
export const noCorrections = (): Corrections => ({ personThemes: new Map(), rejected: new Map() });

export interface ReportInput {
  report: ParsedReport;
  fileName: string;
  /** The PDF's own creation date (YYYY-MM-DD), when it has one: a bound on the publication date. */
  createdOn: string | null;
}

type Rec = Record<string, unknown>;
const stated = (date: string) => ({ date, certainty: 'STATED' });
const inferred = (date: string) => ({ date, certainty: 'INFERRED' });
const pad = (n: number) => String(n).padStart(2, '0');

/** The first sentence: up to a full stop followed by a capital, not inside "e.g." or an initial. */
export function firstSentence(text: string): string {
  const re = /[.!?](?=\s+[A-Z‘“"(])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(Math.max(0, m.index - 5), m.index + 1);
    if (/\b(e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|No)\.$/i.test(before) || /\b[A-Z]\.$/.test(before)) continue;
    return text.slice(0, m.index + 1);
  }
  return text;
}

export function buildReportSeed(input: ReportInput, ref: Reference, classifier: ThemeAssigner, corrections: Corrections): Rec {
  const { report } = input;
  const { area, byCouncil } = matchArea(ref, report.areaName, report.inspection.start, report.partnership);
  const yearMonth = report.inspection.start.slice(0, 7);
  const stated2023 = declaredInspection(ref, area.id, report.inspection.start, report.inspection.end);
  if (stated2023) refuseDisagreement(report, stated2023);
  const inspectionId = stated2023?.inspection.id ?? `${area.id}-${yearMonth}`;
  const sourceId = `ofsted-area-send-report-${inspectionId}`;
  const council = councilOf(ref, area.id);

  // Health bodies: each must be one of the register's (seeds/reference, from import-nhs: the 42 ICBs and every CCG
  // since 2016). The report declares it again under the register's id and name, adding the names it uses, so the two are one node.
  const bodies = namedBodies(report.partnership, report.areaName);
  const agencies: Rec[] = [];
  const mentions = new Set<string>([area.id, council.id, 'ofsted', 'cqc']);
  const links: Rec[] = [];
  const idOf = new Map<NamedBody, string>();
  const unknown = bodies.filter((b) => !matchAgency(ref, b.kind, b.key));
  if (unknown.length) {
    const what = (b: NamedBody) => `"${b.name}" (${b.kind === 'ICB' ? 'not among the 42 ICBs' : 'not among the CCGs since 2016'} of seeds/reference)`;
    throw new ReportRefusal(`it names ${unknown.map(what).join(' and ')}; correct the name in the register's aliases if it is one of them (npm run cli -- import-nhs)`);
  }
  for (const body of bodies) {
    const known = matchAgency(ref, body.kind, body.key)!;
    idOf.set(body, known.id);
    const aliases = [`${body.name} ${body.kind}`, ...body.aliases.map((a) => (agencyKey(a) ? `${a} ${body.kind}` : a))].filter((a) => a !== known.name);
    agencies.push({
      id: known.id, name: known.name, kind: body.kind, aliases: [...new Set(aliases)].sort(), serves: [area.id],
      ...(body.kind === 'ICB' ? { activeFrom: stated('2022-07-01') } : {}),
    });
  }
  const icbs = bodies.filter((b) => b.kind === 'ICB');
  if (icbs.length === 0) {
    throw missingParts(['its "Information about the local area partnership" names no integrated care board (read as "NHS <name> Integrated Care Board" or "<name> ICB")']);
  }
  const onDay = statesTransferDay(report.partnership) ? stated('2022-07-01') : inferred('2022-07-01');
  for (const ccg of bodies.filter((b) => b.kind === 'CCG')) {
    for (const icb of successorsOf(ccg, icbs)) links.push({ type: 'SUCCEEDED_BY', from: idOf.get(ccg), to: idOf.get(icb), on: onDay });
  }
  const partners = [{ id: council.id, names: [council.name, ...council.aliases] }, ...icbs.map((b) => ({ id: idOf.get(b)!, names: [b.name, ...b.aliases] }))];

  // Findings, with the corrections a person made to an earlier ingest of this report.
  const findings: Rec[] = [];
  const themesOf = new Map<string, string[]>();
  const addFindings = (bullets: string[], polarity: 'STRENGTH' | 'WEAKNESS') =>
    bullets.forEach((quote, i) => {
      const id = `${inspectionId}-${polarity === 'STRENGTH' ? 'strength' : 'weakness'}-${pad(i + 1)}`;
      const person = corrections.personThemes.get(id) ?? [];
      const rejected = corrections.rejected.get(id) ?? [];
      const personIds = new Set(person.map((t) => (typeof t === 'string' ? t : t.id)));
      const machine = classifier.classify(quote, new Set([...rejected, ...personIds]));
      const themes: ThemeAssignmentSeed[] = [...person, ...machine.map((m) => ({ id: m.theme, by: 'MACHINE' as const, reason: m.reason }))];
      themesOf.set(id, themes.map((t) => (typeof t === 'string' ? t : t.id)));
      const concerns = partners.filter((p) => namesAgency(quote, p.names, p.id === council.id)).map((p) => p.id);
      findings.push({
        id, foundBy: inspectionId, polarity, themes, ...(rejected.length ? { rejectedThemes: rejected } : {}),
        summary: firstSentence(quote), quote, ...(concerns.length ? { concerns } : {}),
      });
    });
  addFindings(report.strengths, 'STRENGTH');
  addFindings(report.weaknesses, 'WEAKNESS');
  const weaknesses = findings.filter((f) => f.polarity === 'WEAKNESS');

  const actions: Rec[] = [];
  const addActions = (items: ReportAction[], kind: 'PRIORITY_ACTION' | 'AREA_FOR_IMPROVEMENT') =>
    items.forEach((item, i) => {
      const themes = classifier.classify(item.text).map((m) => m.theme);
      const addresses = weaknesses.filter((w) => answers(themes, themesOf.get(w.id as string)!)).map((w) => w.id);
      actions.push({
        id: `${inspectionId}-${kind === 'PRIORITY_ACTION' ? 'priority-action' : 'improvement'}-${pad(i + 1)}`,
        kind, title: firstSentence(item.text), status: 'REQUIRED', description: item.text, requiredBy: inspectionId,
        owners: ownersOf(item, partners, council.id), ...(addresses.length ? { addresses } : {}),
      });
    });
  addActions(report.priorityActions, 'PRIORITY_ACTION');
  addActions(report.improvements, 'AREA_FOR_IMPROVEMENT');

  const previous = report.previous ? previousInspection(ref, area.id, report.previous.start) : null;
  const follows = stated2023?.inspection.follows ?? previous ?? undefined;
  const url = /Report: (https?:\/\/\S+)/.exec(stated2023?.inspection.notes ?? '')?.[1];
  const published = stated2023?.inspection.publishedOn;
  const previousDates = report.previous ? `${report.previous.start} to ${report.previous.end}` : '';
  const inspectionNotes = [
    byCouncil ? `The report's title names the area "${report.areaName}", which seeds/reference does not; it is the area ${byCouncil}, named in the report's partnership section, serves.` : null,
    report.previous && !follows ? `The report gives the previous inspection as ${previousDates}; no reference seed declares it, so "follows" is left out.` : null,
    report.previous && follows && previous !== follows
      ? `The report gives the previous inspection as ${previousDates}${previous ? ` (${previous})` : ''}; "follows" is the outcomes table's ${follows}.`
      : null,
    !report.previous ? 'The report says the area was not previously inspected.' : null,
  ].filter(Boolean);

  return {
    source: {
      id: sourceId,
      title: report.title,
      kind: 'REPORT',
      publisher: 'Ofsted and Care Quality Commission',
      ...(published ? { publishedOn: published } : input.createdOn ? { publishedOn: inferred(input.createdOn.slice(0, 7)) } : {}),
      ...(url ? { url } : {}),
      file: input.fileName,
      licence: LICENCE,
      notes: [
        ATTRIBUTION,
        published ? `The publication date is the outcomes table's (${stated2023!.file}).` : input.createdOn ? `The report states no publication date; the month is that of the PDF's creation (${input.createdOn}), days before publication.` : null,
        'Ingested by "npm run cli -- ingest-report": findings quote the bullets whole; themes marked "by: machine" are the classifier\'s, with the rule and words that fired (correct them by hand: change "by" to "person", or move a theme to rejectedThemes); an action addresses the weaknesses that share its classifier themes.',
      ].filter(Boolean).join(' '),
    },
    mentions: [...mentions].sort(),
    agencies,
    inspections: [
      {
        id: inspectionId, area: area.id, kind: 'FULL', framework: 'FRAMEWORK_2023', outcome: report.outcome, by: ['ofsted', 'cqc'],
        startedOn: stated(report.inspection.start), endedOn: stated(report.inspection.end),
        priorityActionPlanRequired: report.priorityActionPlanRequired,
        ...(follows ? { follows } : {}),
        ...(inspectionNotes.length ? { notes: inspectionNotes.join(' ') } : {}),
      },
    ],
    findings,
    actions,
    links,
  };
}

/**
 * The full inspection the outcomes import declares for this report: the area's that started in
 * the same month, or, where the table gave no dates, the one published within nine months after
 * the inspection ended (the report then fills in the dates).
 */
function declaredInspection(ref: Reference, areaId: string, start: string, end: string) {
  const full = ref.inspections.filter((r) => r.inspection.area === areaId && r.inspection.kind === 'FULL');
  const sameMonth = full.find((r) => r.inspection.startedOn?.date.startsWith(start.slice(0, 7)));
  if (sameMonth) return sameMonth;
  const limit = new Date(`${end}T00:00:00Z`);
  limit.setUTCMonth(limit.getUTCMonth() + 9);
  const undated = full.filter((r) => !r.inspection.startedOn && r.inspection.publishedOn && r.inspection.publishedOn.date > end && r.inspection.publishedOn.date <= limit.toISOString().slice(0, 10));
  return undated.length === 1 ? undated[0] : undefined;
}

/**
 * The report and the outcomes table describe one inspection, one node: where they disagree on a
 * stated fact the dataset would refuse to load, so the report is refused now, naming both.
 */
function refuseDisagreement(report: ParsedReport, declared: NonNullable<ReturnType<typeof declaredInspection>>): void {
  const i = declared.inspection;
  const stated = (d: typeof i.startedOn) => (d && d.certainty === 'STATED' ? d.date : null);
  const differ = [
    stated(i.startedOn) && stated(i.startedOn) !== report.inspection.start && `its first day ${report.inspection.start} (the table: ${stated(i.startedOn)})`,
    stated(i.endedOn) && stated(i.endedOn) !== report.inspection.end && `its last day ${report.inspection.end} (the table: ${stated(i.endedOn)})`,
    i.outcome && i.outcome !== report.outcome && `its outcome ${report.outcome} (the table: ${i.outcome})`,
    i.priorityActionPlanRequired != null && i.priorityActionPlanRequired !== report.priorityActionPlanRequired &&
      `whether a priority action plan is required, ${report.priorityActionPlanRequired} (the table: ${i.priorityActionPlanRequired})`,
  ].filter(Boolean);
  if (differ.length) {
    throw new ReportRefusal(
      `it reports inspection ${i.id}, which seeds/${declared.file} declares, but disagrees with it on ${differ.join(', ')}: ` +
        'the two are one node, so correct the one that is wrong (the table, or this PDF if it is not the published report)',
    );
  }
}

/** The area's (or a former area's it succeeded) inspection that started in the month the report gives. */
function previousInspection(ref: Reference, areaId: string, start: string): string | null {
  const areas = new Set([areaId, ...[...ref.areaSuccessors].filter(([, to]) => to.includes(areaId)).map(([from]) => from)]);
  const month = start.slice(0, 7);
  return ref.inspections.find((r) => areas.has(r.inspection.area) && r.inspection.startedOn?.date.startsWith(month))?.inspection.id ?? null;
}

/** An action answers a weakness when they share the action's strongest theme, or two themes. */
function answers(actionThemes: string[], weaknessThemes: string[]): boolean {
  if (actionThemes.length === 0) return false;
  const shared = actionThemes.filter((t) => weaknessThemes.includes(t));
  return weaknessThemes.includes(actionThemes[0]) || shared.length >= 2;
}

/** Whether a bullet names an agency: its name, an alias, or (for the council) "the local authority"/"the council"; for an ICB, "the ICB". */
function namesAgency(text: string, names: string[], isCouncil: boolean): boolean {
  const t = nameKey(text);
  if (names.some((n) => agencyKey(n) && t.includes(agencyKey(n)) && agencyKey(n).split(' ').length > 1)) return true;
  return isCouncil ? /\b(local authority|council)\b/.test(t) : /\b(icb|integrated care board)\b/.test(t);
}

/**
 * Owners: the bodies the "Responsible body" cell names; without one, those the action's opening
 * words name (health leaders: the ICBs; local authority leaders: the council), or the whole partnership.
 */
function ownersOf(item: ReportAction, partners: { id: string; names: string[] }[], councilId: string): string[] {
  const council = partners.find((p) => p.id === councilId)!;
  const health = partners.filter((p) => p.id !== councilId);
  if (item.responsible) {
    const r = nameKey(item.responsible);
    const named = partners.filter((p) => p.names.some((n) => agencyKey(n) && r.includes(agencyKey(n))) || (p.id === councilId && /\b(council|local authority)\b/.test(r)));
    const withHealth = /\b(icb|integrated care board)\b/.test(r) && !named.some((p) => p.id !== councilId) ? health : [];
    const owners = [...named, ...withHealth];
    if (owners.length) return [...new Set(owners.map((p) => p.id))];
  }
  const subject = nameKey(item.text.split(/\b(should|must|need|needs|to)\b/)[0] ?? '');
  const says = (re: RegExp) => re.test(subject);
  if (says(/\b(health|icb|nhs|commissioners|integrated care)\b/) && !says(/\b(partnership|local authority|council|education)\b/)) return health.length ? health.map((p) => p.id) : [council.id];
  if (says(/\b(local authority|council)\b/) && !says(/\b(partnership|health|icb)\b/)) return [council.id];
  return partners.map((p) => p.id);
}
