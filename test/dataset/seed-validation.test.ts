import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectionCountLines } from '../../src/dataset/inspection-counts';
import { countByLabel, loadDataset } from '../../src/dataset/load-dataset';
import { SeedError } from '../../src/dataset/seed-error';
import { relationshipRows } from '../../src/domain/model';
import { copyOfSeeds, editFile, SEEDS_DIR, seedBundle, problemsOf } from '../helpers';

const SANDWELL = 'documents/sandwell-2017.yaml';

describe('the project seeds', () => {
  it('load with every label and the documents behind them', () => {
    const counts = countByLabel(seedBundle());
    expect(counts).toMatchObject({ Area: 161, Region: 9, Theme: 24, Inspection: 270, Review: 1, Source: 63 });
    expect(counts.Finding).toBeGreaterThanOrEqual(50);
  });

  it('count the inspections of both frameworks as `npm run check` prints them', () => {
    expect(inspectionCountLines(seedBundle())).toEqual([
      'FRAMEWORK_2016 INITIAL     151: WSOA_REQUIRED 83, NO_WSOA 68',
      'FRAMEWORK_2016 REVISIT      47: SUFFICIENT_PROGRESS 20, PARTIAL_PROGRESS 25, INSUFFICIENT_PROGRESS 2',
      'FRAMEWORK_2023 FULL         72: POSITIVE 15, INCONSISTENT 36, SYSTEMIC_FAILINGS 20, unknown 1',
    ]);
  });

  it('trace every node to a source document', () => {
    const bundle = seedBundle();
    const { nodes } = bundle;
    const relationships = relationshipRows(bundle);
    const reported = new Set(relationships.filter((r) => r.type === 'REPORTED_IN').map((r) => r.from));
    const unsourced = nodes.filter((n) => n.label !== 'Theme' && n.label !== 'Source' && !reported.has(n.id)).map((n) => n.id);
    expect(unsourced).toEqual([]);
  });
});

describe('a bad seed file stops loading with an error naming file, record and field', () => {
  it('rejects an unknown theme', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('themes: [ehc-plan-quality]', 'themes: [ehc-plan-qualty]'));
    expect(problemsOf(dir)).toEqual([
      {
        file: SANDWELL,
        record: 'findings[1] "sandwell-2017-ehc-plans-lack-health-and-care"',
        field: 'themes[0]',
        message: expect.stringContaining('unknown theme "ehc-plan-qualty"'),
      },
    ]);
  });

  it('rejects a dangling reference to another record', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('    area: sandwell\n', '    area: sandwel\n'));
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: SANDWELL, record: 'inspections[0] "sandwell-2017-01"', field: 'area' });
    expect(p.message).toContain('unknown Area "sandwel"');
  });

  it("rejects a service's days or share on another link, a service ending before it begins, and a share over 1", () => {
    const dir = copyOfSeeds();
    const file = join('reference', 'nhs-ons-services.yaml');
    editFile(join(dir, file), (t) =>
      t
        .replace('{type: SERVES, from: leeds-west-ccg, to: leeds, since: 2016-04-01, until: 2018-03-31, share: 0.4046}', '{type: SERVES, from: leeds-west-ccg, to: leeds, since: 2018-04-01, until: 2018-03-31, share: 1.4046}')
        .replace('{type: PART_OF, from: west-yorkshire-icb-15f, to: west-yorkshire-icb}', '{type: PART_OF, from: west-yorkshire-icb-15f, to: west-yorkshire-icb, share: 1}'),
    );
    const messages = problemsOf(dir).filter((p) => p.file === file).map((p) => `${p.field}: ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'share: must be a share from 0 to 1',
      'since: must not be after "until"',
      'type: "since", "until" and "share" are only for SERVES links',
    ]));
  });

  it('rejects a reference to a record of the wrong kind', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('    area: sandwell\n', '    area: sandwell-council\n'));
    expect(problemsOf(dir)[0].message).toContain('"sandwell-council" is a Agency');
  });

  it('rejects a duplicate id, naming where it was first declared', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('  - id: chris-ward', '  - id: sandwell-council'));
    // Files are read in path order, so the later declaration (reference/ after documents/) is the one reported.
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: 'reference/areas.yaml', record: expect.stringMatching(/^agencies\[\d+\] "sandwell-council"$/), field: 'id' });
    expect(p.message).toContain(`already declared as Person in ${SANDWELL} at people[0] "sandwell-council"`);
  });

  it('rejects a missing required field', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('    kind: initial\n', ''));
    expect(problemsOf(dir)).toEqual([
      { file: SANDWELL, record: 'inspections[0] "sandwell-2017-01"', field: 'kind', message: expect.stringContaining('is required') },
    ]);
  });

  it.each([
    ['2017-13', 'a month that does not exist'],
    ['2017-02-30', 'a day that does not exist'],
    ['January 2017', 'free text'],
  ])('rejects a malformed date: %s (%s)', (date) => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('startedOn: { date: "2017-01"', `startedOn: { date: "${date}"`));
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: SANDWELL, record: 'inspections[0] "sandwell-2017-01"', field: 'startedOn.date' });
    expect(p.message).toContain('YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('rejects a framework that contradicts the kind', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('    kind: initial\n', '    kind: initial\n    framework: framework_2023\n'));
    expect(problemsOf(dir)).toEqual([
      { file: SANDWELL, record: 'inspections[0] "sandwell-2017-01"', field: 'framework', message: expect.stringContaining('contradicts the kind') },
    ]);
  });

  it('rejects the same id twice in one file', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('  - id: edward-timpson', '  - id: chris-ward'));
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: SANDWELL, record: 'people[1] "chris-ward"', field: 'id' });
    expect(p.message).toContain(`already declared in the same file in ${SANDWELL} at people[0] "chris-ward"`);
  });

  it('rejects an unknown field, so a typo is not silently dropped', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('    polarity: strength\n', '    polarity: strength\n    polarty: weakness\n'));
    expect(problemsOf(dir)[0].message).toContain('unknown field(s) "polarty"');
  });

  it('rejects a file that cannot be parsed, naming the file', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'broken.yaml'), 'findings:\n  - id: x\n   polarity: [unclosed\n');
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: 'documents/broken.yaml', record: '(file)' });
    expect(p.message).toMatch(/^cannot be parsed/);
  });

  it('rejects a cycle in succession', () => {
    const dir = copyOfSeeds();
    writeFileSync(
      join(dir, 'documents', 'cycle.json'),
      JSON.stringify({
        source: { id: 'cycle-source', title: 'A bad source', kind: 'WEB_PAGE' },
        links: [{ type: 'SUCCEEDED_BY', from: 'black-country-icb', to: 'sandwell-and-west-birmingham-ccg' }],
      }),
    );
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('succession forms a cycle');
    expect(problems[0].message).toContain('black-country-icb');
  });

  it('links areas by succession, but an area only to an area', () => {
    const dir = copyOfSeeds();
    const link = (to: string) =>
      JSON.stringify({ source: { id: 'merger-source', title: 'A merger', kind: 'WEB_PAGE' }, links: [{ type: 'SUCCEEDED_BY', from: 'dudley', to, on: { date: '2030-04-01', certainty: 'STATED' } }] });
    writeFileSync(join(dir, 'documents', 'merger.json'), link('sandwell'));
    const rel = relationshipRows(loadDataset(dir)).find((r) => r.type === 'SUCCEEDED_BY' && r.from === 'dudley');
    expect(rel).toMatchObject({ to: 'sandwell', on: '2030-04-01', sourceIds: ['merger-source'] });
    writeFileSync(join(dir, 'documents', 'merger.json'), link('sandwell-council'));
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({ file: 'documents/merger.json', field: 'to', message: expect.stringContaining('"sandwell-council" is a Agency') }),
    ]);
  });

  it('rejects facts with no source document', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'orphan.yaml'), 'people:\n  - id: nobody\n    name: No One\n');
    expect(problemsOf(dir)).toEqual([expect.objectContaining({ file: 'documents/orphan.yaml', field: 'source' })]);
  });

  it('reports every problem at once and loads nothing', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('themes: [ehc-plan-quality]', 'themes: [nope]').replace('    area: sandwell\n', '    area: nowhere\n'));
    const err = (() => {
      try {
        return loadDataset(dir);
      } catch (e) {
        return e as SeedError;
      }
    })() as SeedError;
    // The third: Ofsted's statistics declare the same inspection, of Sandwell.
    expect(err.problems).toHaveLength(3);
    expect(err.problems[2]).toMatchObject({ file: 'reference/ofsted-outcomes-2016-2022.yaml', field: 'area' });
    expect(err.message).toMatch(/^The seeds are invalid \(3 problems\); nothing was loaded\./);
    expect(err.message).toContain('documents/sandwell-2017.yaml: inspections[0] "sandwell-2017-01", field area');
  });
});

describe('files that are not seeds are refused before parsing, and nothing loads', () => {
  const only = (dir: string, maxFileBytes?: number) => {
    try {
      loadDataset(dir, { maxFileBytes });
    } catch (err) {
      return (err as SeedError).problems;
    }
    throw new Error('expected the seeds to be rejected');
  };

  it('a file in another encoding', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'latin1.yaml'), Buffer.from('source:\n  id: x\n  title: Caf\xe9\n  kind: ARTICLE\n', 'latin1'));
    expect(only(dir)).toEqual([{ file: 'documents/latin1.yaml', record: '(file)', field: '', message: expect.stringContaining('not valid UTF-8') }]);
  });

  it('a UTF-16 file', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('themes: []\n', 'utf16le')]));
    expect(only(dir)[0].message).toBe('is UTF-16 text: save it as UTF-8');
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'bom.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('themes: []\n')]));
    expect(() => loadDataset(dir)).not.toThrow();
  });

  it('a file over the size limit, without reading it', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'huge.json'), `{"themes": [${'{"id":"t","name":"n","description":"d"},'.repeat(3000)}{"id":"u","name":"n","description":"d"}]}`);
    const [p] = only(dir, 100_000);
    expect(p).toMatchObject({ file: 'documents/huge.json', record: '(file)' });
    expect(p.message).toMatch(/^is \d+ bytes, over the 100000-byte limit/);
  });

  it('a YAML alias bomb', () => {
    const dir = copyOfSeeds();
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    writeFileSync(join(dir, 'documents', 'bomb.yaml'), `${levels.join('\n')}\n`);
    const [p] = only(dir);
    expect(p).toMatchObject({ file: 'documents/bomb.yaml', record: '(file)' });
    expect(p.message).toMatch(/cannot be parsed/);
  });
});

describe('seeds too large to hold are read twice, with the same outcome', () => {
  const outcome = (dir: string, holdBytes?: number) => {
    try {
      return { bundle: loadDataset(dir, { holdBytes }) };
    } catch (err) {
      return { problems: (err as SeedError).problems };
    }
  };

  it('the same bundle from the real seeds', () => {
    const streamed = outcome(SEEDS_DIR, 0);
    expect(streamed.bundle!.nodes.length).toBeGreaterThan(400);
    expect(streamed).toEqual(outcome(SEEDS_DIR));
  });

  it('the same problems from broken seeds: cross-file ones, and a file that cannot be read', () => {
    const dir = copyOfSeeds();
    editFile(join(dir, SANDWELL), (t) => t.replace('themes: [ehc-plan-quality]', 'themes: [nope]').replace('    area: sandwell\n', '    area: nowhere\n'));
    expect(outcome(dir, 0).problems).toHaveLength(3);
    expect(outcome(dir, 0)).toEqual(outcome(dir));
    writeFileSync(join(dir, 'documents', 'broken.yaml'), 'source: [unclosed\n');
    expect(outcome(dir, 0).problems).toEqual([expect.objectContaining({ file: 'documents/broken.yaml' })]);
    expect(outcome(dir, 0)).toEqual(outcome(dir));
  });
});
