import { describe, expect, it } from 'vitest';
import { NO_SECRETS } from '../../storage/settings';
import { credentialFor } from './credentials';
import { jiraToItem } from './to-work-item';

const issue = { key: 'PAY-1', fields: { summary: 'Ledger', status: { name: 'In Progress' }, created: '2026-11-01T09:00:00.000+0000', assignee: null, reporter: null } };

describe('Jira lookups by names a site or a message chose', () => {
  // A site's field list names its Flagged and Sprint fields; a name every object inherits is no field of the issue.
  it.each(['constructor', 'toString', '__proto__'])('reads no field named %s from what objects inherit', (id) => {
    const item = jiraToItem('jira.corp.example', issue, new Set(), { flaggedFieldId: id, sprintFieldId: id });
    expect(item.signals.flagged).toBe(false);
    expect(item.sprints).toBeUndefined();
  });

  it.each(['constructor', 'toString', '__proto__', 'constructor/jira'])('finds no credential for the site %s when none is saved', (site) => {
    expect(credentialFor(NO_SECRETS, site)).toBeUndefined();
    expect(credentialFor({ ...NO_SECRETS, jiraCredentials: { 'jira.corp.example': { kind: 'pat', token: 'pat' } } }, 'jira.corp.example/jira')).toEqual({ kind: 'pat', token: 'pat' });
  });
});
