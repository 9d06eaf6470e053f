import type { NodeTypes } from '@xyflow/react';
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

/** The React Flow node types, defined once at module level (never inside a component). */
export const nodeTypes = {
  wait: WaitNode,
  waitUntil: WaitUntilNode,
  waitForEvent: WaitForEventNode,
  branch: BranchNode,
  switch: SwitchNode,
  end: EndNode,
  setVariable: SetVariableNode,
  startPlaybook: StartPlaybookNode,
  generic: GenericNode,
} satisfies Record<(typeof SPECIAL_NODE_TYPES)[number] | 'generic', NodeTypes[string]>;
