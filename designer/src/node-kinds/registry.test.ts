import { describe, expect, it } from 'vitest';
import { NODE_KINDS, validateFlow, type FlowDefinition, type FlowNode } from '@ledgerflow/flow-model';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { NODE_GROUPS, type AnyNodeKindEntry } from './node-kind-entry.ts';
import { KIND_ENTRIES, KINDS, kindEntry, nodeTypes, outputHandles, paletteGroups } from './registry.ts';

// React components are functions, or objects (memo, lazy) that React recognises by their $$typeof.
const isComponent = (c: unknown): boolean =>
  typeof c === 'function' ||
  (typeof c === 'object' && c !== null && typeof (c as { $$typeof?: unknown }).$$typeof === 'symbol');

const nodeOf = (e: AnyNodeKindEntry): FlowNode => ({ id: 'n', kind: e.kind, config: e.defaults() }) as FlowNode;

describe('node-kind registry', () => {
  it('has exactly one entry per flow-model node kind, and none for kinds flow-model lacks', () => {
    for (const kind of NODE_KINDS) {
      expect(
        KIND_ENTRIES.filter((e) => e.kind === kind),
        kind,
      ).toHaveLength(1);
      expect(KINDS[kind], kind).toBe(KIND_ENTRIES.find((e) => e.kind === kind));
    }
    expect(new Set(KIND_ENTRIES.map((e) => e.kind))).toEqual(new Set(NODE_KINDS));
  });

  it('gives every entry all five parts: view, palette, defaults, editor, serializer', () => {
    for (const e of KIND_ENTRIES) {
      expect(isComponent(e.View), `${e.kind} view`).toBe(true);
      expect(nodeTypes[e.kind], `${e.kind} canvas type`).toBe(e.View);
      expect(NODE_GROUPS, `${e.kind} palette group`).toContain(e.palette.group);
      expect(e.palette.icon, `${e.kind} icon`).not.toBe('');
      expect(en[e.palette.labelKey], `${e.kind} English label`).toBeTruthy();
      expect(fr[e.palette.labelKey], `${e.kind} French label`).toBeTruthy();
      expect(typeof e.defaults, `${e.kind} defaults`).toBe('function');
      expect(isComponent(e.Editor), `${e.kind} editor`).toBe(true);
      expect(typeof e.serializer.outputs, `${e.kind} serializer`).toBe('function');
      expect(typeof e.serializer.input, `${e.kind} serializer`).toBe('boolean');
      expect(typeof e.serializer.fanOut, `${e.kind} serializer`).toBe('boolean');
    }
  });

  it('gives each kind its own defaults object, valid against the structural schema', () => {
    for (const e of KIND_ENTRIES) {
      expect(e.defaults(), e.kind).not.toBe(e.defaults());
      const def: FlowDefinition = {
        schemaVersion: 1,
        name: 'x',
        settings: { timezone: 'Europe/Paris', calendar: 'FR' },
        variables: [],
        nodes: [nodeOf(e)],
        edges: [],
      };
      expect(
        validateFlow(def).filter((p) => p.code === 'SCHEMA'),
        e.kind,
      ).toEqual([]);
    }
  });

  it('keeps the connection rules each kind had: triggers take no input, only a parallel split fans out', () => {
    const noInput = KIND_ENTRIES.filter((e) => !e.serializer.input).map((e) => e.kind);
    expect(noInput.sort()).toEqual([
      'trigger.ledgerFeed',
      'trigger.manual',
      'trigger.recordFeed',
      'trigger.schedule',
      'trigger.webhook',
    ]);
    expect(KIND_ENTRIES.filter((e) => e.serializer.fanOut).map((e) => e.kind)).toEqual(['parallel.split']);
    const handles = (kind: string) => outputHandles(nodeOf(kindEntry(kind)!)).map((h) => h.id);
    expect(handles('decision')).toEqual(['yes', 'no']);
    expect(handles('humanTask')).toEqual(['approved', 'rejected']);
    expect(handles('setVariables')).toEqual(['next', 'error']);
    expect(handles('end')).toEqual([]);
    expect(handles('wait')).toEqual(['next']);
  });

  it('treats a kind it does not know as a plain node instead of failing', () => {
    expect(kindEntry('teleport')).toBeUndefined();
    expect(kindEntry('constructor')).toBeUndefined();
    expect(outputHandles({ id: 'x', kind: 'teleport', config: {} } as unknown as FlowNode).map((h) => h.id)).toEqual([
      'next',
    ]);
  });

  it('lists every kind once in the palette, connector actions in place of the bare action', () => {
    const bare = Object.values(paletteGroups({ connectors: {} }, 'en')).flat();
    expect(bare.map((i) => i.kind).sort()).toEqual([...NODE_KINDS].sort());
    expect(bare.find((i) => i.kind === 'decision')).toMatchObject({ label: 'Decision', icon: '◇' });
    const catalog = {
      connectors: {
        sap: {
          id: 'sap',
          version: '1.0.0',
          title: 'SAP',
          feeds: {},
          actions: { post: { title: 'Post', input: {}, output: {} } },
        },
      },
    };
    const actions = paletteGroups(catalog as never, 'fr').actions;
    expect(actions).toEqual([
      {
        key: 'action:sap.post',
        kind: 'action',
        label: 'SAP\u202f: Post',
        icon: '⚙',
        config: { connector: 'sap', action: 'post', inputs: {} },
      },
      // The dunning run's own kinds do something themselves: they stay in the actions group, after the connectors'.
      { key: 'dunning.classify', kind: 'dunning.classify', label: 'Relance : classer les clients', icon: '⚖' },
      { key: 'dunning.send', kind: 'dunning.send', label: 'Relance : envoyer les lettres', icon: '✉' },
      { key: 'dunning.pause', kind: 'dunning.pause', label: 'Relance : suspendre ou reprendre un client', icon: '⏸' },
    ]);
  });
});
