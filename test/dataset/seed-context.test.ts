import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { problemsOf } from '../helpers';

/** The seeds' indicators, series and neighbours: checked across files like records, nothing loaded when any is bad. */

const REFERENCE = `
source: { id: register, title: Register, kind: DATASET }
regions: [{ id: north, name: North }]
areas:
  - { id: aa, name: Aa, kind: UNITARY_AUTHORITY, region: north, gssCode: E06000001, laCode: AAA }
  - { id: bb, name: Bb, kind: UNITARY_AUTHORITY, region: north, gssCode: E06000002, laCode: BBB }
`;
const INDICATOR = '{ id: rate, name: A rate, unit: percent, definition: The share. }';

/** A seeds folder holding the reference areas and these files. */
function seedsWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'send-graph-context-'));
  writeFileSync(join(dir, 'reference.yaml'), REFERENCE);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const load = (files: Record<string, string>) => loadDataset(seedsWith(files));
const problems = (files: Record<string, string>) => problemsOf(seedsWith(files));

describe('seeds: indicators, series and statistical neighbours', () => {
  it('keeps a value two files give once, with both sources; a value one suppresses is the other\'s', () => {
    const { context } = load({
      'one.yaml': `source: { id: one, title: One, kind: DATASET }\nindicators: [${INDICATOR}]\nseries: [{ indicator: rate, of: aa, points: [[2019, 50.25, 201, 400], [2020, null, null, null]] }]`,
      'two.yaml': `source: { id: two, title: Two, kind: DATASET }\nindicators: [${INDICATOR}]\nseries: [{ indicator: rate, of: aa, points: [[2019, 50.3, 201, 400], [2020, 61, 61, 100]] }, { indicator: rate, of: england, points: [[2019, 1]] }]`,
    });
    expect(context!.indicators).toEqual([expect.objectContaining({ id: 'rate', unit: 'PERCENT', sourceIds: ['one', 'two'] })]);
    expect(context!.observations).toEqual([
      { indicatorId: 'rate', subjectId: 'aa', year: 2019, value: 50.25, numerator: 201, denominator: 400, sourceIds: ['one', 'two'] },
      { indicatorId: 'rate', subjectId: 'aa', year: 2020, value: 61, numerator: 61, denominator: 100, sourceIds: ['two'] },
      { indicatorId: 'rate', subjectId: 'england', year: 2019, value: 1, numerator: null, denominator: null, sourceIds: ['two'] },
    ]);
  });

  it('refuses two files that disagree on a value, naming both', () => {
    expect(problems({
      'one.yaml': `source: { id: one, title: One, kind: DATASET }\nindicators: [${INDICATOR}]\nseries: [{ indicator: rate, of: aa, points: [[2019, 50.2, 201, 400]] }]`,
      'two.yaml': `source: { id: two, title: Two, kind: DATASET }\nseries: [{ indicator: rate, of: aa, points: [[2019, 51, 201, 400]] }]`,
    })).toEqual([{ file: 'two.yaml', record: 'series[0] "rate of aa", points[0]', field: 'value', message: 'rate of aa in 2019: value 51 here, 50.2 in one.yaml at series[0] "rate of aa", points[0]; two sources of the same value must agree' }]);
  });

  it('refuses an unknown indicator, a subject that is no area or region, a year twice, and an indicator declared in other words', () => {
    const found = problems({
      'one.yaml': `source: { id: one, title: One, kind: DATASET }\nindicators: [${INDICATOR}]\nseries: [{ indicator: nope, of: aa, points: [[2019, 1]] }, { indicator: rate, of: one, points: [[2019, 1]] }, { indicator: rate, of: bb, points: [[2019, 1], [2019, 2]] }]`,
      'two.yaml': `source: { id: two, title: Two, kind: DATASET }\nindicators: [{ id: rate, name: Another rate, unit: percent, definition: The share. }]`,
    });
    expect(found.map((p) => [p.file, p.record, p.field])).toEqual([
      ['two.yaml', 'indicators[0] "rate"', 'name'],
      ['one.yaml', 'series[0] "nope of aa"', 'indicator'],
      ['one.yaml', 'series[1] "rate of one"', 'of'],
      ['one.yaml', 'series[2] "rate of bb"', 'points[1]'],
    ]);
    expect(found[1].message).toContain('known: rate');
  });

  it('refuses neighbours that are not areas, the area itself, and a malformed edition', () => {
    const found = problems({
      'sn.yaml': `source: { id: sn, title: SN, kind: DATASET }\nneighbours:\n  - { area: aa, edition: "2025", ranked: [{ area: north, closeness: close }, { area: aa, closeness: close }] }\n  - { area: bb, edition: "25", ranked: [{ area: aa, closeness: close }] }`,
    });
    expect(found.map((p) => [p.record, p.field])).toEqual([['neighbours[1]', 'edition']]);
    const more = problems({
      'sn.yaml': `source: { id: sn, title: SN, kind: DATASET }\nneighbours:\n  - { area: aa, edition: "2025", ranked: [{ area: north, closeness: close }, { area: aa, closeness: very close }] }`,
    });
    expect(more.map((p) => [p.record, p.field, p.message])).toEqual([
      ['neighbours[0] "aa 2025"', 'ranked[0].area', '"north" is a Region: statistical neighbours are areas'],
      ['neighbours[0] "aa 2025"', 'ranked[1].area', '"aa" is the area itself'],
    ]);
  });

  it('refuses statistics in a file that names no source', () => {
    expect(problems({ 'one.yaml': `indicators: [${INDICATOR}]` })).toEqual([expect.objectContaining({ file: 'one.yaml', field: 'source' })]);
  });
});
