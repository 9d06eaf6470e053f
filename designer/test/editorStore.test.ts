import { describe, expect, it } from 'vitest';
import type { PlaybookDefinition } from '../src/api/types';
import { createEditorStore } from '../src/store/editorStore';

const definition: PlaybookDefinition = {
  id: 'kbd',
  steps: [
    { id: 'wait', type: 'waitForEvent', event: 'account.opened', timeout: 'P3D', position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', position: { x: 0, y: 200 } },
    { id: 'end-2', type: 'end', position: { x: 300, y: 200 } },
  ],
  connections: [{ from: 'wait', outcome: 'received', to: 'end' }],
};

function loaded() {
  const store = createEditorStore();
  store.getState().load(definition);
  return store;
}
const connections = (store: ReturnType<typeof loaded>) => store.getState().toDefinition().connections ?? [];

describe('editor store: setConnection (the Connections selects)', () => {
  it('adds, replaces and removes a connection; each is an edit the save sees', () => {
    const store = loaded();
    expect(store.getState().setConnection('wait', 'timeout', null, 'end-2')).toBe(true);
    expect(connections(store)).toEqual([{ from: 'wait', outcome: 'received', to: 'end' }, { from: 'wait', outcome: 'timeout', to: 'end-2' }]);
    expect(store.getState().dirty).toBe(true);
    const revision = store.getState().revision;
    store.getState().setConnection('wait', 'received', 'end', 'end-2');
    expect(connections(store)[0]).toEqual({ from: 'wait', outcome: 'received', to: 'end-2' });
    expect(store.getState().revision).toBeGreaterThan(revision);
    store.getState().setConnection('wait', 'received', 'end-2', null);
    expect(connections(store)).toEqual([{ from: 'wait', outcome: 'timeout', to: 'end-2' }]);
  });

  it('is undone and redone like a connection drawn on the canvas', () => {
    const store = loaded();
    store.getState().setConnection('wait', 'timeout', null, 'end-2');
    store.getState().undo();
    expect(connections(store)).toEqual([{ from: 'wait', outcome: 'received', to: 'end' }]);
    store.getState().redo();
    expect(connections(store)).toHaveLength(2);
  });

  it('counts quick changes of one outcome (arrow keys on a select) as one undo step', () => {
    const store = loaded();
    store.getState().setConnection('wait', 'timeout', null, 'end');
    store.getState().setConnection('wait', 'timeout', 'end', 'end-2');
    store.getState().setConnection('wait', 'timeout', 'end-2', 'wait');
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(connections(store)).toEqual([{ from: 'wait', outcome: 'received', to: 'end' }]);
  });

  it('follows the same rule as onConnect: one connection per outcome and step', () => {
    const store = loaded();
    store.getState().onConnect({ source: 'wait', sourceHandle: 'received', target: 'end', targetHandle: 'in' });
    expect(store.getState().setConnection('wait', 'received', null, 'end')).toBe(false);
    expect(connections(store)).toHaveLength(1);
    expect(store.getState().past).toHaveLength(0);
  });

  it('changes nothing on a read-only canvas', () => {
    const store = createEditorStore();
    store.getState().load(definition, { readOnly: true });
    expect(store.getState().setConnection('wait', 'timeout', null, 'end-2')).toBe(false);
    expect(connections(store)).toHaveLength(1);
  });
});

describe('editor store: onConnect', () => {
  it('writes done without an outcome and ignores a repeated drag', () => {
    const store = loaded();
    store.getState().addStep('notify', { x: 0, y: 400 });
    store.getState().onConnect({ source: 'notify', sourceHandle: 'done', target: 'end', targetHandle: 'in' });
    store.getState().onConnect({ source: 'notify', sourceHandle: 'done', target: 'end', targetHandle: 'in' });
    expect(connections(store).filter((c) => c.from === 'notify')).toEqual([{ from: 'notify', to: 'end' }]);
  });
});

describe('editor store: selection made by React Flow (keyboard Enter/Space/Escape on a node)', () => {
  it('shows the properties of the node React Flow selected', () => {
    const store = loaded();
    store.getState().onNodesChange([{ type: 'select', id: 'end', selected: true }]);
    expect(store.getState().selectedId).toBe('end');
    store.getState().onNodesChange([{ type: 'select', id: 'end', selected: false }, { type: 'select', id: 'end-2', selected: true }]);
    expect(store.getState().selectedId).toBe('end-2');
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['end-2']);
  });

  it('goes back to the playbook settings when the selected node is unselected (Escape)', () => {
    const store = loaded();
    store.getState().select('end');
    store.getState().onNodesChange([{ type: 'select', id: 'end', selected: false }]);
    expect(store.getState().selectedId).toBeNull();
  });

  it('is not an edit', () => {
    const store = loaded();
    store.getState().onNodesChange([{ type: 'select', id: 'end', selected: true }]);
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().past).toHaveLength(0);
  });
});

describe('editor store: moving a node with the arrow keys', () => {
  it('is an edit, and presses in a row undo together', () => {
    const store = loaded();
    store.getState().onNodesChange([{ type: 'position', id: 'end', position: { x: 5, y: 200 }, dragging: false }]);
    store.getState().onNodesChange([{ type: 'position', id: 'end', position: { x: 10, y: 200 }, dragging: false }]);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().nodes.find((n) => n.id === 'end')!.position).toEqual({ x: 0, y: 200 });
  });
});
