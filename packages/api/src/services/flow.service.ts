import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, ConflictError, FlowInvalidError, NotFoundError, validateFlow, type FlowDefinition, type Problem } from '@ledgerflow/flow-model';
import type { AppDeps } from '../app-deps.ts';
import { syncTriggerSchedule } from './trigger.service.ts';

export interface FlowSummary {
  id: string;
  name: string;
  description: string | null;
  activeVersion: number | null;
  latestVersion: number | null;
  updatedAt: string;
}

export interface VersionSummary {
  version: number;
  comment: string;
  hash: string;
  publishedAt: string;
  publishedBy: string;
}

type FlowRow = { id: string; name: string; description: string | null; draft: unknown; active_version: number | null; latest_version: number | null; updated_at: Date };

export class FlowService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #conn() {
    return this.#deps.orm.em.fork().getConnection();
  }
  problems(definition: unknown): Problem[] {
    return validateFlow(definition, { catalog: this.#deps.registry.catalog() });
  }
  static hash(definition: FlowDefinition): string {
    return `sha256:${createHash('sha256').update(canonicalJson(definition)).digest('hex')}`;
  }
  async list(): Promise<FlowSummary[]> {
    const rows = await this.#conn().execute<FlowRow[]>('select id, name, description, active_version, latest_version, updated_at from flows order by name');
    return rows.map(summary);
  }
  async get(id: string) {
    const [row] = await this.#conn().execute<FlowRow[]>('select * from flows where id = ?', [id]);
    if (!row) throw new NotFoundError('flow', id);
    const versions = await this.#conn().execute<Array<{ version: number; comment: string; hash: string; published_at: Date; published_by: string }>>(
      'select version, comment, hash, published_at, published_by from flow_versions where flow_id = ? order by version desc', [id]);
    return {
      ...summary(row),
      draft: row.draft as Record<string, unknown>,
      versions: versions.map((v) => ({ version: v.version, comment: v.comment, hash: v.hash, publishedAt: new Date(v.published_at).toISOString(), publishedBy: v.published_by })),
    };
  }
  async create(definition: Record<string, unknown>, userId: string) {
    const name = typeof definition.name === 'string' && definition.name.trim() ? definition.name.trim().slice(0, 200) : 'Untitled flow';
    const id = randomUUID();
    await this.#conn().execute('insert into flows (id, name, description, draft, created_by) values (?, ?, ?, ?::jsonb, ?)', [id, name, typeof definition.description === 'string' ? definition.description : null, JSON.stringify(definition), userId]);
    return this.get(id);
  }
  async saveDraft(id: string, definition: Record<string, unknown>) {
    const name = typeof definition.name === 'string' && definition.name.trim() ? definition.name.trim().slice(0, 200) : null;
    const res = await this.#conn().execute<Array<{ updated_at: Date }>>(
      'update flows set draft = ?::jsonb, name = coalesce(?, name), updated_at = now() where id = ? returning updated_at', [JSON.stringify(definition), name, id]);
    if (!res[0]) throw new NotFoundError('flow', id);
    return { savedAt: new Date(res[0].updated_at).toISOString(), problems: this.problems(definition) };
  }
  /** Publishes the draft (or the given definition) as the next immutable version and makes it active. */
  async publish(id: string, userId: string, comment: string, definition?: unknown): Promise<{ version: number; hash: string }> {
    const flow = await this.get(id);
    const def = definition ?? flow.draft;
    const problems = this.problems(def);
    if (problems.length) throw new FlowInvalidError(problems);
    const valid = def as FlowDefinition;
    const hash = FlowService.hash(valid);
    const published = await this.#deps.orm.em.fork().transactional(async (em) => {
      const conn = em.getConnection();
      const ctx = em.getTransactionContext();
      const [locked] = await conn.execute<Array<{ latest_version: number | null }>>('select latest_version from flows where id = ? for update', [id], 'all', ctx);
      const version = (locked?.latest_version ?? 0) + 1;
      await conn.execute('insert into flow_versions (id, flow_id, version, definition, hash, comment, published_by) values (?, ?, ?, ?::jsonb, ?, ?, ?)', [randomUUID(), id, version, JSON.stringify(valid), hash, comment, userId], 'run', ctx);
      await conn.execute('update flows set latest_version = ?, active_version = ?, updated_at = now() where id = ?', [version, version, id], 'run', ctx);
      if (definition !== undefined) await conn.execute('update flows set draft = ?::jsonb where id = ?', [JSON.stringify(valid), id], 'run', ctx);
      return { version, hash };
    });
    await syncTriggerSchedule(this.#deps, id, published.version, valid);
    return published;
  }
  async version(id: string, version: number) {
    const [v] = await this.#conn().execute<Array<{ version: number; comment: string; hash: string; definition: FlowDefinition; published_at: Date; published_by: string }>>(
      'select version, comment, hash, definition, published_at, published_by from flow_versions where flow_id = ? and version = ?', [id, version]);
    if (!v) throw new NotFoundError('flow version', `${id}@${version}`);
    return { version: v.version, comment: v.comment, hash: v.hash, definition: v.definition, publishedAt: new Date(v.published_at).toISOString(), publishedBy: v.published_by };
  }
  async activate(id: string, version: number) {
    const v = await this.version(id, version);
    await this.#conn().execute('update flows set active_version = ?, updated_at = now() where id = ?', [version, id]);
    await syncTriggerSchedule(this.#deps, id, version, v.definition);
    return { activeVersion: version };
  }
  async duplicate(id: string, userId: string) {
    const flow = await this.get(id);
    const draft = { ...flow.draft, name: `${flow.name} (copy)` };
    const created = await this.create(draft, userId);
    return { id: created.id };
  }
  /** The version a new run uses: the one asked for, else the active one. */
  async runnable(id: string, version?: number) {
    const flow = await this.get(id);
    const v = version ?? flow.activeVersion;
    if (!v) throw new ConflictError('FLOW_NOT_PUBLISHED', `Flow '${flow.name}' has no published version yet`, { flowId: id });
    return this.version(id, v);
  }
}

function summary(r: FlowRow): FlowSummary {
  return { id: r.id, name: r.name, description: r.description, activeVersion: r.active_version, latestVersion: r.latest_version, updatedAt: new Date(r.updated_at).toISOString() };
}
