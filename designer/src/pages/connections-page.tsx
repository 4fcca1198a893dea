import { ConnectionsView } from './connections/connections-view.tsx';

/** #/connections: the connections of the installed connectors (see ./connections/). */
export function ConnectionsPage() {
  return <ConnectionsView />;
}
