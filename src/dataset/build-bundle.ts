import { FRAMEWORK_OF_KIND, type Bundle, type Certainty, type InspectionKind, type Label, type NodeRow, type RelType } from '../domain/model';
import { ContextBuilder } from './build-context';
import { Declarations, recordName, type DeclaredIn } from './declarations';
import { RecordMerger } from './merge-records';
import { RelationshipSet } from './relationship-set';
import type { ParsedSeedFile } from './read-seeds';
import type { PartialDateSeed, RecordSection, SeedFile, ThemeAssignmentSeed } from './seed-schema';
import { RECORD_SECTIONS } from './seed-schema';
import type { SeedProblem } from './seed-error';

const SECTION_LABEL: Record<RecordSection, Label> = {
  regions: 'Region',
  areas: 'Area',
  themes: 'Theme',
  agencies: 'Agency',
  people: 'Person',
  inspections: 'Inspection',
  reviews: 'Review',
  findings: 'Finding',
  actions: 'Action',
};

type AnyRecord = { id: string } & Record<string, unknown>;

/** For each section: which fields refer to which labels, and the relationship each reference makes. */
interface RefRule {
  field: string;
  labels: Label[];
  /** Relationship created, from the record to the target unless `reverse`. */
  rel?: RelType;
  reverse?: boolean;
}

const REF_RULES: Record<RecordSection, RefRule[]> = {
  regions: [],
  areas: [{ field: 'region', labels: ['Region'], rel: 'IN_REGION' }],
  themes: [],
  agencies: [{ field: 'serves', labels: ['Area'], rel: 'SERVES' }],
  people: [], // worksFor carries a role, handled on its own
  inspections: [
    { field: 'area', labels: ['Area'], rel: 'OF' },
    { field: 'by', labels: ['Agency'], rel: 'BY' },
    { field: 'follows', labels: ['Inspection'], rel: 'FOLLOWS' },
  ],
  reviews: [{ field: 'by', labels: ['Agency'], rel: 'BY' }],
  findings: [
    { field: 'foundBy', labels: ['Inspection', 'Review'], rel: 'FOUND', reverse: true },
    // themes: ABOUT with who assigned each and why, handled on its own
    { field: 'rejectedThemes', labels: ['Theme'] },
    { field: 'concerns', labels: ['Agency'], rel: 'CONCERNS' },
  ],
  actions: [
    { field: 'requiredBy', labels: ['Inspection'], rel: 'REQUIRED', reverse: true },
    { field: 'owners', labels: ['Agency'], rel: 'OWNED_BY' },
    { field: 'addresses', labels: ['Finding'], rel: 'ADDRESSES' },
    { field: 'decidedBy', labels: ['Person', 'Agency'], rel: 'DECIDED_BY' },
    { field: 'delivers', labels: ['Action'], rel: 'DELIVERS' },
  ],
};

const refsOf = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];

function dateProps<N extends string>(name: N, d: PartialDateSeed | undefined) {
  return { [name]: d?.date ?? null, [`${name}Certainty`]: d?.certainty ?? null } as Record<N, string | null> &
    Record<`${N}Certainty`, Certainty | null>;
}

/** Seeds are already validated against seed-schema.ts, so their fields are read without re-checking. */
function toRow(label: Label, r: AnyRecord): NodeRow {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const s: any = r;
  switch (label) {
    case 'Region':
      return { label, id: r.id, name: s.name, gssCode: s.gssCode ?? null };
    case 'Area':
      return {
        label, id: r.id, name: s.name, kind: s.kind, gssCode: s.gssCode, laCode: s.laCode,
        ...dateProps('activeFrom', s.activeFrom), ...dateProps('activeTo', s.activeTo),
      };
    case 'Theme':
      return { label, id: r.id, name: s.name, description: s.description };
    case 'Agency':
      return {
        label, id: r.id, name: s.name, kind: s.kind, aliases: s.aliases, notes: s.notes ?? null,
        odsCode: s.odsCode ?? null, onsCode: s.onsCode ?? null,
        ...dateProps('activeFrom', s.activeFrom), ...dateProps('activeTo', s.activeTo),
      };
    case 'Person':
      return { label, id: r.id, name: s.name, role: s.role ?? null };
    case 'Inspection':
      return {
        label, id: r.id, framework: s.framework ?? FRAMEWORK_OF_KIND[s.kind as InspectionKind], kind: s.kind,
        outcome: s.outcome ?? null, notes: s.notes ?? null,
        ...dateProps('startedOn', s.startedOn), ...dateProps('endedOn', s.endedOn), ...dateProps('publishedOn', s.publishedOn),
        significantWeaknesses: s.significantWeaknesses ?? null,
        weaknessesWithProgress: s.weaknessesWithProgress ?? null,
        weaknessesWithoutProgress: s.weaknessesWithoutProgress ?? null,
        priorityActionPlanRequired: s.priorityActionPlanRequired ?? null,
        ...dateProps('nextInspectionDueBy', s.nextInspectionDueBy),
      };
    case 'Review':
      return {
        label, id: r.id, title: s.title, period: s.period ?? null, areasCovered: s.areasCovered ?? null,
        wsoaCount: s.wsoaCount ?? null, ...dateProps('publishedOn', s.publishedOn),
      };
    case 'Finding':
      return {
        label, id: r.id, polarity: s.polarity, summary: s.summary, quote: s.quote ?? null,
        areasAffected: s.areasAffected ?? null,
      };
    case 'Action':
      return {
        label, id: r.id, kind: s.kind, title: s.title, status: s.status ?? 'UNKNOWN', description: s.description ?? null,
        ...dateProps('startedOn', s.startedOn), ...dateProps('dueOn', s.dueOn),
      };
    case 'Source':
      return {
        label, id: r.id, title: s.title, kind: s.kind, publisher: s.publisher ?? null, authors: s.authors,
        url: s.url ?? null, file: s.file ?? null, licence: s.licence ?? null, notes: s.notes ?? null,
        ...dateProps('publishedOn', s.publishedOn),
      };
  }
}

function findSuccessionCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'active') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'active');
    stack.push(n);
    for (const next of edges.get(n) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of [...edges.keys()].sort()) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return null;
}

const sectionRecords = (seed: SeedFile, section: RecordSection) => seed[section] as unknown as AnyRecord[];

/**
 * The seed files, gone through twice in the same order: first to declare every id, then to check
 * references and convert. The second pass may read the files again (nothing held between the
 * passes) or hand over files held since the first, letting each go once converted.
 */
export interface SeedFilePasses {
  first: Iterable<ParsedSeedFile>;
  second: () => Iterable<ParsedSeedFile>;
}

/** Checks every rule that spans records and files, then converts the seeds to nodes and relationships. */
export function buildBundle(passes: SeedFilePasses, problems: SeedProblem[]): Bundle {
  const declared = new Declarations();
  /** Nodes declared in more than one file: one node, the files' fields merged (merge-records.ts). */
  const declaredAgain = new Set<number>();
  const declare = (id: string, label: Label, file: string, section: DeclaredIn, position: number) => {
    const clash = declared.declare(id, label, file, section, position);
    if (!clash) return;
    const { first } = clash;
    if (declared.labelOf(first) === label && declared.fileOf(first) !== file) {
      declaredAgain.add(first);
      return;
    }
    const elsewhere = declared.labelOf(first) === label ? 'in the same file' : `as ${declared.labelOf(first)}`;
    problems.push({
      file, record: recordName(section, position, id), field: 'id',
      message:
        `duplicate id "${id}": already declared ${elsewhere} in ${declared.fileOf(first)} at ${declared.recordOf(first, id)}; ` +
        'ids are unique across the whole graph (another file may declare the same record again, and the two are merged, but not as another kind nor twice in one file)',
    });
  };

  const context = new ContextBuilder(problems);
  for (const { file, seed } of passes.first) {
    context.declare(file, seed);
    if (seed.source) declare(seed.source.id, 'Source', file, 'source', 0);
    for (const section of RECORD_SECTIONS) {
      sectionRecords(seed, section).forEach((r, i) => declare(r.id, SECTION_LABEL[section], file, section, i));
    }
    const factual = RECORD_SECTIONS.some((s) => s !== 'themes' && seed[s].length > 0) || seed.links.length > 0;
    if (factual && !seed.source) {
      problems.push({ file, record: '(file)', field: 'source', message: 'is required: a file that states facts must name the document that states them' });
    }
  }

  const checkRef = (file: string, record: string, field: string, id: string, labels: Label[]) => {
    const target = declared.index.get(id);
    const wanted = labels.join(' or ');
    if (target === undefined) {
      const what = labels.length === 1 && labels[0] === 'Theme' ? 'unknown theme' : `unknown ${wanted}`;
      problems.push({ file, record, field, message: `${what} "${id}": declare it in a seed file or correct the id` });
      return false;
    }
    const label = declared.labelOf(target);
    if (!labels.includes(label)) {
      problems.push({ file, record, field, message: `"${id}" is a ${label} (declared in ${declared.fileOf(target)}); expected ${wanted}` });
      return false;
    }
    return true;
  };

  // Each node goes where it was declared, so a relationship can name its ends by index before they are built.
  const nodes: NodeRow[] = new Array(declared.size);
  const merger = new RecordMerger(problems);
  const place = (file: string, section: DeclaredIn, position: number, label: Label, record: AnyRecord) => {
    const i = declared.index.get(record.id)!;
    if (declaredAgain.has(i)) {
      if (declared.labelOf(i) === label) merger.add(i, file, recordName(section, position, record.id), record);
    } else if (declared.declaredAt(i, file, section, position)) {
      nodes[i] = toRow(label, record);
    } // else a duplicate, reported
  };
  const rels = new RelationshipSet((id) => declared.index.get(id)!, declared.size);
  const successors = new Map<string, string[]>();
  const successionFile = new Map<string, string>();

  for (const { file, seed } of passes.second()) {
    const sourceId = seed.source?.id;
    if (seed.source) place(file, 'source', 0, 'Source', seed.source as unknown as AnyRecord);
    const reported = (id: string) => sourceId && rels.add({ type: 'REPORTED_IN', from: id, to: sourceId }, sourceId);

    const addThemeAssignments = (r: AnyRecord, record: string) => {
      const rejected = new Set(r.rejectedThemes as string[]);
      (r.themes as ThemeAssignmentSeed[]).forEach((t, j) => {
        const a = typeof t === 'string' ? { id: t, by: 'PERSON' as const, reason: undefined } : t;
        if (!checkRef(file, record, `themes[${j}]`, a.id, ['Theme'])) return;
        if (rejected.has(a.id)) {
          problems.push({ file, record, field: `themes[${j}]`, message: `"${a.id}" is also in rejectedThemes: keep it in one of the two` });
          return;
        }
        rels.add({ type: 'ABOUT', from: r.id, to: a.id, assignedBy: a.by, reason: a.reason ?? null }, sourceId);
      });
    };

    for (const section of RECORD_SECTIONS) {
      sectionRecords(seed, section).forEach((r, i) => {
        const record = `${section}[${i}] "${r.id}"`;
        place(file, section, i, SECTION_LABEL[section], r);
        reported(r.id);
        for (const rule of REF_RULES[section]) {
          refsOf(r[rule.field]).forEach((target, j) => {
            const field = Array.isArray(r[rule.field]) ? `${rule.field}[${j}]` : rule.field;
            if (!checkRef(file, record, field, target, rule.labels) || !rule.rel) return;
            rels.add(rule.reverse ? { type: rule.rel, from: target, to: r.id } : { type: rule.rel, from: r.id, to: target }, sourceId);
          });
        }
        if (section === 'findings') addThemeAssignments(r, record);
        if (section === 'people') {
          (r.worksFor as { agency: string; role?: string }[]).forEach((w, j) => {
            if (checkRef(file, record, `worksFor[${j}].agency`, w.agency, ['Agency'])) {
              rels.add({ type: 'WORKS_FOR', from: r.id, to: w.agency, role: w.role ?? (r.role as string | undefined) ?? null }, sourceId);
            }
          });
        }
      });
    }

    seed.mentions.forEach((id, i) => {
      if (declared.index.has(id)) reported(id);
      else problems.push({ file, record: '(file)', field: `mentions[${i}]`, message: `unknown id "${id}": declare it in a seed file or correct the id` });
    });

    seed.links.forEach((l, i) => {
      const record = `links[${i}] "${l.from} ${l.type} ${l.to}"`;
      // SERVES: an agency to an area; PART_OF: an agency to an agency; SUCCEEDED_BY: an agency to an agency, or an area to an area.
      const fromLabels: Label[] = l.type === 'SUCCEEDED_BY' ? ['Agency', 'Area'] : ['Agency'];
      if (!checkRef(file, record, 'from', l.from, fromLabels)) return;
      const toLabel: Label = l.type === 'SERVES' ? 'Area' : declared.labelOf(declared.index.get(l.from)!);
      if (!checkRef(file, record, 'to', l.to, [toLabel])) return;
      if (l.type === 'SERVES') {
        rels.add({ type: 'SERVES', from: l.from, to: l.to, since: l.since ?? null, until: l.until ?? null, share: l.share ?? null }, sourceId);
        return;
      }
      if (l.type === 'PART_OF') {
        rels.add({ type: 'PART_OF', from: l.from, to: l.to }, sourceId);
        return;
      }
      rels.add({ type: 'SUCCEEDED_BY', from: l.from, to: l.to, on: l.on?.date ?? null, onCertainty: l.on?.certainty ?? null }, sourceId);
      successors.set(l.from, [...(successors.get(l.from) ?? []), l.to]);
      if (!successionFile.has(l.from)) successionFile.set(l.from, file);
    });
    context.add(file, seed, (id) => {
      const i = declared.index.get(id);
      return i === undefined ? undefined : declared.labelOf(i);
    });
  }

  for (const [i, { record }] of merger.entries()) nodes[i] = toRow(declared.labelOf(i), record);

  const cycle = findSuccessionCycle(successors);
  if (cycle) {
    problems.push({
      file: successionFile.get(cycle[0]) ?? '(seeds)', record: 'links', field: '',
      message: `succession forms a cycle (${cycle.join(' -> ')}); an agency or area cannot succeed itself`,
    });
  }

  return { nodes, relationships: rels.columns(), nodeIndex: declared.index, context: context.build() };
}
