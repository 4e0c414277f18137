import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FILES, importDfe, SEEDS } from '../../src/dataset/dfe/import-dfe';
import { ImportError } from '../../src/dataset/outcomes/import-problem';
import { SEEDS_DIR } from '../helpers';
import { SHARED } from '../shared-data';

const DFE = resolve(SHARED, 'reference', 'dfe');
const REGISTER = resolve(SHARED, 'reference', 'uk_local_authorities.csv');
const AREAS = join(SEEDS_DIR, 'reference', 'areas.yaml');

function scratch(): { from: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'send-graph-dfe-'));
  const from = join(root, 'dfe');
  const out = join(root, 'out');
  mkdirSync(from);
  mkdirSync(out);
  for (const f of Object.values(FILES)) copyFileSync(join(DFE, f), join(from, f));
  return { from, out };
}

const run = (dirs: { from: string; out: string }) => importDfe({ ...dirs, areasSeed: AREAS, register: REGISTER });

function refusal(dirs: { from: string; out: string }): ImportError {
  try {
    run(dirs);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect(readdirSync(dirs.out)).toEqual([]); // nothing written, not even part of a file
    return err as ImportError;
  }
  throw new Error('expected the import to be refused');
}

function edit(dirs: { from: string }, file: string, change: (text: string) => string) {
  const path = join(dirs.from, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error('the edit changed nothing: the test is stale');
  writeFileSync(path, after);
}

/** The line (1-based) of the first line of the file matching. */
const lineOf = (dirs: { from: string }, file: string, pattern: RegExp) => readFileSync(join(dirs.from, file), 'utf8').split(/\r?\n/).findIndex((l) => pattern.test(l)) + 1;

describe('import-dfe', () => {
  it('writes the checked-in seed files byte for byte, on every run', () => {
    const dirs = scratch();
    const report = run(dirs);
    for (const f of Object.values(SEEDS)) expect(readFileSync(join(dirs.out, f), 'utf8')).toBe(readFileSync(join(SEEDS_DIR, 'reference', f), 'utf8'));
    expect(report.counts).toMatchObject({ 'areas with 2021 neighbours': 152, 'areas with 2025 neighbours': 153 });
    // Said, not guessed: the two areas the 2021 edition gives no neighbours, and the codes resolved through a change.
    expect(report.notes).toEqual(expect.arrayContaining([
      '2021: Cumberland (942): the edition gives it no neighbours',
      '2021: Westmorland and Furness (943): the edition gives it no neighbours',
      `${FILES.timeliness}: North Yorkshire (E10000023, 815) 2023 -> north-yorkshire`,
      `${FILES.timeliness}: Buckinghamshire (E10000002, 825) 2024 -> buckinghamshire`,
    ]));
  });

  it('refuses a file that is not well-formed CSV, naming the file and line', () => {
    const dirs = scratch();
    edit(dirs, FILES.sen2, (t) => t.replace('"Kirklees"', '"Kirklees'));
    const { problems } = refusal(dirs);
    expect(problems[0]).toMatchObject({ file: FILES.sen2, message: expect.stringContaining('not well-formed CSV') });
    expect(problems[0].row).toMatch(/^line \d+$/);
  });

  it('refuses a code and name that lead to no area, naming the file, line and column', () => {
    const dirs = scratch();
    const line = lineOf(dirs, FILES.timeliness, /,Sandwell,/);
    edit(dirs, FILES.timeliness, (t) => t.replace(',E08000028,333,Sandwell,', ',E08999999,333,Sandwellshire,'));
    const { problems } = refusal(dirs);
    expect(problems).toEqual([expect.objectContaining({ file: FILES.timeliness, row: expect.stringContaining(`line ${line} `), column: 'new_la_code', message: expect.stringContaining('Sandwellshire (E08999999') })]);
  });

  it("refuses a neighbour's DfE number that is no authority, naming the column", () => {
    const dirs = scratch();
    edit(dirs, FILES.neighbours2025, (t) => t.replace('301,Barking and Dagenham,3,London (Outer),308,Enfield', '301,Barking and Dagenham,3,London (Outer),399,Nowhere'));
    const { problems } = refusal(dirs);
    expect(problems).toEqual([expect.objectContaining({ file: FILES.neighbours2025, row: 'line 2', column: 'sn1_la_code', message: expect.stringContaining('LA 399 "Nowhere"') })]);
  });

  it('refuses a duplicated row, naming both lines', () => {
    const dirs = scratch();
    const text = readFileSync(join(dirs.from, FILES.sen2), 'utf8');
    const sandwell = text.split('\n').find((l) => l.includes('"Sandwell"'))!;
    writeFileSync(join(dirs.from, FILES.sen2), `${text}${sandwell}\n`);
    const { problems } = refusal(dirs);
    const first = lineOf(dirs, FILES.sen2, /"Sandwell"/);
    expect(problems).toEqual([expect.objectContaining({ file: FILES.sen2, message: `duplicates line ${first}: both are sandwell in ${sandwell.slice(0, 4)}` })]);
  });

  it('refuses a cell that is neither a number nor a suppression mark, once however many indicators read it', () => {
    const dirs = scratch();
    edit(dirs, FILES.timeliness, (t) => t.replace(',Sandwell,All EHC plans issued,All EHC plans issued,267,', ',Sandwell,All EHC plans issued,All EHC plans issued,two hundred,'));
    const { problems } = refusal(dirs);
    expect(problems).toEqual([expect.objectContaining({ file: FILES.timeliness, column: 'plans_issued_den', message: expect.stringContaining('"two hundred" is neither a number nor a suppression mark') })]);
  });

  it('stops where the two files disagree on the same measure, naming both cells', () => {
    const dirs = scratch();
    edit(dirs, FILES.timeliness, (t) => t.replace(',Sandwell,All EHC plans issued,All EHC plans issued,267,246,201,188,75.3,76.4,', ',Sandwell,All EHC plans issued,All EHC plans issued,267,246,201,188,75.3,66.4,'));
    const { problems } = refusal(dirs);
    const sen2Line = readFileSync(join(dirs.from, FILES.sen2), 'utf8').split(/\r?\n/).findIndex((l) => l.startsWith('2019,') && l.includes('"Sandwell"')) + 1;
    const timelinessLine = lineOf(dirs, FILES.timeliness, /^2019,.*,Sandwell,All EHC/);
    expect(problems).toEqual([{
      file: FILES.sen2, row: `line ${sen2Line}`, column: 'no_exc_20week_rate',
      message: `ehc-20-week-rate of sandwell in 2019: value 76.4 here but 66.4 in ${FILES.timeliness} line ${timelinessLine} (column "PC_plans_issued_20_weeks_ex"); the two files give the same measure and must agree`,
    }]);
  });

  it('refuses a file missing a column it reads, naming the column', () => {
    const dirs = scratch();
    edit(dirs, FILES.lookup, (t) => t.replace('la_code_new', 'gss'));
    const { problems } = refusal(dirs);
    expect(problems).toEqual([expect.objectContaining({ file: FILES.lookup, column: 'la_code_new', message: expect.stringContaining('is missing') })]);
  });
});
