import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { IndicatorRow, NeighbourRow, ObservationRow } from '../../domain/context';
import type { ContextQueries, HistoryInspection, IndicatorWindowArgs, InspectionWindowRow, NeighbourComparisonRow } from '../context-port';
import type { EvidencePairRow } from '../port';
import * as cypher from './context-cypher';
import { summariseByOutcome, type OutcomeIndicatorGroup } from '../context-summaries';
import type { Statement } from './cypher';
import { toPlain } from './values';

type Plain = Record<string, unknown>;
const orNull = <T>(v: unknown) => (v === undefined ? null : (v as T));

const indicatorRow = (p: Plain): IndicatorRow => ({
  id: p.id as string, name: p.name as string, unit: p.unit as IndicatorRow['unit'], definition: p.definition as string,
  numerator: orNull(p.numerator), denominator: orNull(p.denominator), caveats: orNull(p.caveats),
  firstYear: orNull(p.firstYear), lastYear: orNull(p.lastYear), sourceIds: (p.sourceIds as string[]) ?? [],
});
const observationRow = (p: Plain): ObservationRow => ({
  indicatorId: p.indicator as string, subjectId: p.subject as string, year: p.year as number,
  value: orNull(p.value), numerator: orNull(p.numerator), denominator: orNull(p.denominator), sourceIds: (p.sourceIds as string[]) ?? [],
});
const neighbourRow = (p: Plain): NeighbourRow => ({
  areaId: p.areaId as string, neighbourId: p.neighbourId as string, edition: p.edition as string, rank: p.rank as number,
  closeness: p.closeness as NeighbourRow['closeness'], sourceIds: (p.sourceIds as string[]) ?? [],
});

/** The context queries over Neo4j, each one Cypher statement through the store's `read`. */
export class Neo4jContext implements ContextQueries {
  constructor(private readonly read: (s: Statement) => Promise<Neo4jRecord[]>) {}

  async indicators(): Promise<IndicatorRow[]> {
    return (await this.read(cypher.indicatorsStatement())).map((r) => indicatorRow(toPlain(r.get('indicator')) as Plain));
  }

  async indicatorSeries(subjectIds: readonly string[], indicatorId: string, from: number | null, to: number | null): Promise<ObservationRow[][]> {
    const records = await this.read(cypher.indicatorSeriesStatement(subjectIds, indicatorId, from, to));
    const bySubject = new Map(records.map((r) => [r.get('subject') as string, (toPlain(r.get('observations')) as Plain[]).map(observationRow)]));
    return subjectIds.map((s) => (bySubject.get(s) ?? []).sort((a, b) => a.year - b.year));
  }

  async neighbourEditions(): Promise<string[]> {
    return (await this.read(cypher.neighbourEditionsStatement())).map((r) => r.get('edition') as string);
  }

  async statisticalNeighbours(areaIds: readonly string[], edition: string, first: number): Promise<NeighbourRow[][]> {
    const records = await this.read(cypher.statisticalNeighboursStatement(areaIds, edition, first));
    const byArea = new Map(records.map((r) => [r.get('areaId') as string, (toPlain(r.get('neighbours')) as Plain[]).map(neighbourRow)]));
    return areaIds.map((a) => (byArea.get(a) ?? []).sort((x, y) => x.rank - y.rank));
  }

  async indicatorByOutcome(args: IndicatorWindowArgs): Promise<OutcomeIndicatorGroup[]> {
    return summariseByOutcome(await this.inspectionIndicatorWindows(args));
  }

  async inspectionIndicatorWindows(args: IndicatorWindowArgs): Promise<InspectionWindowRow[]> {
    return (await this.read(cypher.inspectionIndicatorWindowsStatement(args))).map((r) => ({
      inspectionId: r.get('inspectionId'), areaId: r.get('areaId'), outcome: r.get('outcome'), year: toPlain(r.get('year')) as number,
      values: (toPlain(r.get('values')) as [number, number][]).sort((a, b) => a[0] - b[0]),
    }));
  }

  async neighbourComparison(areaId: string, edition: string): Promise<NeighbourComparisonRow[]> {
    return (await this.read(cypher.neighbourComparisonStatement(areaId, edition))).map((r) => ({
      neighbour: neighbourRow({ areaId: r.get('areaId'), neighbourId: r.get('neighbourId'), edition: r.get('edition'), rank: toPlain(r.get('rank')), closeness: r.get('closeness'), sourceIds: r.get('sourceIds') }),
      inspections: toPlain(r.get('inspections')) as HistoryInspection[],
      shared: (toPlain(r.get('shared')) as Omit<EvidencePairRow, 'score' | 'sharedTerms'>[]).map((e) => ({ ...e, score: null, sharedTerms: [] })),
    }));
  }
}
