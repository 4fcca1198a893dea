import type { NodeTypes } from '@xyflow/react';
import type { ConnectorCatalog, NodeKind, NodeOfKind } from '@ledgerflow/flow-model';
import { translate, type Lang } from '../i18n/i18n.ts';
import {
  NEXT_HANDLE,
  NODE_GROUPS,
  type AnyNodeKindEntry,
  type NodeGroup,
  type NodeKindEntry,
  type OutputHandle,
  type PaletteItem,
} from './node-kind-entry.ts';
import { manualTriggerKind } from './trigger-manual.kind.tsx';
import { scheduleTriggerKind } from './trigger-schedule.kind.tsx';
import { webhookTriggerKind } from './trigger-webhook.kind.tsx';
import { recordFeedTriggerKind } from './trigger-record-feed.kind.tsx';
import { ledgerFeedTriggerKind } from './trigger-ledger-feed.kind.tsx';
import { decisionKind } from './decision.kind.tsx';
import { decisionTableKind } from './decision-table.kind.tsx';
import { setVariablesKind } from './set-variables.kind.tsx';
import { actionKind } from './action.kind.tsx';
import { humanTaskKind } from './human-task.kind.tsx';
import { waitKind } from './wait.kind.tsx';
import { waitForEventKind } from './wait-for-event.kind.tsx';
import { forEachKind } from './for-each.kind.tsx';
import { subFlowKind } from './sub-flow.kind.tsx';
import { parallelSplitKind } from './parallel-split.kind.tsx';
import { parallelJoinKind } from './parallel-join.kind.tsx';
import { endKind } from './end.kind.tsx';
import { dunningClassifyKind } from './dunning-classify.kind.tsx';
import { dunningSendKind } from './dunning-send.kind.tsx';
import { dunningPauseKind } from './dunning-pause.kind.tsx';

/** Every designer node kind, in the order the palette lists them within a group. */
export const KIND_ENTRIES: readonly AnyNodeKindEntry[] = [
  manualTriggerKind,
  scheduleTriggerKind,
  webhookTriggerKind,
  recordFeedTriggerKind,
  ledgerFeedTriggerKind,
  decisionKind,
  decisionTableKind,
  setVariablesKind,
  actionKind,
  humanTaskKind,
  waitKind,
  waitForEventKind,
  forEachKind,
  subFlowKind,
  parallelSplitKind,
  parallelJoinKind,
  endKind,
  dunningClassifyKind,
  dunningSendKind,
  dunningPauseKind,
];

type Registry = { readonly [K in NodeKind]: NodeKindEntry<K> };

function byKind(entries: readonly AnyNodeKindEntry[]): Registry {
  const registry: Partial<Record<NodeKind, AnyNodeKindEntry>> = {};
  for (const e of entries) {
    // Two entries for one kind would silently shadow each other: the canvas could draw one and the panel edit the other.
    if (registry[e.kind]) throw new Error(`Two designer entries for node kind ${e.kind}`);
    registry[e.kind] = e;
  }
  return registry as Registry;
}

/** The one place a node kind is looked up: canvas, palette, property panel, serializer and store all read it. */
export const KINDS: Registry = byKind(KIND_ENTRIES);

/** Module scope on purpose: a new object per render makes React Flow remount every node. */
export const nodeTypes: NodeTypes = Object.fromEntries(KIND_ENTRIES.map((e) => [e.kind, e.View]));

/** Undefined for a kind this designer does not know (an import from a newer version). */
export function kindEntry(kind: string): AnyNodeKindEntry | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as NodeKind] : undefined;
}

export function kindLabel(kind: string, lang: Lang): string {
  const entry = kindEntry(kind);
  return entry ? translate(lang, entry.palette.labelKey) : kind;
}

/** The source handles a node offers; edges name them in `sourceHandle`. Pure, so the serializer and canvas agree. */
export function outputHandles<K extends NodeKind>(node: NodeOfKind<K>): OutputHandle[] {
  if (!Object.hasOwn(KINDS, node.kind)) return [NEXT_HANDLE];
  return KINDS[node.kind as K].serializer.outputs(node);
}

export function hasInput(kind: string): boolean {
  return kindEntry(kind)?.serializer.input ?? true;
}

export function fansOut(kind: string): boolean {
  return kindEntry(kind)?.serializer.fanOut ?? false;
}

/** The palette's buttons by group; a kind that offers items (connector actions) shows them instead of itself. */
export function paletteGroups(catalog: ConnectorCatalog, lang: Lang): Record<NodeGroup, PaletteItem[]> {
  const groups = Object.fromEntries(NODE_GROUPS.map((g) => [g, [] as PaletteItem[]])) as Record<
    NodeGroup,
    PaletteItem[]
  >;
  for (const e of KIND_ENTRIES) {
    const { group, icon, labelKey, items } = e.palette;
    const offered = items?.(catalog, lang) ?? [];
    groups[group].push(
      ...(offered.length ? offered : [{ key: e.kind, kind: e.kind, label: translate(lang, labelKey), icon }]),
    );
  }
  return groups;
}
