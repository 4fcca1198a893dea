import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectorCatalog } from '@ledgerflow/flow-model';
import type { Connector } from './define.ts';

export interface ConnectorManifest {
  packageName: string;
  dir: string;
  entry: string;
}

/**
 * Connectors are packages whose package.json has `"ledgerflow": { "connector": "./src/index.ts" }`.
 * The entry exports `connector` (from defineConnector). No hand-edited list anywhere.
 */
export async function findConnectorManifests(connectorsDir: string): Promise<ConnectorManifest[]> {
  const out: ConnectorManifest[] = [];
  let entries: string[];
  try {
    entries = (await readdir(connectorsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return out;
  }
  for (const name of entries) {
    const dir = path.join(connectorsDir, name);
    let pkg: { name?: string; ledgerflow?: { connector?: string } };
    try {
      pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (pkg.ledgerflow?.connector)
      out.push({ packageName: pkg.name ?? name, dir, entry: path.resolve(dir, pkg.ledgerflow.connector) });
  }
  return out;
}

export class ConnectorRegistry {
  readonly #byId = new Map<string, Connector>();
  constructor(connectors: Connector[] = []) {
    for (const c of connectors) this.add(c);
  }
  add(c: Connector): void {
    if (this.#byId.has(c.id)) throw new Error(`two connectors share the id '${c.id}'`);
    this.#byId.set(c.id, c);
  }
  get(id: string): Connector | undefined {
    return this.#byId.get(id);
  }
  list(): Connector[] {
    return [...this.#byId.values()];
  }
  /** JSON-Schema view for the validator and the designer's generated forms, with the connectors' translated labels. */
  catalog(): ConnectorCatalog {
    const connectors: ConnectorCatalog['connectors'] = {};
    for (const c of this.#byId.values()) {
      connectors[c.id] = {
        id: c.id,
        version: c.version,
        title: c.title,
        description: c.description,
        translations: c.translations,
        connection: c.connection
          ? { config: strip(c.connection.config), secrets: strip(c.connection.secrets) }
          : undefined,
        actions: Object.fromEntries(
          Object.entries(c.actions).map(([k, a]) => [
            k,
            {
              title: a.title,
              description: a.description,
              translations: a.translations,
              input: strip(a.input),
              output: strip(a.output),
            },
          ]),
        ),
        feeds: Object.fromEntries(
          Object.entries(c.feeds ?? {}).map(([k, f]) => [
            k,
            {
              title: f.title,
              description: f.description,
              translations: f.translations,
              config: strip(f.config),
              record: strip(f.record),
            },
          ]),
        ),
      };
    }
    return { connectors };
  }
}

/** TypeBox schemas carry symbol keys; JSON round-trip leaves plain JSON Schema. */
function strip(schema: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

export async function loadConnectors(connectorsDir: string): Promise<ConnectorRegistry> {
  const registry = new ConnectorRegistry();
  for (const m of await findConnectorManifests(connectorsDir)) {
    const mod = (await import(pathToFileURL(m.entry).href)) as { connector?: Connector };
    if (!mod.connector || mod.connector.__connector !== true) {
      throw new Error(`${m.packageName}: ${m.entry} must export 'connector' made with defineConnector()`);
    }
    registry.add(mod.connector);
  }
  return registry;
}
