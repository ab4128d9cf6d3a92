/** What the popup says when it has nothing to summarise, and what to do about it. */

/** Props: whether a team source is configured, and whether a sync has ever finished. */
export function EmptyState({ configured, synced }: { configured: boolean; synced: boolean }) {
  if (!configured) {
    return (
      <div class="empty" data-testid="empty-state">
        <p>FlowLens has no team to summarise yet.</p>
        <p>
          Add your team's GitHub repositories, GitHub searches or Jira JQL queries in{' '}
          <a href="/options.html" target="_blank" rel="noreferrer">Options</a>, and FlowLens will sync their open items here.
        </p>
      </div>
    );
  }
  return (
    <div class="empty" data-testid="empty-state">
      <p>{synced ? 'No open items in your team’s sources.' : 'Your team’s items appear here after the first sync.'}</p>
      <p>
        Check the sources in <a href="/options.html" target="_blank" rel="noreferrer">Options</a>.
      </p>
    </div>
  );
}
