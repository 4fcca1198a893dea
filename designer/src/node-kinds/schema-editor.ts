import { lazy, type ComponentType } from 'react';
import type { NodeKind } from '@ledgerflow/flow-model';
import type { EditorProps } from './node-kind-entry.ts';

/**
 * The editor of kinds with no hand-built form: generated from the kind's JSON schema. Every such kind gets its
 * own lazy wrapper around the one chunk, which the browser fetches once.
 */
export function schemaEditor<K extends NodeKind>(): ComponentType<EditorProps<K>> {
  return lazy(() => import('../panels/schema-config-form.tsx').then((m) => ({ default: m.SchemaConfigForm<K> })));
}
