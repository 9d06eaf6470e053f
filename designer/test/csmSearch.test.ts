import { describe, expect, it } from 'vitest';
import { tasksSearch } from '../src/routes/search';
import { matchCsms } from '../src/screens/workbench/csmSearch';

const csms = [{ id: 'dana', name: 'Dana Reyes' }, { id: 'omar', name: 'Omar Haddad' }, { id: 'mei-chen', name: 'Mei Chen' }];

describe('workbench CSM picker', () => {
  it('narrows by name or id, any case; empty text keeps all', () => {
    expect(matchCsms(csms, 'rey').map((c) => c.id)).toEqual(['dana']);
    expect(matchCsms(csms, 'MEI-').map((c) => c.id)).toEqual(['mei-chen']);
    expect(matchCsms(csms, '  ')).toHaveLength(3);
    expect(matchCsms(csms, 'zz')).toEqual([]);
  });

  it('reads the csm search parameter of #/tasks, dropping an empty one and keeping the filter', () => {
    expect(tasksSearch({ csm: 'dana' })).toEqual({ show: undefined, csm: 'dana' });
    expect(tasksSearch({ csm: '  ' }).csm).toBeUndefined();
    expect(tasksSearch({ show: 'overdue', csm: ' omar ' })).toEqual({ show: 'overdue', csm: 'omar' });
  });
});
