// Comments and attachments of a task. Attachments are kept in Postgres (bytea) and typed by their
// content (magic bytes), never by the client's declared content type alone.
import { createHash, randomUUID } from 'node:crypto';
import { ForbiddenError, LedgerflowError, NotFoundError } from '@ledgerflow/flow-model';
import { createTaskFilesStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../plugins/auth.plugin.ts';
import { assertActive, canView, loadTask } from './task-model.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const OOXML: Record<string, { marker: string; type: string }> = {
  docx: { marker: 'word/', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { marker: 'xl/', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { marker: 'ppt/', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
};
const OLE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
const ODF = [
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

const starts = (b: Buffer, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** The real content type of an allowed document (PDF, images, Office files), or null. */
export function sniffContentType(b: Buffer, filename: string): string | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts(b, [0x49, 0x49, 0x2a, 0x00]) || starts(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE[ext] ?? null;
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    // A ZIP is only accepted as an Office document: its entries must say which one.
    const head = b.subarray(0, Math.min(b.length, 64 * 1024)).toString('latin1');
    const ox = OOXML[ext];
    if (ox && head.includes('[Content_Types].xml') && head.includes(ox.marker)) return ox.type;
    const odf = ODF.find((t) => head.includes(`mimetype${t}`));
    if (odf) return odf;
  }
  return null;
}

export class AttachmentError extends LedgerflowError {
  constructor(
    code: 'ATTACHMENT_TOO_LARGE' | 'ATTACHMENT_TYPE' | 'ATTACHMENT_MISSING' | 'ATTACHMENT_INVALID',
    message: string,
    status: number,
    details?: Record<string, unknown>,
  ) {
    super(code, message, { status, details });
  }
}

export class TaskFilesService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #files() {
    return createTaskFilesStore(this.#deps.orm.em.fork());
  }
  async #visible(u: SessionUser, taskId: string) {
    const t = await loadTask(this.#deps.orm, taskId, false);
    if (!canView(t, u))
      throw new ForbiddenError(`Task ${taskId} is not assigned to you`, { reason: 'TASK_NOT_YOURS', taskId });
    return t;
  }

  async addComment(u: SessionUser, taskId: string, body: string) {
    await this.#visible(u, taskId);
    const id = randomUUID();
    const at = await this.#files().addComment({ id, taskId, userId: u.id, body });
    return { id, userId: u.id, username: u.username, body, createdAt: new Date(at).toISOString() };
  }

  async addAttachment(
    u: SessionUser,
    taskId: string,
    file: { filename: string; declaredType: string; content: Buffer },
  ) {
    const t = await this.#visible(u, taskId);
    assertActive(t);
    if (file.content.length === 0) throw new AttachmentError('ATTACHMENT_MISSING', 'The file is empty', 400);
    if (file.content.length > MAX_ATTACHMENT_BYTES)
      throw new AttachmentError(
        'ATTACHMENT_TOO_LARGE',
        `Attachments are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
        413,
        { limit: MAX_ATTACHMENT_BYTES },
      );
    const type = sniffContentType(file.content, file.filename);
    if (!type) {
      throw new AttachmentError(
        'ATTACHMENT_TYPE',
        `'${file.filename}' is not a PDF, image or Office document (checked by its content, not its name)`,
        415,
        { declaredType: file.declaredType },
      );
    }
    const id = randomUUID();
    const filename = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'document';
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    await this.#files().addAttachment({
      id,
      taskId,
      filename,
      contentType: type,
      size: file.content.length,
      sha256,
      content: file.content,
      uploadedBy: u.id,
    });
    return {
      id,
      filename,
      contentType: type,
      size: file.content.length,
      sha256,
      uploadedBy: u.id,
      createdAt: new Date().toISOString(),
    };
  }

  async download(u: SessionUser, taskId: string, attachmentId: string) {
    await this.#visible(u, taskId);
    const a = await this.#files().attachment(taskId, attachmentId);
    if (!a) throw new NotFoundError('attachment', attachmentId);
    return a;
  }
}
