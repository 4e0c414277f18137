import { ENGLAND_ID, morePrecise, sameMeasure, type ContextData, type IndicatorRow, type NeighbourRow, type ObservationRow } from '../domain/context';
import type { Label } from '../domain/model';
import type { SeedFile } from './seed-schema';
import type { SeedProblem } from './seed-error';

type IndicatorSeed = SeedFile['indicators'][number];

const sameFields = (a: IndicatorSeed, b: IndicatorSeed) =>
  (['name', 'unit', 'definition', 'numerator', 'denominator', 'caveats'] as const).find((k) => (a[k] ?? null) !== (b[k] ?? null));

/**
 * The seeds' indicators, series and statistical neighbours, checked across files like records are
 * (merge-records.ts): an indicator declared by several files must be declared in the same words; a
 * value two files give must agree, and is kept once with both sources (a value one file gives and
 * another suppresses is the one given); an area's neighbours in an edition may be stated twice only
 * alike. Anything else stops loading naming both files.
 */
export class ContextBuilder {
  private readonly indicators = new Map<string, { seed: IndicatorSeed; file: string; record: string; sourceIds: string[] }>();
  private readonly observations = new Map<string, ObservationRow & { file: string; record: string }>();
  private readonly neighbours = new Map<string, { rows: NeighbourRow[]; file: string; record: string }>();

  constructor(private readonly problems: SeedProblem[]) {}

  /** First pass: every file's indicators, so a series may name one declared in a later file. */
  declare(file: string, seed: SeedFile): void {
    const sourceId = seed.source?.id;
    seed.indicators.forEach((ind, i) => {
      const record = `indicators[${i}] "${ind.id}"`;
      const known = this.indicators.get(ind.id);
      if (!known) {
        this.indicators.set(ind.id, { seed: ind, file, record, sourceIds: sourceId ? [sourceId] : [] });
        return;
      }
      const differs = known.file === file ? 'id' : sameFields(known.seed, ind);
      if (differs) {
        this.problems.push({
          file, record, field: differs,
          message: known.file === file
            ? `indicator "${ind.id}" is declared twice in this file (first at ${known.record})`
            : `differs from the same indicator in ${known.file} at ${known.record}: an indicator is declared in the same words by every file that gives its values`,
        });
      } else if (sourceId && !known.sourceIds.includes(sourceId)) known.sourceIds.push(sourceId);
    });
    const factual = seed.indicators.length > 0 || seed.series.length > 0 || seed.neighbours.length > 0;
    if (factual && !seed.source) this.problems.push({ file, record: '(file)', field: 'source', message: 'is required: a file that gives statistics must name the document that states them' });
  }

  /** Second pass: series and neighbours, their references checked against the declared records. */
  add(file: string, seed: SeedFile, labelOf: (id: string) => Label | undefined): void {
    const sourceIds = seed.source ? [seed.source.id] : [];
    seed.series.forEach((s, i) => {
      const record = `series[${i}] "${s.indicator} of ${s.of}"`;
      if (!this.indicators.has(s.indicator)) {
        this.problems.push({ file, record, field: 'indicator', message: `unknown indicator "${s.indicator}": declare it under indicators (known: ${[...this.indicators.keys()].sort().join(', ') || 'none'})` });
        return;
      }
      const label = labelOf(s.of);
      if (s.of !== ENGLAND_ID && label !== 'Area' && label !== 'Region') {
        this.problems.push({ file, record, field: 'of', message: `"${s.of}" is ${label ? `a ${label}` : 'not declared'}: a series is of "${ENGLAND_ID}", a Region or an Area` });
        return;
      }
      const years = new Set<number>();
      s.points.forEach((p, j) => {
        const [year, value, numerator = null, denominator = null] = p;
        if (years.has(year)) {
          this.problems.push({ file, record, field: `points[${j}]`, message: `year ${year} is given twice` });
          return;
        }
        years.add(year);
        this.observe({ indicatorId: s.indicator, subjectId: s.of, year, value, numerator, denominator, sourceIds, file, record: `${record}, points[${j}]` });
      });
    });
    seed.neighbours.forEach((n, i) => {
      const record = `neighbours[${i}] "${n.area} ${n.edition}"`;
      const check = (id: string, field: string) => {
        const label = labelOf(id);
        if (label === 'Area') return true;
        this.problems.push({ file, record, field, message: `"${id}" is ${label ? `a ${label}` : 'not declared'}: statistical neighbours are areas` });
        return false;
      };
      if (!check(n.area, 'area')) return;
      const seen = new Set<string>([n.area]);
      const rows: NeighbourRow[] = [];
      n.ranked.forEach((r, j) => {
        if (!check(r.area, `ranked[${j}].area`)) return;
        if (seen.has(r.area)) {
          this.problems.push({ file, record, field: `ranked[${j}].area`, message: `"${r.area}" is ${r.area === n.area ? 'the area itself' : 'listed twice'}` });
          return;
        }
        seen.add(r.area);
        rows.push({ areaId: n.area, neighbourId: r.area, edition: n.edition, rank: j + 1, closeness: r.closeness, sourceIds });
      });
      const key = `${n.edition}|${n.area}`;
      const known = this.neighbours.get(key);
      if (!known) {
        this.neighbours.set(key, { rows, file, record });
        return;
      }
      const alike = known.rows.length === rows.length && known.rows.every((k, j) => k.neighbourId === rows[j].neighbourId && k.closeness === rows[j].closeness);
      if (!alike || known.file === file) {
        this.problems.push({ file, record, field: 'ranked', message: `${known.file === file ? 'repeats' : 'differs from'} ${n.area}'s ${n.edition} neighbours in ${known.file} at ${known.record}` });
        return;
      }
      for (const k of known.rows) for (const s of sourceIds) if (!k.sourceIds.includes(s)) k.sourceIds = [...k.sourceIds, s];
    });
  }

  private observe(o: ObservationRow & { file: string; record: string }): void {
    const key = `${o.indicatorId}|${o.subjectId}|${o.year}`;
    const known = this.observations.get(key);
    if (!known) {
      this.observations.set(key, o);
      return;
    }
    const stated = (x: ObservationRow) => x.value !== null || x.numerator !== null || x.denominator !== null;
    if (!stated(o)) {
      if (!stated(known)) known.sourceIds = [...new Set([...known.sourceIds, ...o.sourceIds])];
      return;
    }
    if (!stated(known)) {
      this.observations.set(key, o);
      return;
    }
    const field = (['value', 'numerator', 'denominator'] as const).find((f) => known[f] !== null && o[f] !== null && !sameMeasure(known[f], o[f]));
    if (field) {
      this.problems.push({
        file: o.file, record: o.record, field,
        message: `${o.indicatorId} of ${o.subjectId} in ${o.year}: ${field} ${o[field]} here, ${known[field]} in ${known.file} at ${known.record}; two sources of the same value must agree`,
      });
      return;
    }
    known.value = known.value === null ? o.value : o.value === null ? known.value : morePrecise(known.value, o.value);
    known.numerator ??= o.numerator;
    known.denominator ??= o.denominator;
    known.sourceIds = [...new Set([...known.sourceIds, ...o.sourceIds])];
  }

  build(): ContextData {
    const englandYears = new Map<string, number[]>();
    for (const o of this.observations.values()) if (o.subjectId === ENGLAND_ID && o.value !== null) englandYears.set(o.indicatorId, [...(englandYears.get(o.indicatorId) ?? []), o.year]);
    const indicators: IndicatorRow[] = [...this.indicators.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, { seed: s, sourceIds }]) => ({
        id, name: s.name, unit: s.unit, definition: s.definition, numerator: s.numerator ?? null,
        denominator: s.denominator ?? null, caveats: s.caveats ?? null,
        firstYear: englandYears.has(id) ? Math.min(...englandYears.get(id)!) : null,
        lastYear: englandYears.has(id) ? Math.max(...englandYears.get(id)!) : null,
        sourceIds: [...sourceIds].sort(),
      }));
    const observations: ObservationRow[] = [...this.observations.values()]
      .map(({ file: _f, record: _r, ...o }) => ({ ...o, sourceIds: [...o.sourceIds].sort() }))
      .sort((a, b) => cmp(a.indicatorId, b.indicatorId) || cmp(a.subjectId, b.subjectId) || a.year - b.year);
    const neighbours = [...this.neighbours.values()]
      .flatMap((n) => n.rows.map((r) => ({ ...r, sourceIds: [...r.sourceIds].sort() })))
      .sort((a, b) => cmp(a.edition, b.edition) || cmp(a.areaId, b.areaId) || a.rank - b.rank);
    return { indicators, observations, neighbours };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
