// Publishing refuses a task that could never reach anyone: a static assignee (not a `{{ template }}`, which only the
// case can fill) must name an enabled user, a role of the platform or a group some enabled user holds. Checked at
// publish, against the directory as it is then; drafts may name people who do not exist yet.
import {
  MANAGER_OF_STARTED_BY,
  ROLES,
  type FlowDefinition,
  type Problem,
  type TaskAssignee,
} from '@ledgerflow/flow-model';
import { createDirectoryStore, type MikroORM } from '@ledgerflow/db';

type Ref = { nodeId: string; path: string; assignee: TaskAssignee };

function staticAssignees(def: FlowDefinition): Ref[] {
  const refs: Ref[] = [];
  def.nodes.forEach((n, i) => {
    if (n.kind !== 'humanTask') return;
    const at = (assignee: TaskAssignee | undefined, ...path: Array<string | number>) => {
      if (assignee && !assignee.value.includes('{{'))
        refs.push({ nodeId: n.id, path: `/nodes/${i}/config/${path.join('/')}/value`, assignee });
    };
    at(n.config.assignee, 'assignee');
    (n.config.assignmentRules ?? []).forEach((r, j) => at(r.assignee, 'assignmentRules', j, 'assignee'));
    at(n.config.escalateTo, 'escalateTo');
  });
  return refs;
}

const isRole = (v: string) => (ROLES as readonly string[]).includes(v);

export async function assigneeProblems(orm: MikroORM, def: FlowDefinition): Promise<Problem[]> {
  const refs = staticAssignees(def);
  if (!refs.length) return [];
  const named = (type: TaskAssignee['type']) =>
    refs.filter((r) => r.assignee.type === type).map((r) => r.assignee.value);
  const directory = createDirectoryStore(orm.em.fork());
  const people = [...named('user'), ...named('manager').filter((v) => v !== MANAGER_OF_STARTED_BY)];
  const [users, groups] = await Promise.all([directory.knownUsers(people), directory.knownGroups(named('group'))]);
  const problems: Problem[] = [];
  for (const { nodeId, path, assignee: a } of refs) {
    const v = a.value;
    const why =
      a.type === 'user' && !users.has(v)
        ? `no active user '${v}'`
        : a.type === 'manager' && v !== MANAGER_OF_STARTED_BY && !users.has(v)
          ? `no active user '${v}' whose manager could decide (use '${MANAGER_OF_STARTED_BY}' for the requester)`
          : (a.type === 'role' || a.type === 'approver') && !isRole(v)
            ? `'${v}' is not a role (${ROLES.join(', ')})`
            : a.type === 'group' && !groups.has(v)
              ? `no active user is in group '${v}'`
              : null;
    if (why) problems.push({ path, nodeId, code: 'UNKNOWN_ASSIGNEE', message: `task '${nodeId}': ${why}` });
  }
  return problems;
}
