import { createHash, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  ConflictError,
  diffFlowDefinitions,
  FlowInvalidError,
  NotFoundError,
  validateFlow,
  type FlowDefinition,
  type Problem,
} from '@ledgerflow/flow-model';
import { createConnectionStore, createFlowStore, type FlowRow, type FlowVersionSummaryRow } from '@ledgerflow/db';
import type { LetterTemplateSource } from '@ledgerflow/connector-sdk';
import { createLetterTemplateSource } from '@ledgerflow/engine';
import type { AppDeps } from '../app-deps.ts';
import { syncTriggerSchedule } from './trigger.service.ts';
import { assigneeProblems } from './flow-assignees.ts';
import { letterProblems } from './letter-checks.ts';

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
  publishedBy: { id: string; username: string; displayName: string };
}

export class FlowService {
  readonly #deps: AppDeps;
  readonly #letters: LetterTemplateSource;
  constructor(deps: AppDeps) {
    this.#deps = deps;
    this.#letters = createLetterTemplateSource(deps.orm, deps.registry);
  }
  #flows() {
    return createFlowStore(this.#deps.orm.em.fork());
  }
  problems(definition: unknown): Problem[] {
    return validateFlow(definition, { catalog: this.#deps.registry.catalog() });
  }
  /** Publishing also needs every action and feed to name a connection that exists (drafts may not yet). */
  async publishProblems(definition: unknown): Promise<Problem[]> {
    const rows = await createConnectionStore(this.#deps.orm.em.fork()).list();
    const connections = rows.map((c) => ({ id: c.id, name: c.name, connector: c.connector_id }));
    return validateFlow(definition, { catalog: this.#deps.registry.catalog(), connections });
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
      versions: versions.map(versionSummary),
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
    const problems = await this.publishProblems(def);
    if (!problems.length) problems.push(...(await assigneeProblems(this.#deps.orm, def as FlowDefinition)));
    if (!problems.length) problems.push(...(await letterProblems(this.#deps, def as FlowDefinition, this.#letters)));
    if (problems.length) throw new FlowInvalidError(problems);
    const valid = def as FlowDefinition;
    const hash = FlowService.hash(valid);
    const published = await this.#flows().publish(id, {
      definition: valid,
      hash,
      comment,
      publishedBy: userId,
      asDraft: definition !== undefined,
    });
    // A second version with the same content would only make the history lie about what changed.
    if (published.unchangedFrom !== undefined)
      throw new ConflictError(
        'FLOW_UNCHANGED',
        `Nothing changed: this definition is version ${published.unchangedFrom}. Activate that version instead of publishing it again.`,
        { flowId: id, version: published.unchangedFrom, hash },
      );
    const version = published.version;
    await syncTriggerSchedule(this.#deps, id, version, valid);
    return { version, hash };
  }
  async version(id: string, version: number) {
    const v = await this.#flows().version(id, version);
    if (!v) throw new NotFoundError('flow version', `${id}@${version}`);
    return { ...versionSummary(v), definition: v.definition };
  }
  /** What changed from version `a` to version `b` of a flow. */
  async diff(id: string, a: number, b: number) {
    const [from, to] = await Promise.all([this.version(id, a), this.version(id, b)]);
    const strip = ({ definition: _d, ...rest }: typeof from) => rest;
    return { flowId: id, from: strip(from), to: strip(to), diff: diffFlowDefinitions(from.definition, to.definition) };
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

function versionSummary(v: FlowVersionSummaryRow): VersionSummary {
  return {
    version: v.version,
    comment: v.comment,
    hash: v.hash,
    publishedAt: new Date(v.published_at).toISOString(),
    publishedBy: { id: v.published_by, username: v.published_by_username, displayName: v.published_by_display_name },
  };
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
