import { Position, type NodeHandle, type Rect, type Viewport } from '@xyflow/react';
import { outcomesOf } from './outcomes';
import type { ConnectionEdge, StepNode } from './serialization';

/*
 * What a step looks like before the browser has measured it. React Flow measures every node it renders; a node it has
 * not rendered yet is placed by these estimates, so a large playbook can open showing (and rendering) only the steps
 * in view while the minimap, edges and "fit view" still know where every other step is. Once a node is on screen
 * its measured size and handles replace the estimates.
 */
export const STEP_MIN_WIDTH = 200;
export const STEP_HEIGHT = 79;
const OUTCOME_WIDTH = 70;
const HANDLE = 6;

/** The outcome handles a step's node shows: its outcomes, then stray ones (connections from outcomes it no longer has). */
export function handleIdsOf(node: StepNode, strays: string[] = []): string[] {
  return [...outcomesOf(node.data.step), ...strays];
}

/** Outcome labels are 10 px text: about 6 px a character, with a gap so neighbouring labels never touch. */
const LABEL_CHAR = 6;
const LABEL_GAP = 16;

/** The room one outcome's label takes at the bottom of its step: long switch cases get wider slots. */
export function outcomeSlotWidth(outcome: string): number {
  return Math.max(OUTCOME_WIDTH, outcome.length * LABEL_CHAR + LABEL_GAP);
}

/** A step's width before its text is measured, and the least width its node is drawn with (room for every outcome label). */
export function estimatedWidth(outcomes: string[]): number {
  return Math.max(STEP_MIN_WIDTH, outcomes.reduce((sum, o) => sum + outcomeSlotWidth(o), 0));
}

/** The input handle at the top centre; outcome handles spread along the bottom, each under the middle of its label's slot. */
export function estimatedHandles(outcomes: string[], width: number): NodeHandle[] {
  const slots = outcomes.map(outcomeSlotWidth);
  const scale = width / Math.max(1, slots.reduce((a, b) => a + b, 0));
  let left = 0;
  return [
    { id: 'in', type: 'target', position: Position.Top, x: width / 2 - HANDLE / 2, y: -HANDLE / 3, width: HANDLE, height: HANDLE },
    ...outcomes.map((id, i): NodeHandle => {
      const centre = (left + slots[i] / 2) * scale;
      left += slots[i];
      return { id, type: 'source', position: Position.Bottom, x: centre - HANDLE / 2, y: STEP_HEIGHT - (2 * HANDLE) / 3, width: HANDLE, height: HANDLE };
    }),
  ];
}

/** Nodes as loaded from a definition, each with an estimated size and handles until React Flow has measured it. */
export function withEstimatedGeometry(nodes: StepNode[], strayOutcomes: Record<string, string[]>): StepNode[] {
  return nodes.map((n) => {
    if (n.measured) return n;
    const outcomes = handleIdsOf(n, strayOutcomes[n.id]);
    const width = estimatedWidth(outcomes);
    return { ...n, initialWidth: width, initialHeight: STEP_HEIGHT, handles: estimatedHandles(outcomes, width) };
  });
}

/** Once measured, a node's real handles count: the estimates are dropped (React Flow keeps what it measured). */
export function dropEstimates(nodes: StepNode[], measuredIds: Set<string>): StepNode[] {
  if (measuredIds.size === 0) return nodes;
  return nodes.map((n) => {
    if (!n.handles || !measuredIds.has(n.id)) return n;
    const { handles: _estimated, ...rest } = n;
    return rest;
  });
}

/** Below this zoom step titles cannot be read; a playbook that only fits smaller opens at its start instead. */
export const READABLE_ZOOM = 0.5;
export const OPENING_ZOOM = 0.8;
const MARGIN = 40;

/** Fit every step into view (when they fit readably), or open at `viewport`; an empty canvas does neither, so dropped steps land where they are dropped. */
export interface OpeningView { fitView: boolean; viewport?: Viewport }

/**
 * How the canvas opens: fitted to every step when they all fit at a readable zoom; otherwise at a readable zoom with
 * the first step (the first one nothing leads to) at the top. The minimap shows the rest and "Fit view" shows it all.
 */
export function openingView(nodes: StepNode[], edges: ConnectionEdge[], canvas: { width: number; height: number }, padding = 0.15): OpeningView {
  if (nodes.length === 0) return { fitView: false };
  if (canvas.width <= 0 || canvas.height <= 0) return { fitView: true };
  const bounds = boundsOf(nodes);
  const fitZoom = Math.min(canvas.width / (bounds.width * (1 + 2 * padding)), canvas.height / (bounds.height * (1 + 2 * padding)));
  if (fitZoom >= READABLE_ZOOM) return { fitView: true };

  const targets = new Set(edges.map((e) => e.target));
  const start = nodes.find((n) => !targets.has(n.id)) ?? nodes[0];
  const zoom = OPENING_ZOOM;
  const centred = canvas.width / 2 - (start.position.x + sizeOf(start).width / 2) * zoom;
  // Centred on the first step, unless that leaves empty space on the left while the playbook runs off on the right.
  const emptyLeft = centred + bounds.x * zoom - MARGIN;
  const hiddenRight = centred + (bounds.x + bounds.width) * zoom - (canvas.width - MARGIN);
  const x = centred - Math.max(0, Math.min(emptyLeft, hiddenRight));
  return { fitView: false, viewport: { x, y: MARGIN - start.position.y * zoom, zoom } };
}

/** A node's size: measured once rendered, else estimated. */
export function sizeOf(node: StepNode): { width: number; height: number } {
  return {
    width: node.measured?.width ?? node.initialWidth ?? STEP_MIN_WIDTH,
    height: node.measured?.height ?? node.initialHeight ?? STEP_HEIGHT,
  };
}

/**
 * The box around every step, rendered or not. (React Flow's own fitView counts only measured nodes, which on a
 * large playbook are just the ones that have been in view.)
 */
export function boundsOf(nodes: StepNode[]): Rect {
  const boxes = nodes.map((n) => ({ ...n.position, ...sizeOf(n) }));
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}
