import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useLang, useT } from '../i18n/i18n.ts';
import { useFlow, useFlowApi } from './editor-context.ts';
import {
  connectionFor,
  defaultHandle,
  filterTargets,
  handleOptions,
  nodeLabel,
  outgoingEdges,
  replacedEdges,
  targetOptions,
  type OutgoingEdge,
  type TargetOption,
} from '../flow/keyboard-connect.ts';
import { Modal } from '../shell/modal.tsx';

// The stylesheet belongs to the whole app; these few rules only lay out this dialog.
const FIELD: CSSProperties = { display: 'grid', gap: 4, marginBottom: 8 };
const ROW: CSSProperties = { display: 'flex', gap: 8, alignItems: 'center', justifyContent: 'flex-end' };
const EDGE: CSSProperties = {
  display: 'flex',
  gap: 8,
  alignItems: 'center',
  justifyContent: 'space-between',
  padding: '2px 0',
};

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex]:not([tabindex="-1"])';

const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/**
 * The keyboard way to draw an edge: pick one of the node's outputs and a target, Enter connects.
 * The modal makes the page behind it inert and keeps Tab inside; the caller mounts it while open and puts focus back.
 * It connects through the store's onConnect, the very call a mouse drop makes, so validation follows the same path.
 */
export function ConnectDialog({ nodeId, onClose }: { nodeId: string; onClose: (announcement?: string) => void }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const store = useFlowApi();
  const nodes = useFlow((s) => s.nodes);
  const edges = useFlow((s) => s.edges);
  const source = useMemo(() => nodes.find((n) => n.id === nodeId), [nodes, nodeId]);
  const handles = useMemo(() => (source ? handleOptions(source, edges) : []), [source, edges]);
  const [handle, setHandle] = useState(() => defaultHandle(handles) ?? '');
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState('');
  const [status, setStatus] = useState('');
  const all = useMemo(() => targetOptions(nodeId, handle, nodes, edges, lang), [nodeId, handle, nodes, edges, lang]);
  const shown = useMemo(() => filterTargets(all, query), [all, query]);
  // The pick survives filtering only while it is still listed; otherwise the best match is the target.
  const target = shown.find((o) => o.id === picked) ?? shown[0];
  const outgoing = useMemo(() => (source ? outgoingEdges(source, nodes, edges) : []), [source, nodes, edges]);
  const replaced = source && target ? replacedEdges(source, handle, target.id, edges) : [];
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);

  const dialog = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    // Typing a name is the quickest way to a target, so focus starts in the search field.
    (search.current ?? dialog.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  }, []);

  const handleName = (h: string) => {
    const known = handles.find((x) => x.id === h);
    if (h === 'next' && !known?.label) return t('connect.nextHandle');
    const label = known?.labelKey ? t(known.labelKey) : known?.label;
    return label && label !== h ? `${label} (${h})` : h;
  };
  const edgeText = (handleId: string, targetId: string) =>
    `${handleName(handleId)} → ${byId.get(targetId) ? nodeLabel(byId.get(targetId)!) : targetId}`;

  // Guarded: Escape and a click outside may both arrive while the caller is unmounting the dialog.
  const finished = useRef(false);
  const finish = (announcement?: string) => {
    if (finished.current) return;
    finished.current = true;
    onClose(announcement);
  };

  const connect = () => {
    if (!handle || !target) return;
    const text = edgeText(handle, target.id);
    if (target.connected) return finish(fill(t('connect.exists'), { edge: text }));
    store.getState().onConnect(connectionFor(nodeId, handle, target.id));
    finish(fill(t('connect.done'), { edge: text }));
  };

  const remove = (edge: OutgoingEdge, index: number) => {
    store.getState().onEdgesChange([{ type: 'remove', id: edge.id }]);
    setStatus(fill(t('connect.removed'), { edge: edgeText(edge.handle, edge.target) }));
    // The pressed button is gone: keep focus in the list (next edge, else previous), else on the search field.
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
      (
        buttons[Math.min(index, buttons.length - 1)] ??
        search.current ??
        dialog.current?.querySelector<HTMLElement>(FOCUSABLE)
      )?.focus();
    });
  };

  const move = (delta: number) => {
    if (!shown.length) return;
    const at = target ? shown.indexOf(target) : -1;
    setPicked(shown[Math.max(0, Math.min(shown.length - 1, at + delta))]!.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    if (e.key === 'Enter' && (el.tagName === 'SELECT' || el.tagName === 'INPUT')) {
      e.preventDefault();
      connect();
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && el === search.current) {
      // The search field steers the target list, like a combobox, so the hand never leaves the letters.
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const optionText = (o: TargetOption) =>
    `${o.label}${o.label !== o.id ? ` (${o.id})` : ''} · ${o.kindLabel}${o.connected ? ` — ${t('connect.already')}` : ''}`;
  const title = fill(t('connect.title'), { node: source ? nodeLabel(source) : nodeId });

  return (
    <Modal
      ref={dialog}
      opened
      onClose={() => finish()}
      title={title}
      className="connect-dialog"
      size={520}
      returnFocus={false}
      withCloseButton={false}
      onKeyDown={onKeyDown}
    >
      <p id={`${id}-hint`} className="muted">
        {t('connect.hint')}
      </p>
      {handles.length === 0 ? (
        <p>{t('connect.noHandles')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            connect();
          }}
        >
          <label style={FIELD}>
            {t('connect.handle')}
            <select value={handle} onChange={(e) => setHandle(e.target.value)}>
              {handles.map((h) => (
                <option key={h.id} value={h.id}>
                  {handleName(h.id)}
                  {h.targets.length
                    ? ` → ${h.targets.map((x) => (byId.get(x) ? nodeLabel(byId.get(x)!) : x)).join(', ')}`
                    : ''}
                </option>
              ))}
            </select>
          </label>
          <label style={FIELD}>
            {t('connect.filter')}
            <input
              ref={search}
              data-autofocus
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-controls={shown.length ? `${id}-targets` : undefined}
              autoComplete="off"
            />
          </label>
          {shown.length === 0 ? (
            <p role="status">{t('connect.noTargets')}</p>
          ) : (
            <label style={FIELD}>
              {t('connect.target')}
              <select
                id={`${id}-targets`}
                size={Math.min(8, Math.max(2, shown.length))}
                value={target?.id ?? ''}
                onChange={(e) => setPicked(e.target.value)}
                aria-describedby={replaced.length ? `${id}-replaces` : undefined}
              >
                {shown.map((o) => (
                  <option key={o.id} value={o.id}>
                    {optionText(o)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {replaced.length > 0 && (
            <p id={`${id}-replaces`} className="muted">
              {fill(t('connect.replaces'), {
                node: replaced.map((e) => (byId.get(e.target) ? nodeLabel(byId.get(e.target)!) : e.target)).join(', '),
              })}
            </p>
          )}
          <div style={ROW}>
            <button type="button" onClick={() => finish()}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={!target}>
              {t('connect.submit')}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby={`${id}-out`}>
        <h3 id={`${id}-out`} style={{ fontSize: 14 }}>
          {t('connect.outgoing')}
        </h3>
        {outgoing.length === 0 ? (
          <p className="muted">{t('connect.noOutgoing')}</p>
        ) : (
          <ul ref={list} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {outgoing.map((e, i) => {
              const text = edgeText(e.handle, e.target);
              return (
                <li key={e.id} style={EDGE}>
                  <span>
                    {text}
                    {!e.known && <span className="error"> ({t('connect.staleHandle')})</span>}
                  </span>
                  <button
                    type="button"
                    onClick={() => remove(e, i)}
                    aria-label={fill(t('connect.remove'), { edge: text })}
                  >
                    {t('common.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <p role="status" className="sr-only">
        {status}
      </p>
    </Modal>
  );
}
