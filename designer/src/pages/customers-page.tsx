import { matchRoute } from '../shell/router.ts';
import { CustomerDetail, CustomersList } from './customers/customers-view.tsx';

/** #/customers (list) and #/customers/<name> (the customer 360); see ./customers/. */
export function CustomersPage({ route }: { route: string }) {
  const m = matchRoute('/customers/:customer', route);
  return m ? <CustomerDetail key={m.customer} customer={m.customer!} /> : <CustomersList />;
}
