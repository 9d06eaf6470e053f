import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { StepNode } from '../model/serialization';
import { nodeTypes } from '../nodes/registry';
import { useEditor } from '../store/editorStore';

const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.2 };
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' as const };

/** The React Flow canvas of the store in context: nodes from the registry, changes through the store. */
export function Canvas({ label = 'Playbook canvas' }: { label?: string }) {
  const { nodes, edges, readOnly, onNodesChange, onEdgesChange, onConnect, select } = useEditor((s) => ({
    nodes: s.nodes, edges: s.edges, readOnly: s.readOnly,
    onNodesChange: s.onNodesChange, onEdgesChange: s.onEdgesChange, onConnect: s.onConnect, select: s.select,
  }));
  const onNodeClick: NodeMouseHandler<StepNode> = useCallback((_, node) => select(node.id), [select]);
  const onPaneClick = useCallback(() => select(null), [select]);
  // Fit the view to what is there when the canvas opens; an empty canvas keeps its viewport so drops land where they are dropped.
  const [fitOnOpen] = useState(() => nodes.length > 0);
  return (
    <div className="canvas" aria-label={label} role="application">
      <ReactFlow<StepNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesFocusable={!readOnly}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        fitView={fitOnOpen}
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Mini map" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
