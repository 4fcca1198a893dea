import { matchRoute } from '../shell/router.ts';
import { LedgerCustomersList } from './ledger/ledger-customers.tsx';
import { LedgerCustomerView } from './ledger/ledger-customer.tsx';
import { LedgerImports } from './ledger/ledger-imports.tsx';

/** #/ledger (customers), #/ledger/imports and #/ledger/<company|->/<customer>; see ./ledger/. */
export function LedgerPage({ route }: { route: string }) {
  if (route.startsWith('/ledger/imports')) return <LedgerImports />;
  const m = matchRoute('/ledger/:company/:customerId', route);
  return m ? (
    <LedgerCustomerView key={`${m.company}/${m.customerId}`} company={m.company!} customerId={m.customerId!} />
  ) : (
    <LedgerCustomersList />
  );
}
