import type { NodeTypes } from '@xyflow/react';
import { memoNode } from './base-node';
import { SPECIAL_NODE_TYPES } from './catalog';
import { BranchNode } from './flow/branch-node';
import { EndNode } from './flow/end-node';
import { SetVariableNode } from './flow/set-variable-node';
import { StartPlaybookNode } from './flow/start-playbook-node';
import { SwitchNode } from './flow/switch-node';
import { WaitForEventNode } from './flow/wait-for-event-node';
import { WaitNode } from './flow/wait-node';
import { WaitUntilNode } from './flow/wait-until-node';
import { GenericNode } from './generic/generic-node';

/** The React Flow node types, defined once at module level (never inside a component), each re-rendering only when its step changes. */
export const nodeTypes = {
  wait: memoNode(WaitNode),
  waitUntil: memoNode(WaitUntilNode),
  waitForEvent: memoNode(WaitForEventNode),
  branch: memoNode(BranchNode),
  switch: memoNode(SwitchNode),
  end: memoNode(EndNode),
  setVariable: memoNode(SetVariableNode),
  startPlaybook: memoNode(StartPlaybookNode),
  generic: memoNode(GenericNode),
} satisfies Record<(typeof SPECIAL_NODE_TYPES)[number] | 'generic', NodeTypes[string]>;
