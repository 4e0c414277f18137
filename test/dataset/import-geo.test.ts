import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { importGeo } from '../../src/dataset/import-geo';
import type { AreaRow } from '../../src/domain/model';
import { seedBundle } from '../helpers';
import { SHARED } from '../shared-data';

const REFERENCE = resolve(SHARED, 'reference');
const DISTRICTS = resolve(REFERENCE, 'geo', 'local-authority-districts-2023.geojson');
const REGISTER = resolve(REFERENCE, 'uk_local_authorities.csv');
const CHECKED_IN = resolve(__dirname, '..', '..', 'web', 'public', 'geo', 'send-areas.topo.json');

const areas = () => seedBundle().nodes.filter((n): n is AreaRow => n.label === 'Area');
const current = () => areas().filter((a) => !a.activeTo);

function bbox(coords: unknown): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
    } else (c as unknown[]).forEach(walk);
  };
  walk(coords);
  return b;
}

test('the checked-in shapes are what the command writes from the shared boundaries and the register', () => {
  const geo = importGeo(DISTRICTS, REGISTER, areas());
  expect(geo.districts).toBe(296);
  expect(geo.areas).toBe(current().length);
  expect(readFileSync(CHECKED_IN, 'utf8')).toBe(geo.json);
});

test('every current area has a shape, with its id; a county covers its districts', () => {
  const topo = JSON.parse(readFileSync(CHECKED_IN, 'utf8')) as Topology & { metadata: { attribution: string } };
  expect(topo.metadata.attribution).toMatch(/Open Government Licence v3\.0.*mySociety/);
  const shapes = feature(topo, topo.objects.areas) as FeatureCollection;
  expect(shapes.features.map((f) => f.id).sort()).toEqual(current().map((a) => a.id).sort());
  const kent = shapes.features.find((f) => f.id === 'kent')!;
  const [w, s, e, n] = bbox((kent.geometry as { coordinates: unknown }).coordinates);
  // Kent's districts from Dartford (north-west) to Dover (south-east) lie inside the county's shape's bounds.
  const districts = JSON.parse(readFileSync(DISTRICTS, 'utf8')) as FeatureCollection;
  for (const name of ['Dartford', 'Dover', 'Maidstone', 'Thanet']) {
    const d = districts.features.find((f) => f.properties!.LAD23NM === name)!;
    // The middle of the district's own bounds (the file's LONG/LAT are rounded for some districts).
    const [dw, ds, de, dn] = bbox((d.geometry as { coordinates: unknown }).coordinates);
    const [x, y] = [(dw + de) / 2, (ds + dn) / 2];
    expect({ name, inside: x > w && x < e && y > s && y < n }).toEqual({ name, inside: true });
  }
  expect(e - w).toBeGreaterThan(1); // a county, not one district
});

test('a district that belongs to no area stops the import, naming it', () => {
  const withoutKent = areas().filter((a) => a.id !== 'kent');
  expect(() => importGeo(DISTRICTS, REGISTER, withoutKent)).toThrow(/Dartford \(E07000107, county KEN\)/);
});
