// JSON calls for the admin pages (connections, dashboards): the app's one request helper.
export { request as call } from '../../api/client.ts';

export const enc = encodeURIComponent;
