import { lazy } from 'react';
import { kindView } from '../canvas/base-node.tsx';
import { labelTitle } from '../flow/connector-labels.ts';
import { translate } from '../i18n/i18n.ts';
import { colon } from '../i18n/punctuation.ts';
import { nextOrError, type NodeKindEntry, type PaletteEntry } from './node-kind-entry.ts';

const palette: PaletteEntry = {
  group: 'actions',
  labelKey: 'kind.action',
  icon: '⚙',
  // One button per connector action, so users pick "SAP: post credit note" rather than a blank action.
  items: (catalog, lang) =>
    Object.values(catalog.connectors).flatMap((c) =>
      Object.entries(c.actions).map(([name, a]) => ({
        key: `action:${c.id}.${name}`,
        kind: 'action' as const,
        label: `${labelTitle(c, lang, c.id)}${colon(lang)}${labelTitle(a, lang, name)}`,
        icon: palette.icon,
        config: { connector: c.id, action: name, inputs: {} },
      })),
    ),
};

const serializer = nextOrError<'action'>();

export const actionKind: NodeKindEntry<'action'> = {
  kind: 'action',
  palette,
  defaults: (lang = 'en') => ({
    connector: 'builtin',
    action: 'log',
    inputs: { message: { value: translate(lang, 'action.defaultMessage') } },
  }),
  View: kindView(palette, serializer, (node) => `${node.config.connector}.${node.config.action}`),
  Editor: lazy(() => import('../panels/action-editor.tsx').then((m) => ({ default: m.ActionEditor }))),
  serializer,
};
