import { Type } from '@sinclair/typebox';
import { sapAction } from './connection.ts';
import { sapService } from './odata/client.ts';
import { and, cmp, filterText, lit } from './odata/literals.ts';
import { IsoDate, str } from './shared.ts';

const DunningRecord = Type.Object({
  customer: Type.String(),
  companyCode: Type.String(),
  dunningArea: Type.String(),
  dunningProcedure: Type.Optional(Type.String()),
  dunningLevel: Type.Optional(Type.String()),
  dunningBlock: Type.Optional(Type.String()),
  dunningRecipient: Type.Optional(Type.String()),
  dunningClerk: Type.Optional(Type.String()),
  lastDunnedOn: Type.Optional(IsoDate),
  legalDunningProcedureOn: Type.Optional(IsoDate),
});

export const getCustomerDunningAction = sapAction({
  title: 'Get customer dunning data',
  description:
    'Dunning procedure, level, block and last dunning date of a customer per company code and dunning area (A_CustomerDunning).',
  translations: {
    fr: {
      title: 'Lire les données de relance d’un client',
      description:
        'Procédure, niveau et blocage de relance et date de dernière relance d’un client, par société et domaine de relance (A_CustomerDunning).',
      fields: {
        customer: { title: 'Client' },
        companyCode: { title: 'Société' },
        dunningArea: { title: 'Domaine de relance' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({
    customer: Type.String({ minLength: 1, maxLength: 10 }),
    companyCode: Type.Optional(Type.String()),
    dunningArea: Type.Optional(Type.String()),
  }),
  output: Type.Object({ customer: Type.String(), dunning: Type.Array(DunningRecord) }),
  async run(ctx, input) {
    const svc = sapService(ctx, 'API_BUSINESS_PARTNER');
    const filter = and(
      cmp('Customer', 'eq', lit.string(input.customer)),
      input.companyCode !== undefined && cmp('CompanyCode', 'eq', lit.string(input.companyCode)),
      input.dunningArea !== undefined && cmp('DunningArea', 'eq', lit.string(input.dunningArea)),
    );
    const page = await svc.list(
      'A_CustomerDunning',
      { filter: filterText(filter), orderby: 'CompanyCode asc,DunningArea asc', top: 1000 },
      input.customer,
    );
    return {
      customer: input.customer,
      dunning: page.results.map((e) => ({
        customer: String(e.Customer),
        companyCode: String(e.CompanyCode),
        dunningArea: String(e.DunningArea ?? ''),
        dunningProcedure: str(e.DunningProcedure),
        dunningLevel: str(e.DunningLevel),
        dunningBlock: str(e.DunningBlock),
        dunningRecipient: str(e.DunningRecipient),
        dunningClerk: str(e.DunningClerk),
        lastDunnedOn: str(e.LastDunnedOn),
        legalDunningProcedureOn: str(e.LegDunningProcedureOn),
      })),
    };
  },
});
