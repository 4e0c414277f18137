import { REL_TYPES, type Bundle, type Certainty, type Label, type NodeRow, type RelRow, type RelType } from '../domain/model';
import type { ParsedSeedFile } from './read-seeds';
import type { PartialDateSeed, RecordSection, SeedFile } from './seed-schema';
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

interface Declared {
  /** The id string every relationship uses, so that millions of references share one copy. */
  id: string;
  /** Dense position, for compact relationship keys. */
  index: number;
  label: Label;
  file: string;
  /** The record, for messages: "source" or a section and position. */
  section: RecordSection | 'source';
  position: number;
}

const TYPE_CODE = new Map<RelType, number>(REL_TYPES.map((t, i) => [t, i]));

const recordName = (d: Declared) => (d.section === 'source' ? `source "${d.id}"` : `${d.section}[${d.position}] "${d.id}"`);

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
    { field: 'themes', labels: ['Theme'], rel: 'ABOUT' },
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
      return { label, id: r.id, name: s.name, kind: s.kind, gssCode: s.gssCode, laCode: s.laCode };
    case 'Theme':
      return { label, id: r.id, name: s.name, description: s.description };
    case 'Agency':
      return {
        label, id: r.id, name: s.name, kind: s.kind, aliases: s.aliases, notes: s.notes ?? null,
        ...dateProps('activeFrom', s.activeFrom), ...dateProps('activeTo', s.activeTo),
      };
    case 'Person':
      return { label, id: r.id, name: s.name, role: s.role ?? null };
    case 'Inspection':
      return {
        label, id: r.id, kind: s.kind, outcome: s.outcome, notes: s.notes ?? null,
        ...dateProps('startedOn', s.startedOn), ...dateProps('publishedOn', s.publishedOn),
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
        label, id: r.id, kind: s.kind, title: s.title, status: s.status, description: s.description ?? null,
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

/** Accumulates relationships, merging the sources of one stated more than once. */
class RelationshipSet {
  private readonly byKey = new Map<number | string, RelRow>();
  /** One shared array per source: millions of relationships state only the file's own source. */
  private readonly single = new Map<string, string[]>();
  /** Keys are numbers while ids fit in 24 bits each (a number key costs a fraction of a string). */
  private readonly numericKeys: boolean;

  constructor(private readonly declared: ReadonlyMap<string, Declared>) {
    this.numericKeys = declared.size < 2 ** 24;
  }

  /** Both ends must be declared (references are checked before they are added). */
  add(rel: Omit<RelRow, 'sourceIds'>, sourceId: string | undefined): void {
    const from = this.declared.get(rel.from)!;
    const to = this.declared.get(rel.to)!;
    const key = this.numericKeys ? (TYPE_CODE.get(rel.type)! * 2 ** 24 + from.index) * 2 ** 24 + to.index : `${rel.type}|${rel.from}|${rel.to}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (sourceId && !existing.sourceIds.includes(sourceId)) existing.sourceIds = [...existing.sourceIds, sourceId];
      return;
    }
    let sourceIds: string[] = [];
    if (sourceId) {
      sourceIds = this.single.get(sourceId) ?? [sourceId];
      this.single.set(sourceId, sourceIds);
    }
    // A literal, not a spread: a spread copy costs four times the memory, and there are millions.
    const row: RelRow = { type: rel.type, from: from.id, to: to.id, sourceIds };
    if (rel.type === 'SUCCEEDED_BY') Object.assign(row, { on: rel.on ?? null, onCertainty: rel.onCertainty ?? null });
    if (rel.type === 'WORKS_FOR') row.role = rel.role ?? null;
    this.byKey.set(key, row);
  }

  toArray(): RelRow[] {
    return [...this.byKey.values()];
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
 * Checks every rule that spans records and files, then converts the seeds to nodes and
 * relationships. Takes the files over: `files` is emptied and each file is let go once converted,
 * so that the parsed seeds and the graph are not both held whole.
 */
export function buildBundle(files: ParsedSeedFile[], problems: SeedProblem[]): Bundle {
  const declared = new Map<string, Declared>();
  const declare = (d: Omit<Declared, 'index'>) => {
    const first = declared.get(d.id);
    if (first) {
      problems.push({
        file: d.file, record: recordName({ ...d, index: -1 }), field: 'id',
        message: `duplicate id "${d.id}": already declared as ${first.label} in ${first.file} at ${recordName(first)}; ids are unique across the whole graph`,
      });
    } else declared.set(d.id, { ...d, index: declared.size });
  };

  for (const { file, seed } of files) {
    if (seed.source) declare({ id: seed.source.id, label: 'Source', file, section: 'source', position: 0 });
    for (const section of RECORD_SECTIONS) {
      sectionRecords(seed, section).forEach((r, i) => declare({ id: r.id, label: SECTION_LABEL[section], file, section, position: i }));
    }
    const factual = RECORD_SECTIONS.some((s) => s !== 'themes' && seed[s].length > 0) || seed.links.length > 0;
    if (factual && !seed.source) {
      problems.push({ file, record: '(file)', field: 'source', message: 'is required: a file that states facts must name the document that states them' });
    }
  }

  const checkRef = (file: string, record: string, field: string, id: string, labels: Label[]) => {
    const target = declared.get(id);
    const wanted = labels.join(' or ');
    if (!target) {
      const what = labels.length === 1 && labels[0] === 'Theme' ? 'unknown theme' : `unknown ${wanted}`;
      problems.push({ file, record, field, message: `${what} "${id}": declare it in a seed file or correct the id` });
      return false;
    }
    if (!labels.includes(target.label)) {
      problems.push({ file, record, field, message: `"${id}" is a ${target.label} (declared in ${target.file}); expected ${wanted}` });
      return false;
    }
    return true;
  };

  const nodes: NodeRow[] = [];
  const rels = new RelationshipSet(declared);
  const successors = new Map<string, string[]>();
  const successionFile = new Map<string, string>();

  const pending: (ParsedSeedFile | undefined)[] = files.splice(0);
  for (let i = 0; i < pending.length; i++) {
    const { file, seed } = pending[i]!;
    pending[i] = undefined;
    const sourceId = seed.source?.id;
    if (seed.source) nodes.push(toRow('Source', seed.source as unknown as AnyRecord));
    const reported = (id: string) => sourceId && rels.add({ type: 'REPORTED_IN', from: id, to: sourceId }, sourceId);

    for (const section of RECORD_SECTIONS) {
      sectionRecords(seed, section).forEach((r, i) => {
        const record = `${section}[${i}] "${r.id}"`;
        nodes.push(toRow(SECTION_LABEL[section], r));
        reported(r.id);
        for (const rule of REF_RULES[section]) {
          refsOf(r[rule.field]).forEach((target, j) => {
            const field = Array.isArray(r[rule.field]) ? `${rule.field}[${j}]` : rule.field;
            if (!checkRef(file, record, field, target, rule.labels) || !rule.rel) return;
            rels.add(rule.reverse ? { type: rule.rel, from: target, to: r.id } : { type: rule.rel, from: r.id, to: target }, sourceId);
          });
        }
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
      if (declared.has(id)) reported(id);
      else problems.push({ file, record: '(file)', field: `mentions[${i}]`, message: `unknown id "${id}": declare it in a seed file or correct the id` });
    });

    seed.links.forEach((l, i) => {
      const record = `links[${i}] "${l.from} ${l.type} ${l.to}"`;
      const toLabel: Label = l.type === 'SERVES' ? 'Area' : 'Agency';
      const ok = checkRef(file, record, 'from', l.from, ['Agency']) && checkRef(file, record, 'to', l.to, [toLabel]);
      if (!ok) return;
      if (l.type === 'SERVES') {
        rels.add({ type: 'SERVES', from: l.from, to: l.to }, sourceId);
        return;
      }
      rels.add({ type: 'SUCCEEDED_BY', from: l.from, to: l.to, on: l.on?.date ?? null, onCertainty: l.on?.certainty ?? null }, sourceId);
      successors.set(l.from, [...(successors.get(l.from) ?? []), l.to]);
      if (!successionFile.has(l.from)) successionFile.set(l.from, file);
    });
  }

  const cycle = findSuccessionCycle(successors);
  if (cycle) {
    problems.push({
      file: successionFile.get(cycle[0]) ?? '(seeds)', record: 'links', field: '',
      message: `succession forms a cycle (${cycle.join(' -> ')}); an agency cannot succeed itself`,
    });
  }

  return { nodes, relationships: rels.toArray() };
}
