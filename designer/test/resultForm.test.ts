import { describe, expect, it } from 'vitest';
import type { FormField } from '../src/api/types';
import { changeField, formFieldsOf, newField, problemsOfField } from '../src/model/resultForm';
import { fieldKind } from '../src/model/validation';

describe('editing a createTask result form', () => {
  const form: FormField[] = [{ name: 'cause', type: 'choice', options: ['a', 'b'], multiple: true, required: true }, { name: 'note', type: 'text' }];

  it('is edited as a form, not as a list of texts', () => {
    expect(fieldKind('form', { type: 'array', items: { type: 'object' } })).toBe('form');
    expect(fieldKind('cases', { type: 'array', items: { type: 'string' } })).toBe('list');
  });

  it('drops choice-only settings when the type changes, and empty optional settings', () => {
    expect(changeField(form, 0, { type: 'text' })[0]).toEqual({ name: 'cause', type: 'text', required: true });
    expect(changeField(form, 1, { label: '', required: false })[1]).toEqual({ name: 'note', type: 'text' });
    expect(changeField(form, 1, { label: 'What they said' })).toEqual([form[0], { name: 'note', type: 'text', label: 'What they said' }]);
  });

  it('adds a field with an unused name and ignores entries that are not fields', () => {
    expect(newField([{ name: 'field2', type: 'text' }]).name).toBe('field3');
    expect(formFieldsOf([{ name: 'x', type: 'text' }, 'junk', null])).toEqual([{ name: 'x', type: 'text' }]);
  });

  it('shows the server\'s problems at the field they name', () => {
    const problems = [{ field: 'form[1].options', message: 'needs options' }, { field: 'form[10].name', message: 'x' }, { field: 'title', message: 'y' }];
    expect(problemsOfField(problems, 1)).toEqual(['options: needs options']);
  });
});
