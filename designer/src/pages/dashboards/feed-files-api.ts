// The Files tab of a file feed (Excel connector's fileRecords): the files received, the upload with its progress
// and report, the mail-in address, and the closed keys for the extractor.
import type { ApiResponse } from '../../api/api-types.ts';
import { upload } from '../../api/client.ts';
import { send } from '../connections/admin-call.ts';

export type FeedFiles = ApiResponse<'/api/flows/{id}/feed/files', 'get'>;
export type FeedFileItem = FeedFiles['items'][number];

export const feedFilesApi = {
  list: (id: string) => send('get', '/api/flows/{id}/feed/files', { id }, undefined, { limit: 50 }),
  upload: (id: string, file: File, onProgress: (sent: number, total: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<FeedFileItem>(`/api/flows/${encodeURIComponent(id)}/feed/files`, form, onProgress);
  },
};

export const closedKeysUrl = (id: string, format: 'csv' | 'xlsx') =>
  `/api/flows/${encodeURIComponent(id)}/feed/closed-keys?format=${format}`;
export const filesExportUrl = (id: string, format: 'csv' | 'xlsx') =>
  `/api/flows/${encodeURIComponent(id)}/feed/files/export?format=${format}`;

/** Does this definition start from the file feed (files uploaded, posted or mailed in)? */
export function isFileFeed(def: { nodes?: Array<{ kind: string; config?: unknown }> } | undefined): boolean {
  return !!def?.nodes?.some((n) => {
    const c = n.config as { connector?: string; feed?: string } | undefined;
    return n.kind === 'trigger.recordFeed' && c?.connector === 'excel' && c?.feed === 'fileRecords';
  });
}
