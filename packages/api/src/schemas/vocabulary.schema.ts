// The status vocabularies as OpenAPI enums, so the designer's generated types name every status exactly.
import { Type } from '@sinclair/typebox';
import { CASE_STATUSES, OUTBOX_STATUSES, RUN_STATUSES } from '@ledgerflow/flow-model';

export const RunStatusSchema = Type.Union(RUN_STATUSES.map((s) => Type.Literal(s)));
export const OutboxStatusSchema = Type.Union(OUTBOX_STATUSES.map((s) => Type.Literal(s)));
export const CaseStatusSchema = Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)));
