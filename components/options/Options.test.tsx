import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Options } from './Options';
import { fakeClient } from '../../lib/testing/fake-client';
import { freshSettings, memoryStore } from './testing';

afterEach(cleanup);

async function open(setup: Parameters<typeof memoryStore>[0] = {}, answers: Parameters<typeof fakeClient>[0] = {}) {
  const store = memoryStore(setup);
  const client = fakeClient(answers);
  render(<Options send={client.send} store={store.store} />);
  await screen.findByRole('heading', { name: 'FlowLens options', level: 1 });
  return { ...store, ...client };
}

/** Types into a field and leaves it (the change event saves at once). */
function commit(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
  fireEvent.change(field, { target: { value } });
}

const describedError = (field: HTMLElement) => document.getElementById(field.getAttribute('aria-describedby')!.split(' ').at(-1)!)!;

describe('the options page', () => {
  it('lists every section in its table of contents, connections and the team first, each link pointing at a section', async () => {
    await open();
    const toc = screen.getByRole('navigation', { name: 'Sections' });
    const links = within(toc).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['GitHub', 'Jira', 'Team', 'Sync', 'GitHub and Jira together', 'Notifications', 'What counts as blocked', 'Working time and badges', 'Rubric moves', 'Cache', 'Import and export']);
    for (const link of links) expect(document.querySelector(link.getAttribute('href')!)?.tagName).toBe('SECTION');
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual(['GitHub', 'Jira', 'Team']);
  });

  it('folds rules, working time, cache and import/export under a closed “Advanced”, which a link into it opens', async () => {
    await open();
    const fold = document.querySelector('details')!;
    expect(fold.querySelector('summary')!.textContent).toBe('Advanced');
    expect(fold.open).toBe(false);
    expect([...fold.querySelectorAll('section')].map((section) => section.id)).toEqual(['signals', 'working-time', 'rules', 'cache', 'transfer']);
    for (const id of ['github', 'jira', 'team']) expect(fold.contains(document.getElementById(id))).toBe(false);
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('link', { name: 'Cache' }));
    expect(fold.open).toBe(true);
  });

  it('says “Saved.” beside the field that was saved, and only there, until it is edited again', async () => {
    const { saved } = await open();
    const members = screen.getByLabelText('Members, one per line');
    commit(members, 'alice');
    await waitFor(() => expect(screen.getByTestId('team-members-saved').textContent).toBe('Saved.'));
    expect(saved.at(-1)?.team.members).toEqual(['alice']);
    expect(screen.getByTestId('team-members-saved').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByTestId('team-me-saved').textContent).toBe('');
    expect(screen.getByTestId('notice').textContent).toBe('');
    fireEvent.input(members, { target: { value: 'alice\nbo' } });
    expect(screen.getByTestId('team-members-saved').textContent).toBe('');
  });

  it('shows a bad repository in place, saves nothing, and saves once it is fixed', async () => {
    const { saved } = await open();
    const repos = screen.getByLabelText('GitHub repositories, one per line');
    commit(repos, 'octo-org/api\nnot a repo');
    const error = describedError(repos);
    expect(error.textContent).toBe('“not a repo”: enter a repository as owner/name, or host/owner/name for GitHub Enterprise Server.');
    expect(repos.getAttribute('aria-invalid')).toBe('true');
    expect((repos as HTMLTextAreaElement).value).toBe('octo-org/api\nnot a repo');
    expect(saved).toEqual([]);
    commit(repos, 'octo-org/api\nghe.corp/platform/core');
    expect(error.textContent).toBe('“ghe.corp/platform/core”: add ghe.corp under GitHub first, so FlowLens may read it.');
    commit(repos, 'octo-org/api\n\nocto-org/web ');
    await waitFor(() => expect(saved.at(-1)?.team.githubRepos).toEqual(['octo-org/api', 'octo-org/web']));
    expect(error.textContent).toBe('');
    expect(screen.getByTestId('team-repos-saved').textContent).toBe('Saved.');
  });

  it('saves while typing once the value is valid, after a pause', async () => {
    vi.useFakeTimers();
    try {
      const store = memoryStore();
      render(<Options send={fakeClient().send} store={store.store} />);
      await vi.waitFor(() => screen.getByLabelText('Sync the team’s items every (minutes)'));
      const field = screen.getByLabelText('Sync the team’s items every (minutes)');
      fireEvent.input(field, { target: { value: '3' } });
      expect(describedError(field).textContent).toBe('');
      fireEvent.input(field, { target: { value: '30' } });
      await vi.advanceTimersByTimeAsync(700);
      expect(store.saved.map((s) => s.syncMinutes)).toEqual([30]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says next to the field when the browser refuses the save, keeping the typed value', async () => {
    const { store } = await open();
    store.saveSettings.mockResolvedValueOnce({ ok: false, message: 'Not saved: the browser syncs at most 8 KB of settings.' } as never);
    const members = screen.getByLabelText('Members, one per line');
    commit(members, 'alice\nbob');
    await waitFor(() => expect(describedError(members).textContent).toBe('Not saved: the browser syncs at most 8 KB of settings.'));
    expect((members as HTMLTextAreaElement).value).toBe('alice\nbob');
  });

  it('keeps two quick edits in different fields', async () => {
    const { saved } = await open();
    commit(screen.getByLabelText('Members, one per line'), 'alice');
    commit(screen.getByLabelText('Me, one per line'), 'alice');
    commit(screen.getByLabelText('Refresh items older than (minutes)'), '30');
    await waitFor(() => expect(saved).toHaveLength(3));
    expect(saved.at(-1)).toMatchObject({ cacheTtlMinutes: 30, team: { members: ['alice'], me: ['alice'] } });
  });

  it('refuses an amber threshold above the red one', async () => {
    const { saved } = await open();
    const amber = screen.getByLabelText('Amber after (hours blocked or waiting)');
    commit(amber, '100');
    expect(describedError(amber).textContent).toBe('Amber must not come after red (72 hours).');
    expect(saved).toEqual([]);
    commit(screen.getByLabelText('Red after (hours blocked or waiting)'), '120');
    await waitFor(() => expect(saved).toHaveLength(1));
    commit(amber, '100');
    await waitFor(() => expect(saved.at(-1)?.badgeThresholds).toEqual({ warnHours: 100, alertHours: 120 }));
  });

  it('colours badges by the team’s percentiles when chosen, amber never past red', async () => {
    const { saved } = await open();
    expect(screen.queryByLabelText('Amber when longer than (percent of the team’s)')).toBeNull();
    fireEvent.click(screen.getByLabelText('The team’s own pace: percentiles of its finished items'));
    await waitFor(() => expect(saved.at(-1)?.badgeColours).toEqual({ by: 'percentile', warnPercentile: 70, alertPercentile: 85 }));
    const amber = await screen.findByLabelText('Amber when longer than (percent of the team’s)');
    commit(amber, '90');
    expect(describedError(amber).textContent).toBe('Amber must not come after red (85 %).');
    commit(amber, '60');
    await waitFor(() => expect(saved.at(-1)?.badgeColours).toEqual({ by: 'percentile', warnPercentile: 60, alertPercentile: 85 }));
  });

  it('keeps at least one working day and checks days off', async () => {
    const { saved } = await open({ settings: { ...freshSettings(), workingDays: [1] } });
    fireEvent.click(screen.getByLabelText('Monday'));
    expect(screen.getByText('Keep at least one working day.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Saturday'));
    await waitFor(() => expect(saved.at(-1)?.workingDays).toEqual([1, 6]));
    const daysOff = screen.getByLabelText('Days off, one per line');
    commit(daysOff, '2026-02-30');
    expect(describedError(daysOff).textContent).toBe('“2026-02-30”: this date does not exist.');
  });
});

describe('team queries', () => {
  it('refuses a JQL the Jira site rejects, with the server’s words next to the field', async () => {
    const { saved, sent } = await open(
      { settings: { ...freshSettings(), jiraSites: ['jira.corp.example'] } },
      { 'jira/check-jql': ({ jql }) => ({ ok: true, data: { errors: jql.includes('projct') ? ["Field 'projct' does not exist or you do not have permission to view it."] : [] } }) },
    );
    const form = screen.getByTestId('jira-queries');
    const jql = within(form).getByLabelText('JQL');
    fireEvent.input(jql, { target: { value: 'projct = PAY' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(describedError(jql).textContent).toBe("Jira says: Field 'projct' does not exist or you do not have permission to view it."));
    expect(jql.getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
    expect(sent.at(-1)).toEqual({ type: 'jira/check-jql', host: 'jira.corp.example', jql: 'projct = PAY' });
    fireEvent.input(jql, { target: { value: 'project = PAY' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(saved.at(-1)?.team.jiraQueries).toEqual([{ site: 'jira.corp.example', jql: 'project = PAY' }]));
    expect(within(form).getByText('Jira accepts this JQL.')).toBeTruthy();
  });

  it('asks for a Data Center site to be added before its JQL', async () => {
    const { saved } = await open();
    const form = screen.getByTestId('jira-queries');
    fireEvent.input(within(form).getByLabelText('JQL'), { target: { value: 'project = PAY' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect(within(form).getByTestId('jira-queries-error').textContent).toBe('Enter the site.');
    fireEvent.input(within(form).getByLabelText('Site'), { target: { value: 'jira.corp.example' } });
    fireEvent.input(within(form).getByLabelText('JQL'), { target: { value: 'project = PAY' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect(within(form).getByTestId('jira-queries-error').textContent).toBe('Add jira.corp.example under Jira sites first, so FlowLens may read it.');
    expect(saved).toEqual([]);
  });

  it('shows the match count of a GitHub search, or why it could not be checked', async () => {
    const { saved } = await open({}, { 'github/check-query': ({ query }) => (query.includes('bad') ? { ok: false, error: { code: 'server', message: 'GitHub says: the search is longer than 256 characters.' } } : { ok: true, data: { count: 7 } }) });
    const form = screen.getByTestId('github-queries');
    const query = within(form).getByLabelText('Search query');
    fireEvent.input(query, { target: { value: 'is:pr is:open' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Check' }));
    await within(form).findByText('GitHub finds 7 items for this query.');
    expect(saved).toEqual([]);
    fireEvent.input(query, { target: { value: 'is:pr bad' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(saved.at(-1)?.team.githubQueries).toEqual([{ host: 'github.com', query: 'is:pr bad' }]));
    expect(within(form).getByText('Not checked: GitHub says: the search is longer than 256 characters.')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Remove is:pr bad on github.com' }));
    await waitFor(() => expect(saved.at(-1)?.team.githubQueries).toEqual([]));
  });
});

describe('sync', () => {
  it('syncs on demand and shows the errors, or why it did not run', async () => {
    let fail = false;
    await open({}, {
      'team/sync': () => (fail ? { ok: false, error: { code: 'offline', message: 'You are offline.' } } : { ok: true, data: { configured: true, running: false, lastGoodAt: Date.parse('2026-11-20T10:00:00Z'), lastErrors: [{ message: 'Bad credentials', at: Date.parse('2026-11-20T10:00:00Z'), source: 'github.com' }] } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getByTestId('sync-state').textContent).toContain('Last complete sync:'));
    expect(screen.getByTestId('sync-state').textContent).toContain('github.com: Bad credentials');
    fail = true;
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getByTestId('sync-state').textContent).toContain('The sync did not run: You are offline.'));
  });
});

describe('rules', () => {
  it('lists the default rules by level with their skills, and turns one off', async () => {
    const { saved } = await open();
    const p2 = screen.getByTestId('rules-P2');
    const askReviewer = within(p2).getByLabelText('Ask reviewer') as HTMLInputElement;
    expect(askReviewer.checked).toBe(true);
    expect(document.getElementById(askReviewer.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(/^Level 2 · Cognizant of blockers: Cognizant of blockers \(eg: blocked stories/);
    // The level in words: a bare "P2" reads as a Jira priority.
    expect(p2.querySelector('legend')?.textContent).toBe('Level 2');
    fireEvent.click(askReviewer);
    await waitFor(() => expect(saved.at(-1)?.rules.disabled).toEqual(['ask-reviewer']));
  });

  it('validates custom moves in place with the analysis’s own parser', async () => {
    const { saved } = await open();
    const editor = screen.getByLabelText('Your team’s own moves (JSON)');
    commit(editor, '[{ "id": "ping-pm"');
    expect(describedError(editor).textContent).toMatch(/^This is not valid JSON/);
    commit(editor, '[{ "id": "ping-pm", "text": "Ask about {nope}", "skillId": "p3-adapt-volume", "when": {} }]');
    expect(describedError(editor).textContent).toBe('Move 1: Placeholders are {key}, {title}, {days}, {owner}, {blocker}, {impact}.');
    expect(saved).toEqual([]);
    const move = { id: 'ping-pm', text: 'Ask the PM about {key}.', skillId: 'p3-adapt-volume', when: { states: ['blocked'] } };
    commit(editor, JSON.stringify([move]));
    await waitFor(() => expect(saved.at(-1)?.rules.custom).toEqual([move]));
  });
});

describe('notifications', () => {
  it('asks for the permission inside the click, and stays off when refused', async () => {
    const { store, saved } = await open();
    store.requestNotifications.mockResolvedValueOnce(false);
    const box = screen.getByLabelText('Tell me on the desktop when team work is stuck') as HTMLInputElement;
    fireEvent.click(box);
    expect(store.requestNotifications).toHaveBeenCalledTimes(1);
    await screen.findByText('Notifications stay off: the browser’s permission was not given.');
    expect(box.checked).toBe(false);
    expect(saved).toEqual([]);
    fireEvent.click(box);
    await waitFor(() => expect(saved.at(-1)?.notifications.enabled).toBe(true));
  });
});

describe('GitHub and Jira together', () => {
  it('offers each direction on its own, off by default, naming where it shows what and from where', async () => {
    const { saved } = await open({ settings: { ...freshSettings(), jiraSites: ['acme.atlassian.net', 'jira.corp.example'], githubHosts: ['ghe.corp', 'ghe.other'] }, githubTokenHosts: ['github.com', 'ghe.corp'] });
    const onGithub = screen.getByLabelText('Show the Jira tickets a pull request names on GitHub pages') as HTMLInputElement;
    const onJira = screen.getByLabelText('Show the pull requests that name a Jira ticket on Jira pages') as HTMLInputElement;
    expect([onGithub.checked, onJira.checked]).toEqual([false, false]);
    const hint = (box: HTMLElement) => document.getElementById(box.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent;
    expect(hint(onGithub)).toBe('Shown on pages of github.com and ghe.corp: the key, title and flow state of each Jira ticket a pull request names in its title or branch (at most 10 per pull request), in the pull request’s card. Read from acme.atlassian.net and jira.corp.example, each ticket only from the site that has its project. GitHub’s own scripts on those pages can read it.');
    expect(hint(onJira)).toBe('Shown on issue pages of acme.atlassian.net and jira.corp.example: the repository, number, title and state of the pull requests whose title names the issue’s key, private repositories included, in the issue’s card. Searched on github.com and ghe.corp with your token. Jira’s own scripts on those pages can read it.');
    fireEvent.click(onJira);
    await waitFor(() => expect(saved.at(-1)).toMatchObject({ jiraOnGithub: false, pullsOnJira: true }));
    fireEvent.click(onGithub);
    await waitFor(() => expect(saved.at(-1)).toMatchObject({ jiraOnGithub: true, pullsOnJira: true }));
  });

  it('says what to set up first when no host would be joined', async () => {
    await open();
    const hint = document.getElementById('jira-on-github-hint')!.textContent;
    expect(hint).toMatch(/^Shown on pages of no GitHub host yet \(save a GitHub token first\)/);
    expect(hint).toMatch(/Read from no Jira site yet \(add one under Jira first\)/);
  });
});

describe('Jira sign-in', () => {
  it('takes an email and API token for a Cloud site and tests the connection', async () => {
    const { store } = await open(
      { settings: { ...freshSettings(), jiraSites: ['acme.atlassian.net', 'jira.corp.example'] } },
      { 'jira/check-access': () => ({ ok: true, data: { displayName: 'Priya', via: 'token', deployment: 'cloud' } }) },
    );
    const cloud = screen.getByTestId('jira-credential-acme.atlassian.net');
    fireEvent.input(within(cloud).getByLabelText('Atlassian account email'), { target: { value: 'not-an-email' } });
    fireEvent.input(within(cloud).getByLabelText('API token'), { target: { value: 'atl-token' } });
    fireEvent.click(within(cloud).getByRole('button', { name: 'Save API token' }));
    await within(cloud).findByText('Enter the email address of your Atlassian account.');
    expect(store.setJiraCredential).not.toHaveBeenCalled();
    fireEvent.input(within(cloud).getByLabelText('Atlassian account email'), { target: { value: 'priya@acme.dev' } });
    fireEvent.click(within(cloud).getByRole('button', { name: 'Save API token' }));
    await within(cloud).findByText('Connected as Priya with the saved token (Jira Cloud).');
    expect(store.setJiraCredential).toHaveBeenCalledWith('acme.atlassian.net', { kind: 'cloud-token', email: 'priya@acme.dev', token: 'atl-token' });
    expect(within(cloud).getByText('An API token is saved for acme.atlassian.net.')).toBeTruthy();
    const dc = screen.getByTestId('jira-credential-jira.corp.example');
    expect(within(dc).queryByLabelText('Atlassian account email')).toBeNull();
    expect(within(dc).getByLabelText('Personal access token')).toBeTruthy();
  });

  it('forgets a site’s credential when the site is removed', async () => {
    const { store, saved } = await open({ settings: { ...freshSettings(), jiraSites: ['jira.corp.example'] }, jiraCredentialSites: ['jira.corp.example'] });
    expect(screen.getByText('A personal access token is saved for jira.corp.example.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove jira.corp.example' }));
    await waitFor(() => expect(store.setJiraCredential).toHaveBeenCalledWith('jira.corp.example', null));
    expect(saved.at(-1)?.jiraSites).toEqual([]);
    expect(store.releaseHost).toHaveBeenCalledWith('jira.corp.example');
  });

  it('shows why a connection test failed', async () => {
    await open({ settings: { ...freshSettings(), jiraSites: ['jira.corp.example'] } });
    fireEvent.click(within(screen.getByTestId('jira-credential-jira.corp.example')).getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByTestId('jira-access')).textContent).toBe('Not built yet.');
  });
});

describe('hosts', () => {
  it('offers to ask again for a host FlowLens may not read', async () => {
    const { store } = await open({ settings: { ...freshSettings(), jiraSites: ['jira.corp.example'] } });
    store.hostGranted.mockResolvedValue(false);
    cleanup();
    render(<Options send={fakeClient().send} store={store} />);
    const allow = await screen.findByRole('button', { name: 'Allow reading jira.corp.example' });
    fireEvent.click(allow);
    expect(store.requestHost).toHaveBeenCalledWith('jira.corp.example');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Allow reading jira.corp.example' })).toBeNull());
  });
});

describe('GitHub tokens', () => {
  const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

  it('saves a token and says which hosts have one, never the token', async () => {
    const { store } = await open({}, { 'github/check-token': () => ({ ok: true, data: { login: 'ana', kind: 'classic', scopes: ['repo'], warnings: [] } }) });
    const host = screen.getByTestId('github-host-github.com');
    fireEvent.input(within(host).getByLabelText('Personal access token for github.com'), { target: { value: TOKEN } });
    fireEvent.click(within(host).getByRole('button', { name: 'Save token' }));
    await within(host).findByText('A token is saved for github.com.');
    expect(store.setGithubToken).toHaveBeenCalledWith('github.com', TOKEN);
    expect((within(host).getByLabelText('Personal access token for github.com') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('says why a token was not saved, and keeps it in its field', async () => {
    const { store } = await open();
    store.setGithubToken.mockResolvedValueOnce({ ok: false, message: 'Not saved: FlowLens could not open the IndexedDB database that holds its tokens (UnknownError).' });
    const host = screen.getByTestId('github-host-github.com');
    fireEvent.input(within(host).getByLabelText('Personal access token for github.com'), { target: { value: TOKEN } });
    fireEvent.click(within(host).getByRole('button', { name: 'Save token' }));
    await within(host).findByText('Not saved: FlowLens could not open the IndexedDB database that holds its tokens (UnknownError).');
    expect(within(host).queryByText('A token is saved for github.com.')).toBeNull();
    expect((within(host).getByLabelText('Personal access token for github.com') as HTMLInputElement).value).toBe(TOKEN);
  });

  it('removes an Enterprise Server host’s token with the host', async () => {
    const { store, saved } = await open({ settings: { ...freshSettings(), githubHosts: ['ghe.corp.example', 'ghe.other.example'] }, githubTokenHosts: ['github.com', 'ghe.corp.example', 'ghe.other.example'] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove ghe.corp.example' }));
    await waitFor(() => expect(store.setGithubToken).toHaveBeenCalledWith('ghe.corp.example', null));
    expect(saved.at(-1)?.githubHosts).toEqual(['ghe.other.example']);
    expect(store.setGithubToken).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(store.releaseHost).toHaveBeenCalledWith('ghe.corp.example'));
    expect(screen.queryByTestId('github-host-ghe.corp.example')).toBeNull();
    expect(within(screen.getByTestId('github-host-ghe.other.example')).getByText('A token is saved for ghe.other.example.')).toBeTruthy();
  });

  it('keeps the host’s permission when its token cannot be removed, and says why', async () => {
    const { store } = await open({ settings: { ...freshSettings(), githubHosts: ['ghe.corp.example'] }, githubTokenHosts: ['ghe.corp.example'] });
    store.setGithubToken.mockResolvedValueOnce({ ok: false, message: 'Not saved: the disk is full.' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove ghe.corp.example' }));
    await screen.findByText('Not saved: the disk is full.');
    expect(store.releaseHost).not.toHaveBeenCalled();
  });

  it('says why tokens cannot be shown here instead of offering token fields', async () => {
    await open({ settings: { ...freshSettings(), githubHosts: ['ghe.corp.example'], jiraSites: ['jira.corp.example'] }, secretsProblem: 'This is a private browsing window.' });
    expect(screen.getByTestId('github-secrets-problem').textContent).toBe('GitHub tokens cannot be shown or changed here. This is a private browsing window.');
    expect(screen.getByTestId('jira-secrets-problem').textContent).toBe('Jira credentials cannot be shown or changed here. This is a private browsing window.');
    expect(screen.queryByLabelText('Personal access token for github.com')).toBeNull();
    expect(screen.queryByTestId('jira-credential-jira.corp.example')).toBeNull();
    // Hosts can still be added and removed.
    expect(screen.getByRole('button', { name: 'Remove ghe.corp.example' })).toBeTruthy();
  });
});

describe('removing a Jira site that has a credential', () => {
  it('drops the site from the page and forgets its credential', async () => {
    const { store } = await open({ settings: { ...freshSettings(), jiraSites: ['jira.corp.example', 'jira.other.example'] }, jiraCredentialSites: ['jira.corp.example'] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove jira.corp.example' }));
    await waitFor(() => expect(store.releaseHost).toHaveBeenCalledWith('jira.corp.example'));
    expect(screen.queryByTestId('jira-credential-jira.corp.example')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove jira.corp.example' })).toBeNull();
    expect(screen.getByTestId('jira-credential-jira.other.example')).toBeTruthy();
  });
});
