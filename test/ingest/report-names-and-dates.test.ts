import { councilOf, matchArea } from '../../src/ingest/match-names';
import { namedBodies } from '../../src/ingest/partnership';
import { withoutLigatures } from '../../src/ingest/pdf-text';
import { readReference } from '../../src/ingest/reference-seeds';
import { findDateRanges, parseDateRange } from '../../src/ingest/report-dates';
import { SEEDS_DIR } from '../helpers';

/** The ways reports beyond the 45 may write their dates, areas and health bodies. */

const ref = readReference(SEEDS_DIR);
const DAY = '2025-01-15';

describe('the reference seeds cover every English local area', () => {
  const current = ref.areas.filter((a) => !a.activeTo || a.activeTo.date >= DAY);

  it('has the 153 current areas, each matched by its own name and served by exactly one council', () => {
    expect(current).toHaveLength(153);
    for (const area of current) {
      expect(matchArea(ref, area.name, DAY).area.id).toBe(area.id);
      expect(councilOf(ref, area.id).serves).toContain(area.id);
    }
  });

  it.each([
    ['Bristol, City of', 'city-of-bristol'],
    ['Durham', 'county-durham'],
    ['Kingston upon Hull, City of', 'kingston-upon-hull'],
    ['Herefordshire, County of', 'herefordshire'],
    ['Dorset', 'dorset-council'],
    ['Telford & Wrekin', 'telford-and-wrekin'],
    ['St Helens', 'st-helens'],
    ['Bournemouth, Christchurch and Poole', 'bournemouth-christchurch-and-poole'],
    ['Westmorland and Furness', 'westmorland-and-furness'],
  ])('matches "%s" by name to %s', (name, id) => {
    expect(matchArea(ref, name, DAY).area.id).toBe(id);
  });

  it('matches a title the register does not write by the council the partnership section names, and only one', () => {
    const hull = matchArea(ref, 'Hull', DAY, ['Hull City Council and NHS Humber and North Yorkshire Integrated Care Board (ICB) are responsible.']);
    expect(hull).toEqual({ area: expect.objectContaining({ id: 'kingston-upon-hull' }), byCouncil: 'Hull City Council' });
    expect(() => matchArea(ref, 'Hull', DAY, ['Hull City Council and Kent County Council work together.'])).toThrow(/councils its partnership section names serve more than one \(kent, kingston-upon-hull\)/);
    expect(() => matchArea(ref, 'Hull', DAY, ['The council and the ICB are responsible.'])).toThrow(/matches no area of seeds\/reference, nor does a council/);
  });

  it('matches a council only while it exists: Cumbria County Council served no area after March 2023', () => {
    expect(() => matchArea(ref, 'North Lakes', DAY, ['Cumbria County Council and NHS North East and North Cumbria ICB are responsible.'])).toThrow(/nor does a council/);
    expect(matchArea(ref, 'North Lakes', '2022-06-01', ['Cumbria County Council and NHS North East and North Cumbria ICB are responsible.']).area.id).toBe('cumbria');
  });
});

describe('dates as reports write them', () => {
  it.each([
    ['27 February to 3 March 2023', '2023-02-27', '2023-03-03'],
    ['30 December 2024 to 3 January 2025', '2024-12-30', '2025-01-03'],
    ['30 December to 3 January 2025', '2024-12-30', '2025-01-03'],
    ['9 and 13 October 2023', '2023-10-09', '2023-10-13'],
    ['10th to 14th July 2023', '2023-07-10', '2023-07-14'],
    ['23 Sept – 27 Sept 2024', '2024-09-23', '2024-09-27'],
    ['16 May 2016.', '2016-05-16', '2016-05-16'],
  ])('reads "%s"', (text, start, end) => {
    expect(parseDateRange(text)).toEqual({ start, end });
  });

  it('refuses a day that does not exist, and a range that runs backwards', () => {
    expect(parseDateRange('31 June 2019')).toBeNull();
    expect(parseDateRange('14 to 10 July 2023')).toBeNull();
  });

  it('finds each range of a value that gives an inspection and its revisit', () => {
    expect(findDateRanges('4 to 8 July 2016; revisit 10 to 12 December 2018')).toEqual([
      { start: '2016-07-04', end: '2016-07-08' },
      { start: '2018-12-10', end: '2018-12-12' },
    ]);
    expect(findDateRanges('Not previously inspected')).toEqual([]);
    expect(findDateRanges('week of 31 June 2019')).toEqual([null]);
  });
});

describe('health bodies as partnership sections name them', () => {
  const names = (text: string, area = 'Leeds') => namedBodies([text], area).map((b) => [b.kind, b.name]);

  it('reads two ICBs, and lower-case "integrated care board"', () => {
    expect(names('Westmorland and Furness Council, NHS Lancashire and South Cumbria Integrated Care Board (ICB) and NHS North East and North Cumbria ICB are responsible.')).toEqual([
      ['ICB', 'Lancashire and South Cumbria'],
      ['ICB', 'North East and North Cumbria'],
    ]);
    expect(names('Kent County Council and the NHS Kent and Medway integrated care board are responsible. The council and the integrated care board meet.', 'Kent')).toEqual([['ICB', 'Kent and Medway']]);
  });

  it('splits CCGs that share one plural suffix when each carries "NHS", and takes none when they cannot be told apart', () => {
    expect(names('Responsibility passed from NHS Morecambe Bay, NHS Leeds and NHS North Cumbria Clinical Commissioning Groups (CCGs) to the ICBs.')).toEqual([
      ['CCG', 'Morecambe Bay'],
      ['CCG', 'Leeds'],
      ['CCG', 'North Cumbria'],
    ]);
    expect(names('Responsibility passed from the Morecambe Bay and North Cumbria Clinical Commissioning Groups (CCGs) to the ICBs.')).toEqual([]);
  });
});

it('reads typographic ligatures as the letters they join', () => {
  expect(withoutLigatures('What is the area partnership doing that is eﬀective? ﬁrst')).toBe('What is the area partnership doing that is effective? first');
});
