import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { relationshipRows, type InspectionRow, type NodeRow } from '../../src/domain/model';
import { copyOfSeeds, SEEDS_DIR, problemsOf } from '../helpers';

/** The same record declared again in a second file: one node, both sources, fields combined. */

function withSecondFile(yaml: string): string {
  const dir = copyOfSeeds();
  writeFileSync(join(dir, 'documents', 'zz-first.yaml'), article);
  writeFileSync(join(dir, 'documents', 'zz-second.yaml'), yaml);
  return dir;
}

const SOURCE = `source:\n  id: second-source\n  title: A second document\n  kind: DATASET\n`;

/** An inspection no project seed declares, so that each test controls every file that does. */
const ID = 'dudley-2030-01';
const inspection = (fields: string, source = 'second-source') =>
  `source:\n  id: ${source}\n  title: A document\n  kind: DATASET\ninspections:\n  - id: ${ID}\n    area: dudley\n    kind: initial\n    by: [ofsted]\n${fields}`;
const article = inspection(
  '    outcome: wsoa_required\n    by: [ofsted, cqc]\n    startedOn: { date: "2030-01", certainty: inferred }\n    notes: The article implies the month.\n',
  'first-source',
).replace('    by: [ofsted]\n    outcome', '    outcome');

const node = (nodes: NodeRow[], id: string) => nodes.find((n) => n.id === id);

describe('one record in two files', () => {
  it("Sandwell's 2017 inspection: the article and Ofsted's statistics, one node with both sources and the stated day", () => {
    const bundle = loadDataset(SEEDS_DIR);
    expect(node(bundle.nodes, 'sandwell-2017-01')).toMatchObject({ startedOn: '2017-01-16', startedOnCertainty: 'STATED', outcome: 'WSOA_REQUIRED', significantWeaknesses: 5 });
    const sources = relationshipRows(bundle).filter((r) => r.type === 'REPORTED_IN' && r.from === 'sandwell-2017-01').map((r) => r.to);
    expect(sources.sort()).toEqual(['cypn-sandwell-2017', 'ofsted-area-send-statistics-2022']);
  });

  it('is one node with both sources; a stated date replaces an inferred one; fields combine', () => {
    const dir = withSecondFile(
      inspection(
        '    outcome: wsoa_required\n    startedOn: { date: "2030-01-16", certainty: stated }\n' +
          '    publishedOn: { date: "2030-03-27", certainty: stated }\n    significantWeaknesses: 5\n    notes: From the statistics.\n',
      ),
    );
    const bundle = loadDataset(dir);
    const matching = bundle.nodes.filter((n) => n.id === ID);
    expect(matching).toHaveLength(1);
    const row = matching[0] as InspectionRow;
    expect(row).toMatchObject({
      framework: 'FRAMEWORK_2016', kind: 'INITIAL', outcome: 'WSOA_REQUIRED',
      startedOn: '2030-01-16', startedOnCertainty: 'STATED', publishedOn: '2030-03-27', significantWeaknesses: 5,
    });
    expect(row.notes).toContain('The article implies the month.');
    expect(row.notes).toContain('From the statistics.');
    const rels = relationshipRows(bundle);
    const sources = rels.filter((r) => r.type === 'REPORTED_IN' && r.from === ID).map((r) => r.to).sort();
    expect(sources).toEqual(['first-source', 'second-source']);
    // `by` is a list: its relationships union, each with the sources that state it.
    const by = rels.filter((r) => r.type === 'BY' && r.from === ID);
    expect(by.map((r) => [r.to, r.sourceIds.sort()])).toEqual([
      ['ofsted', ['first-source', 'second-source']],
      ['cqc', ['first-source']],
    ]);
  });

  it('keeps an outcome only one file states, and a stated date over a later inferred one', () => {
    const dir = withSecondFile(inspection('    startedOn: { date: "2030-02", certainty: inferred }\n'));
    // The first file infers 2030-01, this one 2030-02: two inferred dates that disagree.
    expect(problemsOf(dir)).toEqual([
      expect.objectContaining({ file: 'documents/zz-second.yaml', record: `inspections[0] "${ID}"`, field: 'startedOn' }),
    ]);
    const ok = withSecondFile(inspection('    startedOn: { date: "2030-01-16", certainty: inferred }\n'));
    expect(node(loadDataset(ok).nodes, ID)).toMatchObject({ outcome: 'WSOA_REQUIRED', startedOn: '2030-01-16', startedOnCertainty: 'INFERRED' });
  });

  it('stops on two stated dates that disagree, naming both files, the record and the field', () => {
    const dir = copyOfSeeds();
    writeFileSync(join(dir, 'documents', 'zz-a.yaml'), inspection('    publishedOn: { date: "2030-03-27", certainty: stated }\n'));
    writeFileSync(join(dir, 'documents', 'zz-b.yaml'), inspection('    publishedOn: { date: "2030-04-02", certainty: stated }\n', 'third-source'));
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'documents/zz-b.yaml', record: `inspections[0] "${ID}"`, field: 'publishedOn' });
    expect(problems[0].message).toContain(`stated "2030-04-02" disagrees with stated "2030-03-27" in documents/zz-a.yaml at inspections[0] "${ID}"`);
  });

  it('stops on two different values of any other field', () => {
    const dir = withSecondFile(inspection('    outcome: no_wsoa\n'));
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: 'documents/zz-second.yaml', field: 'outcome' });
    expect(p.message).toContain('"NO_WSOA" disagrees with "WSOA_REQUIRED" in documents/zz-first.yaml');
  });

  it('works for any kind of record: an agency stated by two documents gains aliases and areas', () => {
    const dir = withSecondFile(
      `${SOURCE}agencies:\n  - id: sandwell-and-west-birmingham-ccg\n    name: NHS Sandwell and West Birmingham Clinical Commissioning Group\n` +
        '    kind: ccg\n    aliases: [SWB CCG]\n    serves: [birmingham]\n',
    );
    const bundle = loadDataset(dir);
    const agency = node(bundle.nodes, 'sandwell-and-west-birmingham-ccg') as Extract<NodeRow, { label: 'Agency' }>;
    expect(agency.aliases).toEqual(['West Birmingham Clinical Commissioning Group', 'West Birmingham CCG', 'Sandwell and West Birmingham CCG', 'SWB CCG']);
    expect(agency.activeTo).toBe('2021-03-31'); // only the first file states it
    const serves = relationshipRows(bundle).filter((r) => r.type === 'SERVES' && r.from === agency.id).map((r) => r.to);
    expect(serves.sort()).toEqual(['birmingham', 'sandwell']);
  });

  it('still refuses the same id as another kind of record', () => {
    const dir = withSecondFile(`${SOURCE}people:\n  - id: ${ID}\n    name: Not An Inspection\n`);
    expect(problemsOf(dir)[0].message).toContain('already declared as Inspection');
  });
});
