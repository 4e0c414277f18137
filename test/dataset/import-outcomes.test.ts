import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { ImportError } from '../../src/dataset/outcomes/import-problem';
import { FIRST_SEED, importOutcomes, OUTCOMES_FILE, SECOND_SEED, STATISTICS_FILE } from '../../src/dataset/outcomes/import-outcomes';
import { DATA_SHEET } from '../../src/dataset/outcomes/statistics-2016';
import { SEEDS_DIR } from '../helpers';
import { SHARED } from '../shared-data';

const OFSTED = resolve(SHARED, 'reference', 'ofsted');
const REGISTER = resolve(OFSTED, '..', 'uk_local_authorities.csv');
const AREAS = join(SEEDS_DIR, 'reference', 'areas.yaml');

/** A scratch copy of both tables, and an empty folder to write to. */
function scratch(): { from: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'send-graph-outcomes-'));
  const from = join(root, 'ofsted');
  const out = join(root, 'out');
  mkdirSync(from);
  mkdirSync(out);
  for (const f of [STATISTICS_FILE, OUTCOMES_FILE]) copyFileSync(join(OFSTED, f), join(from, f));
  return { from, out };
}

const run = (dirs: { from: string; out: string }) => importOutcomes({ ...dirs, areasSeed: AREAS, register: REGISTER });

function refusal(dirs: { from: string; out: string }): ImportError {
  try {
    run(dirs);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect(readdirSync(dirs.out)).toEqual([]); // nothing written
    return err as ImportError;
  }
  throw new Error('expected the import to be refused');
}

function editCsv(dirs: { from: string }, edit: (text: string) => string) {
  const path = join(dirs.from, OUTCOMES_FILE);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error('the edit changed nothing: the test is stale');
  writeFileSync(path, after);
}

/** Changes one cell of the published .ods (found by its text in the row of an area) and writes it back as .ods. */
function editOds(dirs: { from: string }, area: string, from: string, to: string) {
  const path = join(dirs.from, STATISTICS_FILE);
  const book = XLSX.read(readFileSync(path), { type: 'buffer' });
  const sheet = book.Sheets[DATA_SHEET];
  const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
  const r = rows.findIndex((row) => row[2] === area);
  const c = rows[r].indexOf(from);
  if (r < 0 || c < 0) throw new Error(`no cell "${from}" in the row of ${area}`);
  sheet[XLSX.utils.encode_cell({ r, c })] = { t: 's', v: to };
  // SheetJS's ODS writer says it simplifies one date style; the cells the importer reads are unchanged.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'ods' }));
  } finally {
    quiet.mockRestore();
  }
}

describe('import-outcomes', () => {
  it('writes the checked-in seed files byte for byte, on every run', () => {
    const dirs = scratch();
    const report = run(dirs);
    for (const f of [FIRST_SEED, SECOND_SEED]) expect(readFileSync(join(dirs.out, f), 'utf8')).toBe(readFileSync(join(SEEDS_DIR, 'reference', f), 'utf8'));
    expect(report.counts).toMatchObject({ 'table rows, 2016 framework': 149, '2023 framework, full': 72 });
    // Slough's unread outcome and the three rows with only a publication date are listed.
    expect(report.incomplete.filter((l) => /slough|cambridgeshire|derbyshire|north yorkshire/.test(l))).toHaveLength(4);
  });

  it('refuses a file with a missing column, naming it', () => {
    const dirs = scratch();
    editCsv(dirs, (t) => t.replace('outcome_grade', 'grade'));
    const { problems } = refusal(dirs);
    expect(problems).toEqual([expect.objectContaining({ file: OUTCOMES_FILE, column: 'outcome_grade', message: expect.stringContaining('is missing') })]);
  });

  it('refuses a row whose area it cannot match, listing every such row', () => {
    const dirs = scratch();
    editCsv(dirs, (t) => t.replace(',E06000055,bedford,', ',E06099999,bedfordia,').replace(',E06000047,durham,', ',E06000099,durhamm,'));
    const err = refusal(dirs);
    expect(err.problems.map((p) => [p.row, p.column])).toEqual([
      ['row 2 (bedfordia)', 'local_authority'],
      [expect.stringMatching(/\(durhamm\)$/), 'local_authority'],
    ]);
    expect(err.message).toContain('cannot be matched to an area: "bedfordia" (E06099999) no area of that name or code existed on 2024-11-18');
  });

  it('refuses a date it cannot read (in the .ods as published), but not one that is missing', () => {
    const dirs = scratch();
    editOds(dirs, 'Sandwell', '16/01/2017', '32/01/2017');
    const { problems } = refusal(dirs);
    expect(problems).toEqual([
      { file: STATISTICS_FILE, row: expect.stringContaining('(Sandwell)'), column: 'Inspection start date', message: '"32/01/2017" is not a date written dd/mm/yyyy' },
    ]);
  });

  it('refuses an outcome grade it cannot read, while "nan" is recorded as unknown', () => {
    const dirs = scratch();
    editCsv(dirs, (t) => t.replace(/,1\.0,01\/01\/1900,18\/11\/24,/, ',excellent,01/01/1900,18/11/24,'));
    const { problems } = refusal(dirs);
    expect(problems).toEqual([expect.objectContaining({ column: 'outcome_grade', message: expect.stringContaining('"excellent" is not an outcome grade') })]);
  });
});
