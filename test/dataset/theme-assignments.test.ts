import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../../src/dataset/load-dataset';
import { SeedError } from '../../src/dataset/seed-error';
import { relationshipRows } from '../../src/domain/model';
import { copyOfSeeds } from '../helpers';

/** A finding's themes record who assigned each and why; a person's correction is part of the seed. */

const doc = (findingThemes: string, extra = '') => `
source: { id: test-report, title: A test report, kind: REPORT }
mentions: [sandwell-2017-01]
findings:
  - id: test-finding
    foundBy: sandwell-2017-01
    polarity: weakness
    summary: Families wait too long for speech and language therapy.
    themes:
${findingThemes}
${extra}`;

function load(text: string) {
  const dir = copyOfSeeds();
  writeFileSync(join(dir, 'documents', 'test-report.yaml'), text);
  return loadDataset(dir);
}

function problems(text: string) {
  try {
    load(text);
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    return (err as SeedError).problems.filter((p) => p.file === 'documents/test-report.yaml');
  }
  throw new Error('expected the seeds to be rejected');
}

describe('theme assignments in the seed format', () => {
  it('keep who assigned each theme and why on the ABOUT relationship', () => {
    const bundle = load(
      doc(`      - access-to-health-services
      - { id: ehc-timeliness, by: machine, reason: 'rule ehc-timeliness: weaker terms "wait", "delays"' }
      - { id: workforce-and-training, by: person, reason: corrected by hand }`),
    );
    const about = relationshipRows(bundle).filter((r) => r.type === 'ABOUT' && r.from === 'test-finding');
    expect(about).toEqual([
      { type: 'ABOUT', from: 'test-finding', to: 'access-to-health-services', sourceIds: ['test-report'], assignedBy: 'PERSON', reason: null },
      { type: 'ABOUT', from: 'test-finding', to: 'ehc-timeliness', sourceIds: ['test-report'], assignedBy: 'MACHINE', reason: 'rule ehc-timeliness: weaker terms "wait", "delays"' },
      { type: 'ABOUT', from: 'test-finding', to: 'workforce-and-training', sourceIds: ['test-report'], assignedBy: 'PERSON', reason: 'corrected by hand' },
    ]);
  });

  it('refuse a machine assignment that does not say why', () => {
    const [p] = problems(doc('      - { id: ehc-timeliness, by: machine }'));
    expect(p).toMatchObject({ record: 'findings[0] "test-finding"', field: 'themes[0].reason' });
    expect(p.message).toContain('must say why');
  });

  it('refuse a theme both given and rejected, and a rejected theme the taxonomy does not have', () => {
    const found = problems(doc('      - ehc-timeliness', '    rejectedThemes: [ehc-timeliness, ehc-timelyness]').replace('\n\n    rejectedThemes', '\n    rejectedThemes'));
    expect(found.map((p) => [p.field, p.message])).toEqual(
      expect.arrayContaining([
        ['rejectedThemes[1]', expect.stringContaining('unknown theme "ehc-timelyness"')],
        ['themes[0]', expect.stringContaining('"ehc-timeliness" is also in rejectedThemes')],
      ]),
    );
  });
});
