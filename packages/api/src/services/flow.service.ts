import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  ConflictError,
  FlowInvalidError,
  NotFoundError,
  validateFlow,
  type FlowDefinition,
  type Problem,
} from '@ledgerflow/flow-model';
import { createFlowStore, type FlowRow } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import { syncTriggerSchedule } from './trigger.service.ts';
import { assigneeProblems } from './flow-assignees.ts';

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

export class FlowService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #flows() {
    return createFlowStore(this.#deps.orm.em.fork());
  }
  problems(definition: unknown): Problem[] {
    return validateFlow(definition, { catalog: this.#deps.registry.catalog() });
  }
  static hash(definition: FlowDefinition): string {
    return `sha256:${createHash('sha256').update(canonicalJson(definition)).digest('hex')}`;
  }
  async list(): Promise<FlowSummary[]> {
    return (await this.#flows().list()).map(summary);
  }
  async get(id: string) {
    const flows = this.#flows();
    const row = await flows.get(id);
    if (!row) throw new NotFoundError('flow', id);
    const versions = await flows.versions(id);
    return {
      ...summary(row),
      draft: row.draft as Record<string, unknown>,
      versions: versions.map((v) => ({
        version: v.version,
        comment: v.comment,
        hash: v.hash,
        publishedAt: new Date(v.published_at).toISOString(),
        publishedBy: v.published_by,
      })),
    };
  }
  async create(definition: Record<string, unknown>, userId: string) {
    const name =
      typeof definition.name === 'string' && definition.name.trim()
        ? definition.name.trim().slice(0, 200)
        : 'Untitled flow';
    const id = randomUUID();
    await this.#flows().insert({
      id,
      name,
      description: typeof definition.description === 'string' ? definition.description : null,
      draft: definition,
      createdBy: userId,
    });
    return this.get(id);
  }
  async saveDraft(id: string, definition: Record<string, unknown>) {
    const name =
      typeof definition.name === 'string' && definition.name.trim() ? definition.name.trim().slice(0, 200) : null;
    const savedAt = await this.#flows().saveDraft(id, definition, name);
    if (!savedAt) throw new NotFoundError('flow', id);
    return { savedAt: new Date(savedAt).toISOString(), problems: this.problems(definition) };
  }
  /** Publishes the draft (or the given definition) as the next immutable version and makes it active. */
  async publish(
    id: string,
    userId: string,
    comment: string,
    definition?: unknown,
  ): Promise<{ version: number; hash: string }> {
    const flow = await this.get(id);
    const def = definition ?? flow.draft;
    const problems = this.problems(def);
    if (!problems.length) problems.push(...(await assigneeProblems(this.#deps.orm, def as FlowDefinition)));
    if (problems.length) throw new FlowInvalidError(problems);
    const valid = def as FlowDefinition;
    const hash = FlowService.hash(valid);
    const version = await this.#flows().publish(id, {
      definition: valid,
      hash,
      comment,
      publishedBy: userId,
      asDraft: definition !== undefined,
    });
    await syncTriggerSchedule(this.#deps, id, version, valid);
    return { version, hash };
  }
  async version(id: string, version: number) {
    const v = await this.#flows().version(id, version);
    if (!v) throw new NotFoundError('flow version', `${id}@${version}`);
    return {
      version: v.version,
      comment: v.comment,
      hash: v.hash,
      definition: v.definition,
      publishedAt: new Date(v.published_at).toISOString(),
      publishedBy: v.published_by,
    };
  }
  async activate(id: string, version: number) {
    const v = await this.version(id, version);
    await this.#flows().activate(id, version);
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
    if (!v)
      throw new ConflictError('FLOW_NOT_PUBLISHED', `Flow '${flow.name}' has no published version yet`, { flowId: id });
    return this.version(id, v);
  }
}

function summary(r: Omit<FlowRow, 'draft'>): FlowSummary {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    activeVersion: r.active_version,
    latestVersion: r.latest_version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
