import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importAreas, slugify } from '../../src/dataset/import-areas';

const HEADER = 'local-authority-code,official-name,nice-name,gss-code,start-date,end-date,replaced-by,nation,region,local-authority-type,county-la';
const ROWS = [
  'SAW,Sandwell Metropolitan Borough Council,Sandwell,E08000028,,,,England,West Midlands,MD,',
  'DBY,Derbyshire County Council,Derbyshire,E10000007,,,,England,West Midlands,CTY,',
  'AMB,Amber Valley Borough Council,Amber Valley,E07000032,,,,England,East Midlands,NMD,DBY',
  'NTH,Northamptonshire County Council,Northamptonshire,E10000021,,2021-04-01,"NNT,WNT",England,East Midlands,CTY,',
  'ABE,Aberdeen City Council,Aberdeen City,S12000033,,,,Scotland,Scotland,SCO,',
  'LND,City of London Corporation,City of London,E09000001,,,,England,London,CC,',
  'NNT,North Northamptonshire Council,North Northamptonshire,E06000061,2021-04-01,,,England,East Midlands,UA,',
  'WNT,West Northamptonshire Council,West Northamptonshire,E06000062,2021-04-01,,,England,East Midlands,UA,',
  'NYK,North Yorkshire County Council,North Yorkshire,E10000023,,2023-04-01,NYE,England,Yorkshire and The Humber,CTY,',
  'NYE,North Yorkshire Council,North Yorkshire,E06000065,2023-04-01,,,England,Yorkshire and The Humber,UA,',
  'AVN,Avon County Council,Avon,E10000001,,1996-03-31,BAS,England,South West,CTY,',
];

function csv(rows: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'send-graph-csv-')), 'las.csv');
  writeFileSync(path, [HEADER, ...rows].join('\n'));
  return path;
}

describe('import-areas', () => {
  it('keeps current English upper-tier and unitary areas, with their councils and regions', () => {
    const { yaml, areaCount } = importAreas(csv(ROWS), '2026-11-22');
    const seed = parse(yaml);
    expect(areaCount).toBe(6);
    expect(seed.areas.map((a: { id: string }) => a.id)).toEqual([
      'city-of-london', 'derbyshire', 'north-northamptonshire', 'north-yorkshire', 'north-yorkshire-county', 'northamptonshire',
      'sandwell', 'west-northamptonshire',
    ]);
    expect(seed.areas.find((a: { id: string }) => a.id === 'sandwell')).toEqual({
      id: 'sandwell', name: 'Sandwell', kind: 'METROPOLITAN_DISTRICT', region: 'west-midlands', gssCode: 'E08000028', laCode: 'SAW',
    });
    expect(seed.agencies).toContainEqual({ id: 'sandwell-council', name: 'Sandwell Metropolitan Borough Council', kind: 'COUNCIL', serves: ['sandwell'] });
    expect(seed.source).toMatchObject({ publisher: 'mySociety', licence: 'CC BY 4.0' });
  });

  it('keeps the areas replaced since inspections began, dated and linked to their successors', () => {
    const { yaml, formerCount } = importAreas(csv(ROWS), '2026-11-22');
    const seed = parse(yaml);
    expect(formerCount).toBe(2); // Avon ended in 1996, before any inspection
    expect(seed.areas.find((a: { id: string }) => a.id === 'north-yorkshire-county')).toMatchObject({
      name: 'North Yorkshire County', kind: 'COUNTY', gssCode: 'E10000023', activeTo: { date: '2023-04-01', certainty: 'STATED' },
    });
    expect(seed.areas.find((a: { id: string }) => a.id === 'west-northamptonshire').activeFrom).toEqual({ date: '2021-04-01', certainty: 'STATED' });
    expect(seed.links).toContainEqual({ type: 'SUCCEEDED_BY', from: 'northamptonshire', to: 'west-northamptonshire', on: { date: '2021-04-01', certainty: 'STATED' } });
    expect(seed.links).toContainEqual({ type: 'SUCCEEDED_BY', from: 'north-yorkshire-county-council', to: 'north-yorkshire-council', on: { date: '2023-04-01', certainty: 'STATED' } });
    expect(seed.agencies.find((a: { id: string }) => a.id === 'northamptonshire-council')).toMatchObject({ serves: ['northamptonshire'], activeTo: { date: '2021-04-01' } });
  });

  it("corrects a county's region when all its districts disagree, and says so", () => {
    const { yaml, corrections } = importAreas(csv(ROWS), '2026-11-22');
    expect(corrections).toEqual([{ area: 'Derbyshire', listed: 'West Midlands', corrected: 'East Midlands' }]);
    const seed = parse(yaml);
    expect(seed.areas.find((a: { id: string }) => a.id === 'derbyshire').region).toBe('east-midlands');
    expect(seed.source.notes).toContain('Derbyshire is listed in West Midlands');
  });

  it('refuses a file with no English areas', () => {
    expect(() => importAreas(csv([ROWS[4]]))).toThrow(/no current English upper-tier or unitary authorities/);
  });

  it('makes readable slugs', () => {
    expect(slugify("King's Lynn & West Norfolk")).toBe('king-s-lynn-and-west-norfolk');
    expect(slugify('Kingston upon Hull, City of')).toBe('kingston-upon-hull-city-of');
  });
});
