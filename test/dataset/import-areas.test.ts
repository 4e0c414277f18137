import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importAreas, slugify } from '../../src/dataset/import-areas';

const HEADER = 'local-authority-code,official-name,nice-name,gss-code,end-date,nation,region,local-authority-type,county-la';
const ROWS = [
  'SAW,Sandwell Metropolitan Borough Council,Sandwell,E08000028,,England,West Midlands,MD,',
  'DBY,Derbyshire County Council,Derbyshire,E10000007,,England,West Midlands,CTY,',
  'AMB,Amber Valley Borough Council,Amber Valley,E07000032,,England,East Midlands,NMD,DBY',
  'NTH,Northamptonshire County Council,Northamptonshire,E10000021,2021-04-01,England,East Midlands,CTY,',
  'ABE,Aberdeen City Council,Aberdeen City,S12000033,,Scotland,Scotland,SCO,',
  'LND,City of London Corporation,City of London,E09000001,,England,London,CC,',
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
    expect(areaCount).toBe(3);
    expect(seed.areas.map((a: { id: string }) => a.id)).toEqual(['city-of-london', 'derbyshire', 'sandwell']);
    expect(seed.areas.find((a: { id: string }) => a.id === 'sandwell')).toEqual({
      id: 'sandwell', name: 'Sandwell', kind: 'METROPOLITAN_DISTRICT', region: 'west-midlands', gssCode: 'E08000028', laCode: 'SAW',
    });
    expect(seed.agencies).toContainEqual({ id: 'sandwell-council', name: 'Sandwell Metropolitan Borough Council', kind: 'COUNCIL', serves: ['sandwell'] });
    expect(seed.source).toMatchObject({ publisher: 'mySociety', licence: 'CC BY 4.0' });
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
