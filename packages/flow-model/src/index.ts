export { LedgerflowError, ValidationError, FlowInvalidError, NotFoundError, ConflictError, UnauthenticatedError, ForbiddenError, ConnectorError } from './errors.ts';
export type { Problem, ErrorDetails } from './errors.ts';
export { SCHEMA_VERSION, Expression, Template, Identifier, NodeId, VariableType, VariableDecl, Money, Position, RetryPolicy } from './schema/common.schema.ts';
export { CalendarRule, WaitSpec } from './schema/calendar.schema.ts';
export { OPERATORS, Condition, ConditionLeaf, DecisionOutcome, HitPolicy, DecisionTableColumn, DecisionTableRow } from './schema/rules.schema.ts';
export type { Operator } from './schema/rules.schema.ts';
export {
  FlowNode, NODE_KINDS, TRIGGER_KINDS, WAITING_KINDS, HANDLE, TaskAssignee,
  ManualTriggerNode, ScheduleTriggerNode, WebhookTriggerNode, RecordFeedTriggerNode, DecisionNode, DecisionTableNode, SetVariablesNode,
  ActionNode, HumanTaskNode, WaitNode, WaitForEventNode, ForEachNode, SubFlowNode, ParallelSplitNode, ParallelJoinNode, EndNode,
} from './schema/node.schema.ts';
export type { NodeKind, NodeOfKind } from './schema/node.schema.ts';
export { FlowDefinition, FlowEdge, FlowSettings } from './schema/flow.schema.ts';
export type { ConnectorCatalog, CatalogConnector, CatalogAction, CatalogFeed, JsonSchema } from './catalog.ts';
export { validateFlow, assertValidFlow, structuralProblems } from './validate.ts';
export type { ValidateOptions } from './validate.ts';
