import { emptyContext, type ContextData, type IndicatorRow, type NeighbourRow, type ObservationRow } from '../../domain/context';
import { inspectionDate } from '../../domain/inspection-order';
import type { InspectionRow } from '../../domain/model';
import type { ContextQueries, HistoryInspection, IndicatorWindowArgs, InspectionWindowRow, NeighbourComparisonRow } from '../context-port';
import { deadlineTicker } from '../deadline';
import { byId } from '../ordering';
import { summariseByOutcome, type OutcomeIndicatorGroup } from '../context-summaries';
import { forEachInspectionBack } from './area-history';
import type { MemoryGraph } from './memory-graph';

/** How many indicatorByOutcome answers are kept, the latest asked. */
const KEPT_ANSWERS = 32;

/** DfE's indicators and neighbours held in process, indexed by subject and indicator, and by edition and area. */
export class MemoryContext implements ContextQueries {
  private readonly series = new Map<string, ObservationRow[]>();
  private readonly neighbours = new Map<string, NeighbourRow[]>();
  private readonly editions: string[];
  private readonly byOutcome = new Map<string, OutcomeIndicatorGroup[]>();
  private readonly context: ContextData;

  constructor(private readonly g: MemoryGraph) {
    this.context = g.bundle.context ?? emptyContext();
    // The bundle's observations are in indicator, subject, year order, its neighbours in edition, area, rank order.
    for (const o of this.context.observations) push(this.series, `${o.subjectId}|${o.indicatorId}`, o);
    for (const n of this.context.neighbours) push(this.neighbours, `${n.edition}|${n.areaId}`, n);
    this.editions = [...new Set(this.context.neighbours.map((n) => n.edition))].sort();
  }

  async indicators(): Promise<IndicatorRow[]> {
    return this.context.indicators;
  }

  async indicatorSeries(subjectIds: readonly string[], indicatorId: string, from: number | null, to: number | null): Promise<ObservationRow[][]> {
    return subjectIds.map((s) => (this.series.get(`${s}|${indicatorId}`) ?? []).filter((o) => (from === null || o.year >= from) && (to === null || o.year <= to)));
  }

  async neighbourEditions(): Promise<string[]> {
    return this.editions;
  }

  async statisticalNeighbours(areaIds: readonly string[], edition: string, first: number): Promise<NeighbourRow[][]> {
    return areaIds.map((a) => (this.neighbours.get(`${edition}|${a}`) ?? []).slice(0, first));
  }

  /** The graph does not change once loaded: each question's answer is kept (a few, the latest asked). */
  async indicatorByOutcome(args: IndicatorWindowArgs): Promise<OutcomeIndicatorGroup[]> {
    const key = `${args.indicatorId}|${args.framework}|${args.yearsBefore}`;
    let groups = this.byOutcome.get(key);
    if (!groups) {
      groups = summariseByOutcome(this.inspectionIndicatorWindows(args));
      if (this.byOutcome.size >= KEPT_ANSWERS) this.byOutcome.delete(this.byOutcome.keys().next().value!);
    } else this.byOutcome.delete(key);
    this.byOutcome.set(key, groups);
    return groups;
  }

  /** Every inspection of the framework with an outcome and a date, with its area's known values of the indicator in the years before it. */
  inspectionIndicatorWindows(args: IndicatorWindowArgs): InspectionWindowRow[] {
    const out: InspectionWindowRow[] = [];
    const tick = deadlineTicker(64);
    for (const row of this.g.rowIndexes('Inspection')) {
      tick();
      const i = this.g.rowAt(row) as InspectionRow;
      const date = inspectionDate(i);
      if (i.framework !== args.framework || !i.outcome || !date) continue;
      const [year, outcome] = [Number(date.slice(0, 4)), i.outcome];
      this.g.forEachLinked(i.id, 'OF', 'OUT', (areaId) => {
        const values: [number, number][] = [];
        for (const o of this.series.get(`${areaId}|${args.indicatorId}`) ?? []) {
          if (o.value !== null && o.year >= year - args.yearsBefore && o.year < year) values.push([o.year, o.value]);
        }
        out.push({ inspectionId: i.id, areaId, outcome, year, values });
      });
    }
    return out;
  }

  async neighbourComparison(areaId: string, edition: string): Promise<NeighbourComparisonRow[]> {
    const mine = this.g.areaThemeFindings.WEAKNESS.get(areaId);
    return (this.neighbours.get(`${edition}|${areaId}`) ?? []).map((neighbour) => {
      const theirs = this.g.areaThemeFindings.WEAKNESS.get(neighbour.neighbourId);
      const shared = [...(mine?.keys() ?? [])]
        .filter((t) => theirs?.has(t))
        .sort(byId)
        .map((themeId) => ({ themeId, findingId: minId(mine!.get(themeId)!), matchId: minId(theirs!.get(themeId)!), score: null, sharedTerms: [] }));
      return { neighbour, inspections: this.history(neighbour.neighbourId), shared };
    });
  }

  /** The area's inspections and its predecessors', as far back as outcomeTransitions looks. */
  private history(areaId: string): HistoryInspection[] {
    const out: HistoryInspection[] = [];
    forEachInspectionBack(this.g, areaId, (i) => out.push({ id: i.id, framework: i.framework, kind: i.kind, date: inspectionDate(i) || null }));
    return out;
  }
}

const minId = (ids: readonly string[]) => ids.reduce((a, b) => (b < a ? b : a));

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
