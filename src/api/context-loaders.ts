import DataLoader from 'dataloader';
import { ENGLAND_ID, type IndicatorRow, type NeighbourRow } from '../domain/context';
import type { RequestContext } from './context';
import type { IndicatorValueRow } from './context-mappers';
import { badInput } from './errors';

/**
 * Per request: the indicators and editions (read once), and DataLoaders that fetch an indicator's
 * values, or an edition's neighbours, for every area a request asks about in one store call.
 */
class ContextLoaders {
  private indicatorList?: Promise<IndicatorRow[]>;
  private editionList?: Promise<string[]>;
  private readonly series = new Map<string, DataLoader<string, IndicatorValueRow[]>>();
  private readonly neighbours = new Map<string, DataLoader<string, NeighbourRow[]>>();

  constructor(private readonly ctx: RequestContext) {}

  indicators(): Promise<IndicatorRow[]> {
    return (this.indicatorList ??= this.ctx.store.indicators());
  }

  /** The indicator of that name, or BAD_USER_INPUT listing the names there are. */
  async indicator(name: string): Promise<IndicatorRow> {
    const all = await this.indicators();
    const found = all.find((i) => i.id === name);
    if (!found) throw badInput(`"name" must be one of the indicators: ${all.map((i) => i.id).join(', ')}; got "${name}".`, 'name');
    return found;
  }

  /** The edition asked for, or the latest; BAD_USER_INPUT for one the graph does not hold. */
  async edition(edition: string | null | undefined): Promise<string | null> {
    const all = await (this.editionList ??= this.ctx.store.neighbourEditions());
    if (edition === null || edition === undefined) return all[all.length - 1] ?? null;
    if (!all.includes(edition)) throw badInput(`"edition" must be one of the editions of statistical neighbours: ${all.join(', ') || 'none'}; got "${edition}".`, 'edition');
    return edition;
  }

  async values(subjectId: string, args: { name: string; from?: number | null; to?: number | null; first?: number | null }): Promise<IndicatorValueRow[]> {
    const indicator = await this.indicator(args.name);
    const [from, to] = [checkYear(args.from, 'from'), checkYear(args.to, 'to')];
    if (from !== null && to !== null && from > to) throw badInput(`"from" (${from}) must not be after "to" (${to}).`, 'from');
    const key = `${indicator.id}|${from}|${to}`;
    let loader = this.series.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) =>
        (await this.ctx.store.indicatorSeries(ids, indicator.id, from, to)).map((rows) => rows.map((o) => ({ ...o, unit: indicator.unit }))));
      this.series.set(key, loader);
    }
    return (await loader.load(subjectId)).slice(0, args.first ?? undefined);
  }

  async neighboursOf(areaId: string, edition: string | null | undefined, first: number): Promise<NeighbourRow[]> {
    const chosen = await this.edition(edition);
    if (chosen === null) return [];
    let loader = this.neighbours.get(chosen);
    if (!loader) {
      // Ten at most per area: the loader fetches all and each field cuts to its first.
      loader = new DataLoader((ids) => this.ctx.store.statisticalNeighbours(ids, chosen, 10));
      this.neighbours.set(chosen, loader);
    }
    return (await loader.load(areaId)).slice(0, first);
  }
}

const checkYear = (value: number | null | undefined, argument: string): number | null => {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1900 || value > 2100) throw badInput(`"${argument}" must be a calendar year such as 2019; got ${value}.`, argument);
  return value;
};

const byRequest = new WeakMap<RequestContext, ContextLoaders>();

export const contextLoaders = (ctx: RequestContext): ContextLoaders => {
  let loaders = byRequest.get(ctx);
  if (!loaders) byRequest.set(ctx, (loaders = new ContextLoaders(ctx)));
  return loaders;
};

export const ENGLAND = { id: ENGLAND_ID, name: 'England' };
