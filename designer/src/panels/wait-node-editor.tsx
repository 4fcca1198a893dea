import type { EditorProps } from '../node-kinds/node-kind-entry.ts';
import { WaitEditor } from './wait-editor.tsx';

/** A wait node's whole config is its wait; clearing the text keeps the last valid one, since it is required. */
export function WaitNodeEditor({ node, onConfig }: EditorProps<'wait'>) {
  return (
    <WaitEditor
      label="Wait"
      value={node.config.until}
      onChange={(until) => until && onConfig({ ...node.config, until })}
    />
  );
}
