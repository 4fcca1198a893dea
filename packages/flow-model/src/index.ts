export {
  LedgerflowError,
  ValidationError,
  FlowInvalidError,
  NotFoundError,
  ConflictError,
  UnauthenticatedError,
  ForbiddenError,
  ConnectorError,
} from './errors.ts';
export type { Problem, ErrorDetails } from './errors.ts';
export {
  SCHEMA_VERSION,
  Expression,
  Template,
  Identifier,
  NodeId,
  VariableType,
  VariableDecl,
  Money,
  Position,
  RetryPolicy,
  FixedValue,
  ActionInput,
} from './schema/common.schema.ts';
export { CalendarRule, WaitSpec } from './schema/calendar.schema.ts';
export {
  OPERATORS,
  Condition,
  ConditionLeaf,
  DecisionOutcome,
  HitPolicy,
  DecisionTableColumn,
  DecisionTableRow,
} from './schema/rules.schema.ts';
export type { Operator } from './schema/rules.schema.ts';
export {
  FlowNode,
  NODE_KINDS,
  TRIGGER_KINDS,
  WAITING_KINDS,
  HANDLE,
  TaskAssignee,
  TASK_ASSIGNEE_TYPES,
  FLOW_ASSIGNEE_TYPES,
  MANAGER_OF_STARTED_BY,
  ManualTriggerNode,
  ScheduleTriggerNode,
  WebhookTriggerNode,
  RecordFeedTriggerNode,
  DecisionNode,
  DecisionTableNode,
  SetVariablesNode,
  ActionNode,
  HumanTaskNode,
  WaitNode,
  WaitForEventNode,
  ForEachNode,
  SubFlowNode,
  ParallelSplitNode,
  ParallelJoinNode,
  EndNode,
} from './schema/node.schema.ts';
export type { NodeKind, NodeOfKind, TaskAssigneeType, FlowAssigneeType } from './schema/node.schema.ts';
export {
  DunningClassifyNode,
  DunningSendNode,
  DunningPauseNode,
  DunningLevelTable,
  DunningLetter,
  DUNNING_LEVEL_FACTS,
  DUNNING_NODE_KINDS,
  dunningLevelOf,
} from './schema/dunning-nodes.schema.ts';
export { FlowDefinition, FlowEdge, FlowSettings } from './schema/flow.schema.ts';
export type {
  ConnectorCatalog,
  CatalogConnector,
  CatalogAction,
  CatalogFeed,
  JsonSchema,
  LabelLocale,
  FieldLabel,
  LabelTranslation,
  LabelTranslations,
} from './catalog.ts';
export { LABEL_LOCALES } from './catalog.ts';
export { validateFlow, assertValidFlow, structuralProblems } from './validate.ts';
export type { ValidateOptions } from './validate.ts';
export { connectorNeedsConnection } from './validation/connection-check.ts';
export type { KnownConnection } from './validation/connection-check.ts';
export { variablesAt } from './validate.ts';
export type { VariableInfo } from './validation/variable-scope.ts';
export { BUILTIN_VARIABLES } from './validation/variable-scope.ts';
export { canonicalJson } from './validation/canonical-json.ts';
export { ptr as jsonPointer } from './validation/json-pointer.ts';
export { diffFlowDefinitions, fieldChanges } from './diff/flow-diff.ts';
export type { FlowVersionDiff, FieldChange, NodeRef, ChangedNode, EdgeRef } from './diff/flow-diff.ts';

// rules
export { evaluateDecision, evaluateDecisionTable, rowCondition, resolvePath } from './rules/decision-eval.ts';
export type { DecisionConfig, DecisionTableConfig, DecisionOptions } from './rules/decision-eval.ts';
export { compileDecisionTable } from './rules/decision-table-compile.ts';
export type { CompiledDecisionTable, DecisionTableMatch } from './rules/decision-table-compile.ts';
export { compiledDecisionTable, evaluateCompiledDecisionTable } from './rules/decision-table-cache.ts';
export { explainRow } from './rules/decision-table-explain.ts';
export type { RuleTrace, LeafTrace } from './rules/rule-trace.ts';
export { toJsonSafe } from './rules/rule-trace.ts';
export { customOperators, readAmount } from './rules/rule-operators.ts';
export type { RuleContext } from './rules/rule-operators.ts';

// money: the one place that knows decimals, currencies, money formatting, aging buckets and exact JSON numbers
export {
  parseDecimal,
  isDecimal,
  isCanonicalDecimal,
  normalizeDecimal,
  compareDecimal,
  addDecimal,
  subtractDecimal,
  negateDecimal,
  absDecimal,
  signOfDecimal,
  multiplyDecimal,
  roundDecimal,
  formatDecimal,
  sumDecimals,
  DecimalError,
  DECIMAL_PATTERN,
  decimalPattern,
} from './money/decimal.ts';
export type { Decimal, DecimalInput, RoundingMode } from './money/decimal.ts';
export { DecimalString, CurrencyCode } from './money/money.schema.ts';
export { CURRENCY_PATTERN, isCurrencyCode, requireCurrency, currencyDigits } from './money/currency.ts';
export { formatMoney, formatMoneyOrMissing, decimalToString, MISSING_AMOUNT } from './money/format-money.ts';
export type { MoneyLocale, FormatMoneyOptions } from './money/format-money.ts';
export { parseAmountText, formatAmountInput } from './money/parse-amount.ts';
export type { AmountParse } from './money/parse-amount.ts';
export { AGING_BUCKETS, AGING_BUCKET_IDS, agingBucketOf, agingBucketLabel, emptyAging } from './money/aging.ts';
export type { AgingBucketId } from './money/aging.ts';
export { latePenalties, latePenaltyCalculator, penaltyPeriods, ecbRateOn } from './money/late-penalties.ts';
export type { EcbRate, LatePenalty, LatePenaltyInput, PenaltyPeriod, PenaltyTerms } from './money/late-penalties.ts';
export { parseExactJson, jsonNumberToDecimal } from './money/exact-json.ts';
export type { JsonNumbers } from './money/exact-json.ts';

// expressions
export {
  evaluateExpression,
  checkExpression,
  parseExpressionAst,
  expressionRootNames,
  ExpressionError,
  MAX_EXPRESSION_LENGTH,
  localDate,
} from './expressions/expression-eval.ts';
export type { EvaluateOptions } from './expressions/expression-eval.ts';
export {
  renderTemplate,
  templateExpressions,
  templatePlaceholders,
  checkTemplate,
} from './expressions/template-render.ts';
export type { TemplatePlaceholder } from './expressions/template-render.ts';
export { evaluateActionInput, isFixedInput, isTemplateText } from './expressions/action-input.ts';

// business calendar
export {
  isWorkingDay,
  addWorkingDays,
  publicHolidays,
  isKnownCalendar,
  nthWorkingDayOfMonth,
} from './calendar/business-calendar.ts';
export type { CalendarOptions } from './calendar/business-calendar.ts';
export { computeWaitUntil, applyCalendarRule, addIsoDuration, parseIsoDuration } from './calendar/wait-until.ts';
export type { WaitOptions, IsoDuration } from './calendar/wait-until.ts';
export { parseCalendarRule, describeCalendarRule } from './calendar/calendar-text.ts';
export type { RuleLang, ParseRuleResult } from './calendar/calendar-text.ts';
export {
  parseWaitPhrase,
  describeDayAtTime,
  dayAtTimeExpression,
  WAIT_PHRASE_EXAMPLES,
} from './calendar/wait-phrase.ts';
export type { WaitPhraseResult } from './calendar/wait-phrase.ts';
export { toLocal, fromLocal, parseDateValue, isValidTimezone } from './calendar/zoned-time.ts';
export type { LocalDate, LocalDateTime, ParsedDate } from './calendar/zoned-time.ts';

export {
  RUN_STATUSES,
  ENDED_RUN_STATUSES,
  OPEN_RUN_STATUSES,
  TASK_STATUSES,
  ACTIVE_TASK_STATUSES,
  OUTBOX_STATUSES,
  CASE_STATUSES,
  FEED_FILE_STATUSES,
  FEED_FILE_ARRIVALS,
  DUNNING_BATCH_STATUSES,
  DUNNING_LINE_STATUSES,
  isRunStatus,
  isEndedRunStatus,
  isTaskStatus,
  ROLES,
  AUDIT_ACTIONS,
} from './vocabulary/vocabulary.ts';
export type {
  RunStatus,
  TaskStatus,
  OutboxStatus,
  CaseStatus,
  FeedFileStatus,
  FeedFileArrival,
  DunningBatchStatus,
  DunningLineStatus,
  WaitingKind,
  Role,
  EndedRunStatus,
  AuditAction,
} from './vocabulary/vocabulary.ts';
// ledger feeds: the trigger's schema, its compiled field mapping and the per-feed mapping defaults
export {
  LedgerFeedTriggerNode,
  LedgerFieldMapping,
  LedgerMapping,
  FieldPath,
  LEDGER_ITEM_TYPE_VALUES,
} from './schema/ledger-feed.schema.ts';
export type { LedgerItemType } from './schema/ledger-feed.schema.ts';
export { compileLedgerMapping } from './ledger/ledger-mapping.ts';
export type { LedgerRowInput, LedgerCustomerInput } from './ledger/ledger-mapping.ts';
export { LEDGER_MAPPING_PRESETS } from './ledger/ledger-presets.ts';
