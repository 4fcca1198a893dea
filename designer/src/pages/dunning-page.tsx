import { matchRoute } from '../shell/router.ts';
import { DunningBatchesList } from './dunning/dunning-batches-view.tsx';
import { DunningBatchScreen } from './dunning/dunning-batch-view.tsx';

/** #/dunning (the batches) and #/dunning/batches/<id> (one batch's review); see ./dunning/. */
export function DunningPage({ route }: { route: string }) {
  const m = matchRoute('/dunning/batches/:id', route);
  return m ? <DunningBatchScreen key={m.id} batchId={m.id!} /> : <DunningBatchesList />;
}
