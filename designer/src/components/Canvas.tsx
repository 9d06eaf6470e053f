import { Background, ControlButton, Controls, MiniMap, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useFitAll } from '../hooks/useFitAll';
import { openingView, type OpeningView } from '../model/geometry';
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
  const fitAll = useFitAll();
  // How the canvas opens depends on its size, so the flow mounts once that is known (before the first paint). Only the
  // steps in view are rendered: on a large playbook that opens at its start, that is a fraction of them.
  const frame = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<OpeningView | null>(null);
  useLayoutEffect(() => {
    const box = frame.current!.getBoundingClientRect();
    setOpening(openingView(nodes, edges, box));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, for the playbook as it opened
  return (
    <div className="canvas" aria-label={label} role="application" ref={frame}>
      {opening && <ReactFlow<StepNode>
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
        fitView={opening.fitView}
        fitViewOptions={FIT_OPTIONS}
        defaultViewport={opening.viewport}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Mini map" />
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={fitAll} title="fit view" aria-label="fit view">
            <svg viewBox="0 0 32 30" aria-hidden fill="none" stroke="currentColor" strokeWidth="4"><path d="M2 10V2h8M22 2h8v8M30 20v8h-8M10 28H2v-8" /></svg>
          </ControlButton>
        </Controls>
      </ReactFlow>}
    </div>
  );
}
