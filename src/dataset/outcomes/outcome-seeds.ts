import type { InspectionOutcome } from '../../domain/model';
import type { AreaRegister } from './area-register';
import type { ImportProblem } from './import-problem';
import type { FirstFrameworkRow, NotedInspection } from './statistics-2016';
import type { SecondFrameworkRow } from './outcomes-2023';

/**
 * The two tables as seed files: each row's inspections (and revisit) on the area as it was, the
 * WSOA an inspection required and the priority action plan a 2023 outcome of systemic failings
 * requires, each owned by the area's council. Ids follow the seeds' convention,
 * `<area>-<yyyy>-<mm>` from the start date (or the publication date where no start is given), so
 * an inspection another document already declares is the same record, merged when loaded.
 */

const INSPECTORATES = ['ofsted', 'cqc'];
const stated = (date: string) => ({ date, certainty: 'STATED' });

export interface SourceSeed {
  id: string;
  title: string;
  kind: 'DATASET';
  publisher: string;
  authors?: string[];
  publishedOn: { date: string; certainty: string };
  url: string;
  file: string;
  licence: string;
  notes: string;
}

interface InspectionSeed {
  id: string;
  area: string;
  kind: 'INITIAL' | 'REVISIT' | 'FULL';
  outcome?: InspectionOutcome;
  by: string[];
  startedOn?: { date: string; certainty: string };
  endedOn?: { date: string; certainty: string };
  publishedOn?: { date: string; certainty: string };
  significantWeaknesses?: number;
  weaknessesWithProgress?: number;
  weaknessesWithoutProgress?: number;
  priorityActionPlanRequired?: boolean;
  nextInspectionDueBy?: { date: string; certainty: string };
  follows?: string;
  notes?: string;
}

interface ActionSeed {
  id: string;
  kind: 'WSOA' | 'PRIORITY_ACTION_PLAN';
  title: string;
  requiredBy: string;
  owners: string[];
}

export interface OutcomeSeeds {
  first: { source: SourceSeed; inspections: InspectionSeed[]; actions: ActionSeed[] };
  second: { source: SourceSeed; inspections: InspectionSeed[]; actions: ActionSeed[] };
  /** Rows imported with something unknown, for the importer to list. */
  incomplete: string[];
}

export function buildOutcomeSeeds(
  register: AreaRegister,
  files: { first: string; second: string },
  first: { rows: FirstFrameworkRow[]; noted: NotedInspection[] },
  second: SecondFrameworkRow[],
  sources: { first: SourceSeed; second: SourceSeed },
  problems: ImportProblem[],
): OutcomeSeeds {
  const ids = new Map<string, string>();
  /** An inspection's id, refusing two rows that would make the same one. */
  const idFor = (file: string, at: string, area: string, on: string): string => {
    const id = `${area}-${on.slice(0, 4)}-${on.slice(5, 7)}`;
    const other = ids.get(id);
    if (other) problems.push({ file, row: at, column: '', message: `makes the inspection id "${id}", as ${other} does: two inspections of one area in one month` });
    ids.set(id, `${file} ${at}`);
    return id;
  };
  const areaFor = (file: string, at: string, column: string, name: string, code: string, on: string): string | null => {
    const m = register.match(name, code, on);
    if ('id' in m) return m.id;
    problems.push({ file, row: at, column, message: `cannot be matched to an area: "${name}"${code ? ` (${code})` : ''} ${m.reason}; add the spelling to the register or correct the row` });
    return null;
  };
  const actionsFor = (inspection: InspectionSeed): ActionSeed[] => {
    const area = register.areas.get(inspection.area)!;
    const owners = area.councilId ? [area.councilId] : [];
    const actions: ActionSeed[] = [];
    if (inspection.outcome === 'WSOA_REQUIRED') {
      actions.push({ id: `${inspection.id}-wsoa`, kind: 'WSOA', title: `${area.name} written statement of action`, requiredBy: inspection.id, owners });
    }
    if (inspection.outcome === 'SYSTEMIC_FAILINGS') {
      actions.push({ id: `${inspection.id}-priority-action-plan`, kind: 'PRIORITY_ACTION_PLAN', title: `${area.name} priority action plan`, requiredBy: inspection.id, owners });
    }
    return actions;
  };

  // 2016 framework: the table's rows, then the areas its notes give.
  const firstInspections: InspectionSeed[] = [];
  for (const row of first.rows) {
    const area = areaFor(files.first, row.at, 'Area name', row.name, row.code, row.startedOn);
    if (!area || !row.startedOn) continue;
    const initial: InspectionSeed = {
      id: idFor(files.first, row.at, area, row.startedOn),
      area,
      kind: 'INITIAL',
      outcome: row.wsoaRequired ? 'WSOA_REQUIRED' : 'NO_WSOA',
      by: INSPECTORATES,
      startedOn: stated(row.startedOn),
      publishedOn: stated(row.publishedOn),
      ...(row.significantWeaknesses !== null ? { significantWeaknesses: row.significantWeaknesses } : {}),
    };
    firstInspections.push(initial);
    if (row.revisit?.startedOn) {
      firstInspections.push({
        id: idFor(files.first, row.at, area, row.revisit.startedOn),
        area,
        kind: 'REVISIT',
        outcome: row.revisit.outcome,
        by: INSPECTORATES,
        startedOn: stated(row.revisit.startedOn),
        publishedOn: stated(row.revisit.publishedOn),
        ...(row.revisit.withProgress !== null ? { weaknessesWithProgress: row.revisit.withProgress } : {}),
        ...(row.revisit.withoutProgress !== null ? { weaknessesWithoutProgress: row.revisit.withoutProgress } : {}),
        follows: initial.id,
      });
    }
  }
  for (const n of first.noted) {
    const area = areaFor(files.first, `Notes sheet, ${n.note}`, '', n.name, '', n.startedOn);
    if (!area) continue;
    const said = `The statistics' ${n.note} gives this inspection (the area was replaced before the table was made) to the month only.`;
    const initial: InspectionSeed = {
      id: idFor(files.first, n.note, area, n.startedOn),
      area,
      kind: 'INITIAL',
      outcome: n.wsoaRequired ? 'WSOA_REQUIRED' : 'NO_WSOA',
      by: INSPECTORATES,
      startedOn: stated(n.startedOn),
      notes: said,
    };
    firstInspections.push(initial);
    if (n.revisit) {
      firstInspections.push({
        id: idFor(files.first, n.note, area, n.revisit.startedOn),
        area,
        kind: 'REVISIT',
        outcome: n.revisit.outcome,
        by: INSPECTORATES,
        startedOn: stated(n.revisit.startedOn),
        follows: initial.id,
        notes: said,
      });
    }
  }

  // 2023 framework: each follows the area's previous inspection, or its predecessors' latest.
  const dateOf = (i: InspectionSeed) => i.startedOn?.date ?? i.publishedOn?.date ?? '';
  const byArea = new Map<string, InspectionSeed[]>();
  const file = (i: InspectionSeed) => byArea.set(i.area, [...(byArea.get(i.area) ?? []), i]);
  firstInspections.forEach(file);
  const secondInspections: InspectionSeed[] = [];
  const incomplete: string[] = [];
  for (const row of second) {
    const on = row.startedOn ?? row.publishedOn;
    if (!on) {
      problems.push({ file: files.second, row: row.at, column: 'publication_date', message: 'the row gives neither a start nor a publication date, so the inspection cannot be placed in time' });
      continue;
    }
    const area = areaFor(files.second, row.at, 'local_authority', row.name, row.code, on);
    if (!area) continue;
    const notes = [
      ...(row.reportUrl ? [`Report: ${row.reportUrl}`] : []),
      ...(row.unknown.length ? [`Unknown from Ofsted's 2023-framework outcomes table: ${row.unknown.join('; ')}.`] : []),
      ...(row.startedOn ? [] : ['The id is made from the publication month, as the table gives no start date.']),
    ];
    const inspection: InspectionSeed = {
      id: idFor(files.second, row.at, area, on),
      area,
      kind: 'FULL',
      ...(row.outcome ? { outcome: row.outcome, priorityActionPlanRequired: row.outcome === 'SYSTEMIC_FAILINGS' } : {}),
      by: INSPECTORATES,
      ...(row.startedOn ? { startedOn: stated(row.startedOn) } : {}),
      ...(row.endedOn ? { endedOn: stated(row.endedOn) } : {}),
      ...(row.publishedOn ? { publishedOn: stated(row.publishedOn) } : {}),
      ...(row.nextInspectionDueBy ? { nextInspectionDueBy: stated(row.nextInspectionDueBy) } : {}),
      ...(notes.length ? { notes: notes.join('\n') } : {}),
    };
    secondInspections.push(inspection);
    if (row.unknown.length || !row.outcome) incomplete.push(`${files.second} ${row.at}: ${inspection.id}: ${row.unknown.join('; ')}`);
  }
  secondInspections.forEach(file);
  const previousOf = (area: string, before: string, seen = new Set<string>()): InspectionSeed | null => {
    if (seen.has(area)) return null;
    seen.add(area);
    const own = (byArea.get(area) ?? []).filter((i) => dateOf(i) < before).sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
    if (own.length) return own[own.length - 1];
    const earlier = register.predecessorsOf(area).map((p) => previousOf(p, before, seen)).filter((i): i is InspectionSeed => !!i);
    return earlier.sort((a, b) => dateOf(a).localeCompare(dateOf(b))).pop() ?? null;
  };
  for (const i of secondInspections) {
    const previous = previousOf(i.area, dateOf(i));
    if (previous) i.follows = previous.id;
  }

  const ordered = (list: InspectionSeed[]) => list.sort((a, b) => a.area.localeCompare(b.area) || dateOf(a).localeCompare(dateOf(b)));
  const firstSorted = ordered(firstInspections);
  const secondSorted = ordered(secondInspections);
  return {
    first: { source: sources.first, inspections: firstSorted, actions: firstSorted.flatMap(actionsFor) },
    second: { source: sources.second, inspections: secondSorted, actions: secondSorted.flatMap(actionsFor) },
    incomplete,
  };
}
