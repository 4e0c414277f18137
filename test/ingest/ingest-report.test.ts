import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ingestReports } from '../../src/ingest/ingest-reports';
import { copyOfSeeds, editFile, SEEDS_DIR } from '../helpers';
import { CORPUS } from './corpus';
import { minimalPdf } from './minimal-pdf';

jest.setTimeout(60_000);

const HERTS = join(CORPUS, '80475-hertfordshire.pdf');
const scratch = () => mkdtempSync(join(tmpdir(), 'send-graph-ingest-'));

async function ingest(files: string[], seedsDir = SEEDS_DIR) {
  const outDir = scratch();
  const results = await ingestReports({ files, outDir, seedsDir });
  return { results, outDir, written: readdirSync(outDir).sort() };
}

describe('ingest-report', () => {
  it('writes one seed file per report: the inspection the outcomes table declares, its findings, actions and health bodies', async () => {
    const { results, outDir, written } = await ingest([HERTS]);
    expect(results).toEqual([{ file: HERTS, written: join(outDir, 'area-send-report-hertfordshire-2023-07.yaml'), counts: { strengths: 11, weaknesses: 16, priorityActions: 2, improvements: 5 } }]);
    expect(written).toEqual(['area-send-report-hertfordshire-2023-07.yaml']);
    const seed = parseYaml(readFileSync(join(outDir, written[0]), 'utf8'));
    expect(seed.source).toMatchObject({
      title: 'Area SEND inspection of Hertfordshire Local Area Partnership', kind: 'REPORT', publisher: 'Ofsted and Care Quality Commission',
      url: 'https://files.ofsted.gov.uk/v1/file/50232445', file: '80475-hertfordshire.pdf', licence: 'Open Government Licence v3.0',
    });
    expect(seed.inspections).toEqual([
      expect.objectContaining({
        id: 'hertfordshire-2023-07', area: 'hertfordshire', kind: 'FULL', framework: 'FRAMEWORK_2023', outcome: 'SYSTEMIC_FAILINGS',
        startedOn: { date: '2023-07-10', certainty: 'STATED' }, endedOn: { date: '2023-07-14', certainty: 'STATED' },
        priorityActionPlanRequired: true, follows: 'hertfordshire-2016-07',
      }),
    ]);
    expect(seed.agencies.map((a: { id: string; kind: string }) => [a.id, a.kind])).toEqual([
      ['hertfordshire-and-west-essex-icb', 'ICB'], ['east-and-north-hertfordshire-ccg', 'CCG'], ['herts-valleys-ccg', 'CCG'],
    ]);
    expect(seed.links).toEqual([
      { type: 'SUCCEEDED_BY', from: 'east-and-north-hertfordshire-ccg', to: 'hertfordshire-and-west-essex-icb', on: { date: '2022-07-01', certainty: 'STATED' } },
      { type: 'SUCCEEDED_BY', from: 'herts-valleys-ccg', to: 'hertfordshire-and-west-essex-icb', on: { date: '2022-07-01', certainty: 'STATED' } },
    ]);
    // A bullet that runs over a page break is one finding, in the inspectors' words, with no page furniture.
    const weakness = seed.findings.find((f: { id: string }) => f.id === 'hertfordshire-2023-07-weakness-16');
    expect(weakness.quote).toMatch(/^Too many EHC plans do not specify clearly enough children’s education, health and care needs/);
    expect(seed.findings.map((f: { quote: string }) => f.quote).join(' ')).not.toMatch(/Area SEND inspection report|10 to 14 July 2023/);
    expect(weakness.summary).toBe(weakness.quote.slice(0, weakness.summary.length));
    for (const f of seed.findings) for (const t of f.themes) expect(t).toEqual({ id: expect.any(String), by: 'MACHINE', reason: expect.stringMatching(/^model [a-z-]+: score -?\d+\.\d\d \(probability \d\.\d\d/) });
    expect(seed.actions[0]).toMatchObject({
      id: 'hertfordshire-2023-07-priority-action-01', kind: 'PRIORITY_ACTION', requiredBy: 'hertfordshire-2023-07',
      owners: ['hertfordshire-council', 'hertfordshire-and-west-essex-icb'],
      description: expect.stringMatching(/^Leaders should act with urgency to accelerate their data dashboard work/),
    });
  });

  it('writes the same file from the same PDF', async () => {
    const a = await ingest([HERTS]);
    const b = await ingest([HERTS]);
    expect(readFileSync(join(b.outDir, b.written[0]))).toEqual(readFileSync(join(a.outDir, a.written[0])));
  });

  it('keeps a person’s corrections when the report is ingested again', async () => {
    const { outDir, written } = await ingest([HERTS]);
    const path = join(outDir, written[0]);
    const seed = parseYaml(readFileSync(path, 'utf8'));
    const [first, second] = seed.findings;
    const rejected = second.themes[0].id;
    editFile(path, (t) =>
      t
        .replace(`  - id: ${first.id}\n    foundBy: hertfordshire-2023-07\n    polarity: STRENGTH\n    themes:\n`, `  - id: ${first.id}\n    foundBy: hertfordshire-2023-07\n    polarity: STRENGTH\n    themes:\n      - { id: workforce-and-training, by: person, reason: checked by hand }\n`)
        .replace(`  - id: ${second.id}\n`, `  - id: ${second.id}\n    rejectedThemes: [${rejected}]\n`),
    );
    await ingestReports({ files: [HERTS], outDir, seedsDir: SEEDS_DIR });
    const again = parseYaml(readFileSync(path, 'utf8'));
    expect(again.findings[0].themes[0]).toEqual({ id: 'workforce-and-training', by: 'person', reason: 'checked by hand' });
    expect(again.findings[0].themes.filter((t: { id: string }) => t.id === 'workforce-and-training')).toHaveLength(1);
    expect(again.findings[1].rejectedThemes).toEqual([rejected]);
    expect(again.findings[1].themes.map((t: { id: string }) => t.id)).not.toContain(rejected);
  });

  it('refuses what it cannot read, writes nothing for it, and carries on with the rest', async () => {
    const dir = scratch();
    const file = (name: string, bytes: Buffer | string) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const files = [
      file('empty.pdf', ''),
      file('notes.pdf', 'These are notes, not a PDF.'),
      file('damaged.pdf', readFileSync(HERTS).subarray(0, 3000)),
      file('encrypted.pdf', minimalPdf('Area SEND inspection of Hertfordshire Local Area Partnership', { encrypted: true })),
      file('letter.pdf', minimalPdf('Dear parent, this is a letter about the school trip.')),
      join(dir, 'missing.pdf'),
      HERTS,
    ];
    const { results, written } = await ingest(files);
    const refused = Object.fromEntries(results.filter((r) => r.refused).map((r) => [r.file.split('/').pop(), r.refused]));
    expect(refused).toEqual({
      'empty.pdf': 'the file is empty',
      'notes.pdf': expect.stringContaining('not a PDF'),
      'damaged.pdf': expect.stringContaining('damaged'),
      'encrypted.pdf': expect.stringContaining('encrypted'),
      'letter.pdf': expect.stringContaining('not an area SEND inspection report'),
      'missing.pdf': expect.stringContaining('cannot be read (ENOENT)'),
    });
    expect(written).toEqual(['area-send-report-hertfordshire-2023-07.yaml']);
  });

  it('matches an area the reference names differently by the council the partnership section names, and says so', async () => {
    const seeds = copyOfSeeds();
    editFile(join(seeds, 'reference', 'areas.yaml'), (t) => t.replace('    name: Hertfordshire\n', '    name: Hertford Shire\n'));
    const { results, outDir, written } = await ingest([HERTS], seeds);
    expect(results[0].refused).toBeUndefined();
    const seed = parseYaml(readFileSync(join(outDir, written[0]), 'utf8'));
    expect(seed.inspections[0]).toMatchObject({ id: 'hertfordshire-2023-07', area: 'hertfordshire' });
    expect(seed.inspections[0].notes).toContain('the area Hertfordshire County Council, named in the report\'s partnership section, serves');
  });

  it('refuses a report whose area the reference seeds do not have, by name or by council, saying what to add', async () => {
    const seeds = copyOfSeeds();
    editFile(join(seeds, 'reference', 'areas.yaml'), (t) =>
      t.replace('    name: Hertfordshire\n', '    name: Hertford Shire\n').replace('    name: Hertfordshire County Council\n', '    name: Hertford Shire County Council\n'),
    );
    const { results, written } = await ingest([HERTS], seeds);
    expect(results[0].refused).toMatch(/its area "Hertfordshire" matches no area of seeds\/reference, nor does a council its partnership section names: add the area/);
    expect(written).toEqual([]);
  });

  it("refuses a report naming an ICB that is not among the register's 42, saying which", async () => {
    const seeds = copyOfSeeds();
    // The register without the Hertfordshire and West Essex board (its record in the ONS seed).
    editFile(join(seeds, 'reference', 'nhs-ons-services.yaml'), (t) => t.split('\n').filter((l) => !l.startsWith('  - {id: hertfordshire-and-west-essex-icb,')).join('\n'));
    const { results, written } = await ingest([HERTS], seeds);
    expect(results[0].refused).toMatch(/names "Hertfordshire and West Essex" \(not among the 42 ICBs of seeds\/reference\)/);
    expect(written).toEqual([]);
  });

  it("declares the report's ICB and CCGs as the register's bodies, under the register's ids and names", async () => {
    const { outDir, written } = await ingest([HERTS]);
    const seed = parseYaml(readFileSync(join(outDir, written[0]), 'utf8'));
    const register = parseYaml(readFileSync(join(SEEDS_DIR, 'reference', 'nhs-ons-services.yaml'), 'utf8'));
    const byId = new Map(register.agencies.map((a: { id: string; name: string; odsCode: string }) => [a.id, a]));
    expect(seed.agencies.map((a: { id: string; name: string }) => [a.id, a.name, (byId.get(a.id) as { odsCode: string } | undefined)?.odsCode])).toEqual([
      ['hertfordshire-and-west-essex-icb', 'NHS Hertfordshire and West Essex Integrated Care Board', 'QM7'],
      ['east-and-north-hertfordshire-ccg', 'NHS East and North Hertfordshire Clinical Commissioning Group', '06K'],
      ['herts-valleys-ccg', 'NHS Herts Valleys Clinical Commissioning Group', '06N'],
    ]);
  });

  it('refuses a second PDF of an inspection already ingested in the run', async () => {
    const { results, written } = await ingest([HERTS, HERTS]);
    expect(results[1].refused).toMatch(/same inspection \(hertfordshire-2023-07\)/);
    expect(written).toHaveLength(1);
  });
});
