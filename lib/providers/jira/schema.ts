/**
 * The shapes we accept from Jira Cloud's `POST /rest/api/3/issue/bulkfetch`, checked at the
 * boundary. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulkfetch-post
 */
import * as v from 'valibot';

const statusCategory = v.object({ key: v.string() });
const status = v.object({ name: v.string(), statusCategory: v.optional(statusCategory) });
const user = v.nullish(v.object({ accountId: v.optional(v.string()), name: v.optional(v.string()), displayName: v.optional(v.string()) }));
const linkedIssue = v.object({
  key: v.string(),
  fields: v.optional(v.object({ summary: v.optional(v.string()), status: v.optional(status) })),
});

/** One issue link as Jira returns it inside an issue. */
export const jiraIssueLink = v.object({
  type: v.object({ name: v.string(), inward: v.string(), outward: v.string() }),
  inwardIssue: v.optional(linkedIssue),
  outwardIssue: v.optional(linkedIssue),
});

/** One issue with the fields we ask for. */
export const jiraIssue = v.object({
  id: v.optional(v.string()),
  key: v.string(),
  // Loose: the Flagged field's id differs per site and is read by id.
  fields: v.looseObject({
    summary: v.string(),
    status,
    created: v.string(),
    updated: v.optional(v.string()),
    resolutiondate: v.nullish(v.string()),
    assignee: user,
    reporter: user,
    labels: v.optional(v.array(v.string())),
    project: v.optional(v.object({ key: v.string() })),
    issuelinks: v.optional(v.array(v.unknown())),
  }),
});

/** The bulk-fetch answer; issues are validated one by one. Unreadable keys are simply absent. */
export const bulkFetchAnswer = v.object({
  issues: v.array(v.unknown()),
  issueErrors: v.optional(v.array(v.unknown())),
});

export type JiraIssue = v.InferOutput<typeof jiraIssue>;
export type JiraIssueLink = v.InferOutput<typeof jiraIssueLink>;
export type JiraStatus = v.InferOutput<typeof status>;
