import { useState } from 'react';
import { NODE_GROUPS, type PaletteItem } from '../node-kinds/node-kind-entry.ts';
import { hasInput } from '../node-kinds/registry.ts';
import { useT } from '../i18n/i18n.ts';
import { usePaletteItems } from './palette.tsx';
import { Modal } from '../shell/modal.tsx';

/**
 * The palette opened from an output's "+": the chosen node is added below and connected to that output.
 * Triggers are left out, since no edge may end on one.
 */
export function AppendDialog({
  output,
  onPick,
  onClose,
}: {
  /** The output's name as the user reads it. */
  output: string;
  onPick: (item: PaletteItem) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const groups = usePaletteItems(query);
  const items = NODE_GROUPS.flatMap((g) => groups[g]).filter((i) => hasInput(i.kind));

  return (
    // The caller mounts it while open and puts focus back itself.
    <Modal
      opened
      onClose={onClose}
      title={t('canvas.appendTitle').replace('{output}', output)}
      className="append-dialog"
      size={420}
      returnFocus={false}
      withCloseButton={false}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (items[0]) onPick(items[0]);
        }}
      >
        <input
          type="search"
          data-autofocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('palette.search')}
          aria-label={t('palette.search')}
          style={{ width: '100%' }}
        />
      </form>
      {items.length === 0 ? (
        <p className="muted">{t('palette.none')}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {items.map((item) => (
            <li key={item.key}>
              <button type="button" className="palette-item" onClick={() => onPick(item)}>
                <span aria-hidden="true">{item.icon}</span> {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </Modal>
  );
}
