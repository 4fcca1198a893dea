// JSON calls for the admin pages (connections, customers, dashboards): the app's typed request helpers.
export { request as call, send } from '../../api/client.ts';

export const enc = encodeURIComponent;
