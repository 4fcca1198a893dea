import type { EntityManager } from '@mikro-orm/postgresql';

export type TaskCommentRow = { id: string; user_id: string; body: string; created_at: Date; username: string | null };
export type TaskAttachmentRow = {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: Date;
};
export interface NewTaskAttachment {
  id: string;
  taskId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
}

/**
 * task_comments and task_attachments: what people add to a task (not its state, which its run owns).
 * Attachments are kept in Postgres (bytea); an upload is noted in the task's history in the same statement.
 */
export function createTaskFilesStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async addComment(c: { id: string; taskId: string; userId: string; body: string }): Promise<Date> {
      const [r] = await conn().execute<Array<{ created_at: Date }>>(
        'insert into task_comments (id, task_id, user_id, body) values (?, ?, ?, ?) returning created_at',
        [c.id, c.taskId, c.userId, c.body],
      );
      return r!.created_at;
    },
    async comments(taskId: string): Promise<TaskCommentRow[]> {
      return conn().execute<TaskCommentRow[]>(
        'select c.id, c.user_id, c.body, c.created_at, u.username from task_comments c left join users u on u.id = c.user_id where c.task_id = ? order by c.created_at',
        [taskId],
      );
    },
    async addAttachment(a: NewTaskAttachment): Promise<void> {
      await conn().execute(
        `with a as (insert into task_attachments (id, task_id, filename, content_type, size, sha256, content, uploaded_by) values (?, ?, ?, ?, ?, ?, ?, ?) returning task_id)
         insert into task_history (task_id, kind, user_id, reason, data) select task_id, 'attachment', ?, null, ?::jsonb from a`,
        [
          a.id,
          a.taskId,
          a.filename,
          a.contentType,
          a.size,
          a.sha256,
          a.content,
          a.uploadedBy,
          a.uploadedBy,
          JSON.stringify({ attachmentId: a.id, filename: a.filename }),
        ],
      );
    },
    /** Metadata only, oldest first. */
    async attachments(taskId: string): Promise<TaskAttachmentRow[]> {
      return conn().execute<TaskAttachmentRow[]>(
        'select id, filename, content_type, size, sha256, uploaded_by, created_at from task_attachments where task_id = ? order by created_at',
        [taskId],
      );
    },
    async attachmentCount(taskId: string): Promise<number> {
      const [r] = await conn().execute<Array<{ n: string }>>(
        'select count(*) as n from task_attachments where task_id = ?',
        [taskId],
      );
      return Number(r?.n ?? 0);
    },
    async attachment(
      taskId: string,
      attachmentId: string,
    ): Promise<{ filename: string; content_type: string; content: Buffer } | null> {
      const [a] = await conn().execute<Array<{ filename: string; content_type: string; content: Buffer }>>(
        'select filename, content_type, content from task_attachments where id = ? and task_id = ?',
        [attachmentId, taskId],
      );
      return a ?? null;
    },
  };
}
export type TaskFilesStore = ReturnType<typeof createTaskFilesStore>;
