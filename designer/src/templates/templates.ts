import type { FlowDefinition } from '@ledgerflow/flow-model';
import creditNote from './credit-note-validation.json';
import creditNoteSap from './credit-note-validation-sap.json';
import collections from './collections-by-segment.json';
import dunning from './dunning.json';
import dispute from './dispute-routing.json';
import dunningLedgerSap from './dunning-ledger-sap.json';
import dunningLedgerNetSuite from './dunning-ledger-netsuite.json';
import dunningFollowUp from './dunning-follow-up.json';

export interface FlowTemplate {
  id: string;
  definition: FlowDefinition;
}

// JSON imports are typed loosely (string, not the literal unions); the serializer test checks them against the schema.
export const TEMPLATES: FlowTemplate[] = [
  { id: 'credit-note-validation', definition: creditNote as unknown as FlowDefinition },
  { id: 'dunning', definition: dunning as unknown as FlowDefinition },
  { id: 'dispute-routing', definition: dispute as unknown as FlowDefinition },
  { id: 'credit-note-validation-sap', definition: creditNoteSap as unknown as FlowDefinition },
  { id: 'collections-by-segment', definition: collections as unknown as FlowDefinition },
  { id: 'dunning-ledger-sap', definition: dunningLedgerSap as unknown as FlowDefinition },
  { id: 'dunning-ledger-netsuite', definition: dunningLedgerNetSuite as unknown as FlowDefinition },
  { id: 'dunning-follow-up', definition: dunningFollowUp as unknown as FlowDefinition },
];
