import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { relationshipRows, type AgencyRow } from '../../src/domain/model';
import { importNhs, NHS_SEEDS } from '../../src/dataset/nhs/import-nhs';
import { ImportError } from '../../src/dataset/outcomes/import-problem';
import { seedBundle, SEEDS_DIR } from '../helpers';
import { SHARED } from '../shared-data';

const NHS = resolve(SHARED, 'reference', 'nhs');
const REGISTER = resolve(SHARED, 'reference', 'uk_local_authorities.csv');

/** A scratch copy of the seeds (without the importer's own files) and of the NHS folder, every file linked but `edited`. */
function scratch(edited: Record<string, (text: string) => string> = {}): { seeds: string; from: string } {
  const root = mkdtempSync(join(tmpdir(), 'send-graph-nhs-'));
  const seeds = join(root, 'seeds');
  cpSync(SEEDS_DIR, seeds, { recursive: true, filter: (src) => !NHS_SEEDS.some((f) => src.endsWith(f)) });
  const from = join(root, 'nhs');
  cpSync(NHS, from, { recursive: true, filter: (src) => src === NHS || !Object.keys(edited).some((f) => src.endsWith(f)) });
  for (const [file, edit] of Object.entries(edited)) {
    const before = readFileSync(join(NHS, file), 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit to ${file} changed nothing: the test is stale`);
    writeFileSync(join(from, file), after);
  }
  return { seeds, from };
}

const run = (dirs: { seeds: string; from: string }) => importNhs({ ...dirs, areasSeed: join(dirs.seeds, 'reference', 'areas.yaml'), register: REGISTER });
const written = (dirs: { seeds: string }) => readdirSync(join(dirs.seeds, 'reference')).filter((f) => f.startsWith('nhs-'));

function refusal(dirs: { seeds: string; from: string }): ImportError {
  try {
    run(dirs);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect(written(dirs)).toEqual([]); // nothing written
    return err as ImportError;
  }
  throw new Error('expected the import to be refused');
}

describe('import-nhs', () => {
  it('writes the checked-in seed files byte for byte, on every run', () => {
    const dirs = scratch();
    const first = run(dirs);
    const bytes = NHS_SEEDS.map((f) => readFileSync(join(dirs.seeds, 'reference', f), 'utf8'));
    run(dirs);
    NHS_SEEDS.forEach((f, i) => {
      expect(readFileSync(join(dirs.seeds, 'reference', f), 'utf8')).toBe(bytes[i]);
      expect(bytes[i]).toBe(readFileSync(join(SEEDS_DIR, 'reference', f), 'utf8'));
    });
    expect(first.counts).toMatchObject({ CCGs: 245, 'sub-ICB locations': 106, ICBs: 42, 'NHS trusts': 273 });
    expect(first.corrections).toEqual([expect.stringContaining('Forest Heath')]);
  }, 60_000);

  it('refuses a lookup cut short, naming the file and line, and writes nothing', () => {
    const cut = (text: string) => text.slice(0, Math.floor(text.length / 2));
    const err = refusal(scratch({ 'lsoa11-ccg19-lad19.csv': cut }));
    expect(err.problems).toEqual([expect.objectContaining({ file: 'lsoa11-ccg19-lad19.csv', row: expect.stringMatching(/^line \d+$/), message: expect.stringMatching(/fields where the file's others have 8|cut short/) })]);
  }, 60_000);

  it('refuses a lookup missing rows, saying how many LSOAs it gives', () => {
    const drop = (text: string) => text.split('\n').filter((_, i) => i < 1 || i > 100).join('\n');
    const err = refusal(scratch({ 'lsoa11-ccg18-lad18.csv': drop }));
    expect(err.problems).toEqual([expect.objectContaining({ file: 'lsoa11-ccg18-lad18.csv', message: 'gives 32744 LSOAs where England has 32844: is the file cut short?' })]);
  }, 60_000);

  it('refuses a code given two names, with both places', () => {
    const rename = (text: string) => text.replace('E38000113,08M,NHS Newham CCG', 'E38000113,08M,NHS Newham and Elsewhere CCG').replace(/\n(.*?),08M,NHS Newham CCG/, '\n$1,08M,NHS Newham CCG');
    const twice = (text: string) => `${rename(text).trimEnd()}\nE38000999,08M,NHS Not Newham CCG,999\n`;
    const err = refusal(scratch({ 'ccg-names-codes-2017.csv': twice }));
    expect(err.problems).toEqual([expect.objectContaining({
      file: 'ccg-names-codes-2017.csv', row: 'line 209', message: expect.stringMatching(/^code 08M is named "NHS Not Newham CCG" here but "NHS Newham and Elsewhere CCG" at ccg-names-codes-2017.csv line 3/),
    })]);
  }, 60_000);

  it('refuses a succession loop, with the file, line and the loop', () => {
    // Dudley (05C) merged into the Black Country CCG (D2P2L) in April 2021; a row back makes a loop.
    const loop = (text: string) => `${text.trimEnd()}\r\n"D2P2L","05C","","20210402","0"\r\n`;
    const err = refusal(scratch({ 'ods-succ.csv': loop }));
    expect(err.problems).toEqual([expect.objectContaining({ file: 'ods-succ.csv', row: expect.stringMatching(/^line \d+$/), message: expect.stringContaining('the successions form a loop (05C -> D2P2L -> 05C)') })]);
  }, 60_000);

  it('refuses a body a document names that matches none in the files, with its name and file', () => {
    const dirs = scratch();
    const file = join(dirs.seeds, 'documents', 'sandwell-2017.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: NHS Sandwell and West Birmingham Clinical Commissioning Group', 'name: NHS Atlantis Clinical Commissioning Group').replace(/aliases: \[[^\]]*\]/, 'aliases: []'));
    const err = refusal(dirs);
    expect(err.problems).toEqual([expect.objectContaining({ file: 'documents/sandwell-2017.yaml', row: 'agency "sandwell-and-west-birmingham-ccg"', message: expect.stringContaining('"NHS Atlantis Clinical Commissioning Group" matches no CCG') })]);
  }, 60_000);
});

describe('the NHS bodies in the seeds', () => {
  const bundle = seedBundle();
  const agencies = bundle.nodes.filter((n): n is AgencyRow => n.label === 'Agency');
  const rels = relationshipRows(bundle);

  it('hold every CCG of the 2017 lookup and the 42 ICBs, one node per body: no two bodies share an ODS code', () => {
    const lookup2017 = readFileSync(join(NHS, 'ccg-names-codes-2017.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[1]);
    expect(new Set(lookup2017).size).toBe(207);
    const ccgCodes = new Set(agencies.filter((a) => a.kind === 'CCG').map((a) => a.odsCode));
    expect(lookup2017.filter((c) => !ccgCodes.has(c))).toEqual([]);
    expect(agencies.filter((a) => a.kind === 'ICB')).toHaveLength(42);
    // A sub-ICB location keeps the code of the CCG whose ground it took (ODS's own record): it is a part of its ICB, not a body.
    const bodies = agencies.filter((a) => a.odsCode && a.kind !== 'SUB_ICB_LOCATION');
    const byCode = new Map<string, string[]>();
    for (const a of bodies) byCode.set(a.odsCode!, [...(byCode.get(a.odsCode!) ?? []), a.id]);
    expect([...byCode.values()].filter((ids) => ids.length > 1)).toEqual([]);
    expect(agencies.filter((a) => a.kind === 'SUB_ICB_LOCATION').every((s) => byCode.get(s.odsCode!)?.length === 1)).toBe(true);
  });

  it('give every CCG, sub-ICB location, ICB and trust an ODS code: none is a body apart from the ODS files', () => {
    const nhs = agencies.filter((a) => ['CCG', 'SUB_ICB_LOCATION', 'ICB', 'NHS_TRUST'].includes(a.kind));
    expect(nhs.length).toBe(245 + 106 + 42 + 273);
    expect(nhs.filter((a) => !a.odsCode).map((a) => a.id)).toEqual([]);
  });

  it('lead every CCG through SUCCEEDED_BY alone to one of the 42 ICBs', () => {
    const kind = new Map(agencies.map((a) => [a.id, a.kind]));
    const next = new Map<string, string[]>();
    for (const r of rels) if (r.type === 'SUCCEEDED_BY' && kind.has(r.from)) next.set(r.from, [...(next.get(r.from) ?? []), r.to]);
    const reachesIcb = (id: string, seen = new Set<string>()): boolean =>
      kind.get(id) === 'ICB' || (!seen.has(id) && (seen.add(id), (next.get(id) ?? []).some((n) => reachesIcb(n, seen))));
    const ccgs = agencies.filter((a) => a.kind === 'CCG');
    expect(ccgs.length).toBeGreaterThanOrEqual(207);
    expect(ccgs.filter((c) => !reachesIcb(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('merged the bodies the articles and reports declare with the imported ones, keeping every source', () => {
    const herts = agencies.find((a) => a.id === 'herts-valleys-ccg')!;
    expect(herts).toMatchObject({ odsCode: '06N', kind: 'CCG', activeTo: '2022-06-30' });
    const sourcesOf = (id: string) => rels.filter((r) => r.type === 'REPORTED_IN' && r.from === id).map((r) => r.to).sort();
    expect(sourcesOf('herts-valleys-ccg')).toEqual(['nhs-ods-organisations', 'ofsted-area-send-report-hertfordshire-2023-07', 'ons-nhs-geography-lookups']);
    expect(agencies.find((a) => a.id === 'cornwall-and-isles-of-scilly-icb')).toMatchObject({ odsCode: 'QT6', aliases: expect.arrayContaining(['Cornwall and the Isles of Scilly ICB']) });
    expect(agencies.find((a) => a.id === 'royal-wolverhampton-nhs-trust')).toMatchObject({ odsCode: 'RL4', kind: 'NHS_TRUST' });
    expect(agencies.filter((a) => /cornwall/.test(a.id) && a.kind === 'ICB')).toHaveLength(1);
  });

  it("date each service and give its share of the area's LSOAs: Leeds's three CCGs of 2016, then one", () => {
    const leeds = rels.filter((r) => r.type === 'SERVES' && r.to === 'leeds' && /^leeds-.*ccg$/.test(r.from)).map((r) => [r.from, r.since, r.until, r.share]);
    expect(leeds.sort()).toEqual([
      ['leeds-ccg', '2018-04-01', '2022-06-30', 1],
      ['leeds-north-ccg', '2016-04-01', '2018-03-31', 0.2739],
      ['leeds-south-and-east-ccg', '2016-04-01', '2018-03-31', 0.3216],
      ['leeds-west-ccg', '2016-04-01', '2018-03-31', 0.4046],
    ]);
    // Manchester's three CCGs merged in April 2017: each served the city before, its share unknown.
    const manchester = rels.filter((r) => r.type === 'SERVES' && r.to === 'manchester' && r.since === '2016-04-01' && r.from.endsWith('-ccg'));
    expect(manchester.map((r) => [r.from, r.until, r.share]).sort()).toEqual([
      ['central-manchester-ccg', '2017-03-31', null], ['north-manchester-ccg', '2017-03-31', null], ['south-manchester-ccg', '2017-03-31', null],
    ]);
  });

  it("give an area created since 2019 the bodies of its predecessors' districts: Cumberland has North Cumbria CCG before 2023", () => {
    const cumberland = rels.filter((r) => r.type === 'SERVES' && r.to === 'cumberland' && r.from === 'north-cumbria-ccg');
    expect(cumberland).toEqual([expect.objectContaining({ since: '2016-04-01', until: '2022-06-30', share: 0.9661 })]);
  });
});
