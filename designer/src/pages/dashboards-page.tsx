import { DashboardsView } from './dashboards/dashboards-view.tsx';

/** #/dashboards: per-flow KPIs and charts (see ./dashboards/). */
export function DashboardsPage() {
  return <DashboardsView />;
}
