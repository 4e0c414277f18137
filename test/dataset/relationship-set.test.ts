import { RelationshipSet } from '../../src/dataset/relationship-set';
import { REL_TYPES } from '../../src/domain/model';

const ids = ['a', 'b', 'c', 'src-1', 'src-2'];
const rowsOf = (set: RelationshipSet) => {
  const c = set.columns();
  return Array.from({ length: c.count }, (_, e) => ({ type: REL_TYPES[c.type[e]], from: ids[c.from[e]], to: ids[c.to[e]], ...c.propList[c.props[e]] }));
};

describe('RelationshipSet', () => {
  it('keeps one relationship per type and ends, in the order first stated, with the sources of every statement', () => {
    const set = new RelationshipSet((id) => ids.indexOf(id), ids.length);
    set.add({ type: 'SERVES', from: 'a', to: 'b' }, 'src-1');
    set.add({ type: 'ABOUT', from: 'a', to: 'b' }, 'src-1');
    set.add({ type: 'SERVES', from: 'c', to: 'b' }, undefined);
    set.add({ type: 'SERVES', from: 'a', to: 'b' }, 'src-2');
    set.add({ type: 'SERVES', from: 'a', to: 'b' }, 'src-1');
    set.add({ type: 'SERVES', from: 'c', to: 'b' }, 'src-2');
    set.add({ type: 'SUCCEEDED_BY', from: 'a', to: 'c', on: '2021-04-01', onCertainty: 'STATED' }, 'src-1');
    expect(rowsOf(set)).toEqual([
      { type: 'SERVES', from: 'a', to: 'b', sourceIds: ['src-1', 'src-2'] },
      { type: 'ABOUT', from: 'a', to: 'b', sourceIds: ['src-1'], assignedBy: 'PERSON', reason: null },
      { type: 'SERVES', from: 'c', to: 'b', sourceIds: ['src-2'] },
      { type: 'SUCCEEDED_BY', from: 'a', to: 'c', sourceIds: ['src-1'], on: '2021-04-01', onCertainty: 'STATED' },
    ]);
  });

  it('keeps a dated service per first day, and adds an undated statement of it (a report) to the first dated one', () => {
    const set = new RelationshipSet((id) => ids.indexOf(id), ids.length);
    set.add({ type: 'SERVES', from: 'a', to: 'b' }, 'src-1');
    set.add({ type: 'SERVES', from: 'a', to: 'b', since: '2016-04-01', until: '2018-03-31', share: 0.25 }, 'src-2');
    set.add({ type: 'SERVES', from: 'a', to: 'b', since: '2018-04-01', until: null, share: 1 }, 'src-2');
    set.add({ type: 'SERVES', from: 'a', to: 'b', since: '2016-04-01', until: '2018-03-31', share: 0.25 }, 'src-2');
    set.add({ type: 'SERVES', from: 'c', to: 'b' }, 'src-1');
    expect(rowsOf(set)).toEqual([
      { type: 'SERVES', from: 'a', to: 'b', sourceIds: ['src-2', 'src-1'], since: '2016-04-01', until: '2018-03-31', share: 0.25 },
      { type: 'SERVES', from: 'a', to: 'b', sourceIds: ['src-2'], since: '2018-04-01', until: null, share: 1 },
      { type: 'SERVES', from: 'c', to: 'b', sourceIds: ['src-1'] },
    ]);
  });

  it('shares one properties entry among relationships stated by the same source alone', () => {
    const set = new RelationshipSet((id) => ids.indexOf(id), ids.length);
    set.add({ type: 'ABOUT', from: 'a', to: 'b' }, 'src-1');
    set.add({ type: 'ABOUT', from: 'a', to: 'c' }, 'src-1');
    set.add({ type: 'ABOUT', from: 'b', to: 'c' }, 'src-2');
    const c = set.columns();
    expect(c.props[0]).toBe(c.props[1]);
    expect(c.propList).toHaveLength(2);
  });
});
