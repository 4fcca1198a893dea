import { Type } from '@sinclair/typebox';
import { FLOW_ASSIGNEE_TYPES, ROLES } from '@ledgerflow/flow-model';
import { withErrors } from './common.schema.ts';

export const DirectorySchema = {
  tags: ['directory'],
  summary: 'Who tasks can go to: enabled users, their groups, the roles, and the assignee types a flow may use',
  response: withErrors(
    {
      200: Type.Object({
        users: Type.Array(
          Type.Object({
            username: Type.String(),
            displayName: Type.String(),
            roles: Type.Array(Type.Unsafe<(typeof ROLES)[number]>({ type: 'string', enum: [...ROLES] })),
            groups: Type.Array(Type.String()),
          }),
        ),
        groups: Type.Array(Type.String()),
        roles: Type.Array(Type.Unsafe<(typeof ROLES)[number]>({ type: 'string', enum: [...ROLES] })),
        assigneeTypes: Type.Array(
          Type.Unsafe<(typeof FLOW_ASSIGNEE_TYPES)[number]>({ type: 'string', enum: [...FLOW_ASSIGNEE_TYPES] }),
        ),
      }),
    },
    [401, 403, 500],
  ),
} as const;
