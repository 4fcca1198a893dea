// Bundle entry for the benchmark worker: the interpreter and the hand-written baseline side by side.
export { flowRunWorkflow } from '../../packages/engine/src/workflows/flow-run.workflow.ts';
export { handWrittenFlow } from './hand-written.workflow.ts';
