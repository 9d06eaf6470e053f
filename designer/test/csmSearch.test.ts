import { describe, expect, it } from 'vitest';
import { csmParam, matchCsms, withCsmParam } from '../src/screens/workbench/csmSearch';

const csms = [{ id: 'dana', name: 'Dana Reyes' }, { id: 'omar', name: 'Omar Haddad' }, { id: 'mei-chen', name: 'Mei Chen' }];

describe('workbench CSM picker', () => {
  it('narrows by name or id, any case; empty text keeps all', () => {
    expect(matchCsms(csms, 'rey').map((c) => c.id)).toEqual(['dana']);
    expect(matchCsms(csms, 'MEI-').map((c) => c.id)).toEqual(['mei-chen']);
    expect(matchCsms(csms, '  ')).toHaveLength(3);
    expect(matchCsms(csms, 'zz')).toEqual([]);
  });

  it('reads and writes the csm search parameter of the hash route, keeping others', () => {
    expect(csmParam('#/tasks?csm=dana')).toBe('dana');
    expect(csmParam('#/tasks')).toBeUndefined();
    expect(csmParam('#/tasks?csm=')).toBeUndefined();
    expect(withCsmParam('#/tasks', 'dana')).toBe('/tasks?csm=dana');
    expect(withCsmParam('#/tasks?csm=dana&x=1', 'omar')).toBe('/tasks?csm=omar&x=1');
    expect(withCsmParam('#/tasks?csm=dana', undefined)).toBe('/tasks');
  });
});
