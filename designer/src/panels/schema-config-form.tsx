import { lazy, Suspense, useMemo } from 'react';
import { FlowNode as FlowNodeSchema, type NodeKind, type NodeOfKind } from '@ledgerflow/flow-model';
import type { JsonSchema } from '@ledgerflow/flow-model';
import { useLang } from '../i18n/i18n.ts';
import { localizeConfigSchema } from './config-labels.ts';

// rjsf and ajv are the heaviest part of the designer; they load only when a generic form is shown.
const RjsfForm = lazy(() => import('./rjsf-form.tsx').then((m) => ({ default: m.RjsfForm })));

/** The config schema of one kind, straight from flow-model (JSON-cloned to drop TypeBox's symbol keys). */
export function configSchema(kind: string): JsonSchema | undefined {
  const variant = FlowNodeSchema.anyOf.find((s) => s.properties.kind.const === kind);
  return variant ? (JSON.parse(JSON.stringify(variant.properties.config)) as JsonSchema) : undefined;
}

interface Props<K extends NodeKind> {
  node: NodeOfKind<K>;
  onConfig: (c: NodeOfKind<K>['config']) => void;
  omit?: string[];
}

/** Generated from the node's JSON schema: no hand-built form per kind. */
export function SchemaConfigForm<K extends NodeKind>({ node, onConfig, omit = [] }: Props<K>) {
  const lang = useLang((s) => s.lang);
  const schema = useMemo(() => {
    const s = configSchema(node.kind);
    if (!s) return undefined;
    const props = { ...((s.properties ?? {}) as Record<string, unknown>) };
    for (const k of omit) delete props[k];
    return localizeConfigSchema(
      {
        ...s,
        properties: props,
        required: ((s.required as string[] | undefined) ?? []).filter((r) => !omit.includes(r)),
      },
      lang,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [node.kind, omit.join(), lang]);
  if (!schema || Object.keys(schema.properties).length === 0) return null;
  return (
    <Suspense fallback={<p role="status">…</p>}>
      <RjsfForm
        schema={schema}
        value={node.config as Record<string, unknown>}
        onChange={(v) => onConfig({ ...(node.config as object), ...v } as NodeOfKind<K>['config'])}
      />
    </Suspense>
  );
}
