// The home page's call and the runs addresses its tiles drill down to.
import { send } from '../../api/client.ts';
import type { ApiResponse } from '../../api/api-types.ts';
import { queryString, type RunsQuery } from '../runs/runs-api.ts';

export type HomeFigures = ApiResponse<'/api/home', 'get'>;
export type MoneyFigure = HomeFigures['money']['overdue'];
export const HOME_WEEKS = 8;

export const homeApi = {
  figures: () => send('get', '/api/home', {}, undefined, { weeks: HOME_WEEKS }),
};

export const runsLink = (q: RunsQuery) => `#/runs?${queryString(q)}`;
