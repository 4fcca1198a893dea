import { EntitySchema } from '@mikro-orm/core';
import type { FlowDefinition } from '@ledgerflow/flow-model';

export interface Flow {
  id: string;
  name: string;
  description?: string | null;
  /** The designer's working copy; may be invalid. */
  draft: FlowDefinition | Record<string, unknown>;
  activeVersion?: number | null;
  latestVersion?: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const FlowSchema = new EntitySchema<Flow>({
  name: 'Flow',
  tableName: 'flows',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    description: { type: 'text', nullable: true },
    draft: { type: 'json' },
    activeVersion: { type: 'integer', nullable: true },
    latestVersion: { type: 'integer', nullable: true },
    createdBy: { type: 'uuid' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});

/** Immutable once written: a published version never changes (enforced by a trigger too). */
export interface FlowVersion {
  id: string;
  flowId: string;
  version: number;
  definition: FlowDefinition;
  hash: string;
  comment: string;
  publishedBy: string;
  publishedAt: Date;
}

export const FlowVersionSchema = new EntitySchema<FlowVersion>({
  name: 'FlowVersion',
  tableName: 'flow_versions',
  uniques: [{ properties: ['flowId', 'version'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    flowId: { type: 'uuid' },
    version: { type: 'integer' },
    definition: { type: 'json' },
    hash: { type: 'text' },
    comment: { type: 'text' },
    publishedBy: { type: 'uuid' },
    publishedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
