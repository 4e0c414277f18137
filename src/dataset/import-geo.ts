import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { Objects, Topology, GeometryCollection, Polygon as TopoPolygon, MultiPolygon as TopoMultiPolygon } from 'topojson-specification';
import type { AreaRow } from '../domain/model';

/**
 * The SEND areas' boundaries for the explorer's map: the 2023 district boundaries joined into
 * areas through the local authority register (a county is the union of its districts, a unitary
 * authority is its own district), simplified, as TopoJSON with each area's id. Former areas
 * (with an end date) are not drawn: their land belongs to their successors in 2023.
 */

export const GEO_ATTRIBUTION =
  'Boundaries: Office for National Statistics, Local Authority Districts (May 2023), simplified by Data to Insight; ' +
  'contains OS data © Crown copyright and database right 2023; contains National Statistics data © Crown copyright and database right 2023; ' +
  'Open Government Licence v3.0. Districts joined into areas with mySociety\'s UK local authority names and codes (CC BY 4.0).';

interface DistrictProps {
  LAD23CD: string;
  LAD23NM: string;
}
interface RegisterRow {
  'gss-code': string;
  'local-authority-code': string;
  'county-la': string;
}

export class GeoImportError extends Error {}

export interface GeoImport {
  json: string;
  areas: number;
  districts: number;
  bytes: number;
}

/** Area id for each English district: its own area when it is one, else the county whose code the register gives it. */
function districtAreas(districts: Feature<Polygon | MultiPolygon, DistrictProps>[], register: RegisterRow[], areas: AreaRow[]): Map<string, string> {
  const byGss = new Map(areas.map((a) => [a.gssCode, a.id]));
  const byLaCode = new Map(areas.map((a) => [a.laCode, a.id]));
  const registerByGss = new Map(register.map((r) => [r['gss-code'], r]));
  const out = new Map<string, string>();
  const unmatched: string[] = [];
  for (const d of districts) {
    const code = d.properties.LAD23CD;
    const county = registerByGss.get(code)?.['county-la'];
    const area = byGss.get(code) ?? (county ? byLaCode.get(county) : undefined);
    if (area) out.set(code, area);
    else unmatched.push(`${d.properties.LAD23NM} (${code}${county ? `, county ${county}` : ''})`);
  }
  if (unmatched.length) throw new GeoImportError(`These English districts belong to no current area in the seeds (by GSS code, or county code through the register):\n  ${unmatched.join('\n  ')}`);
  return out;
}

export function importGeo(districtsPath: string, registerPath: string, allAreas: AreaRow[], keep = 0.12): GeoImport {
  const collection = JSON.parse(readFileSync(districtsPath, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, DistrictProps>;
  if (collection.type !== 'FeatureCollection' || !collection.features?.[0]?.properties?.LAD23CD) {
    throw new GeoImportError(`${districtsPath} is not a GeoJSON FeatureCollection of districts with LAD23CD properties`);
  }
  const register = parseCsv(readFileSync(registerPath), { columns: true, skip_empty_lines: true }) as RegisterRow[];
  const areas = allAreas.filter((a) => !a.activeTo);
  const english = collection.features.filter((f) => f.properties.LAD23CD.startsWith('E'));
  const areaOf = districtAreas(english, register, areas);

  // Merging in topology joins districts along their shared arcs, so no slivers open between them.
  const districtCollection: FeatureCollection = { type: 'FeatureCollection', features: english };
  const districtTopology = topology({ districts: districtCollection });
  const districtGeoms = (districtTopology.objects.districts as GeometryCollection<DistrictProps>).geometries as (TopoPolygon<DistrictProps> | TopoMultiPolygon<DistrictProps>)[];
  const missing = areas.filter((a) => ![...areaOf.values()].includes(a.id));
  if (missing.length) throw new GeoImportError(`No district boundary for these areas: ${missing.map((a) => `${a.name} (${a.gssCode})`).join(', ')}`);

  const merged: Feature<Polygon | MultiPolygon, { name: string; gssCode: string }>[] = areas.map((a) => {
    const parts = districtGeoms.filter((g) => areaOf.get(g.properties!.LAD23CD) === a.id);
    return { type: 'Feature', id: a.id, properties: { name: a.name, gssCode: a.gssCode }, geometry: merge(districtTopology, parts) };
  });

  // A fresh topology of the areas drops the arcs inside counties; then simplify (Visvalingam) keeping the top `keep` share of points.
  const areaCollection: FeatureCollection = { type: 'FeatureCollection', features: merged };
  let areaTopology = topology({ areas: areaCollection }, 1e5) as Topology<Objects<object>>;
  areaTopology = presimplify(areaTopology);
  areaTopology = simplify(areaTopology, quantile(areaTopology, 1 - keep));
  // Round-trip through GeoJSON once to check every area still has a shape after simplifying.
  const back = feature(areaTopology, areaTopology.objects.areas) as FeatureCollection;
  const empty = back.features.filter((f) => !f.geometry || ('coordinates' in f.geometry && f.geometry.coordinates.length === 0));
  if (empty.length) throw new GeoImportError(`Simplifying left no shape for: ${empty.map((f) => f.id).join(', ')}; raise --keep`);

  const json = JSON.stringify({ ...areaTopology, metadata: { attribution: GEO_ATTRIBUTION, generatedBy: 'npm run cli -- import-geo', areas: areas.length, districts: english.length } });
  return { json: `${json}\n`, areas: areas.length, districts: english.length, bytes: Buffer.byteLength(json) };
}
