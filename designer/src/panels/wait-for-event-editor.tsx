import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { SchemaConfigForm } from './schema-config-form.tsx';
import { WaitEditor } from './wait-editor.tsx';

const OMIT = ['timeout'];

/** The event fields come from the schema; the optional timeout is typed in words like any other wait. */
export function WaitForEventEditor({ node, onConfig }: EditorProps<'waitForEvent'>) {
  return (
    <>
      <SchemaConfigForm node={node} onConfig={onConfig} omit={OMIT} />
      <WaitEditor
        label="Timeout"
        optional
        value={node.config.timeout}
        onChange={(timeout) => onConfig({ ...node.config, ...(timeout ? { timeout } : { timeout: undefined }) })}
      />
    </>
  );
}
