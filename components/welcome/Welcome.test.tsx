import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type FakeAnswers } from '../../lib/testing/fake-client';
import { memoryStore } from '../options/testing';
import { Welcome } from './Welcome';

afterEach(cleanup);

async function open(answers: FakeAnswers = {}, setup: Parameters<typeof memoryStore>[0] = {}) {
  const store = memoryStore(setup);
  const client = fakeClient(answers);
  render(<Welcome send={client.send} store={store.store} />);
  await screen.findByRole('heading', { name: 'Welcome to FlowLens', level: 1 });
  return { ...store, ...client };
}

const TOKEN = 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz';

function saveToken(token = TOKEN) {
  fireEvent.input(screen.getByLabelText('Personal access token for github.com'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Save token' }));
}

function addRepo(text: string) {
  fireEvent.input(screen.getByLabelText('Your team’s repository'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Add repository' }));
}

describe('the welcome page', () => {
  it('links GitHub’s fine-grained token form and names the read access FlowLens needs', async () => {
    await open();
    const link = screen.getByRole('link', { name: 'Create a fine-grained token on GitHub' });
    expect(link.getAttribute('href')).toBe('https://github.com/settings/personal-access-tokens/new');
    expect(link.closest('p')!.textContent).toContain('read-only access to: Metadata, Pull requests, Issues, Checks');
    expect(screen.getByText(/Jira Cloud \(\*\.atlassian\.net\) needs nothing/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'add your site on the options page' }).getAttribute('href')).toBe('options.html#jira');
  });

  it('tests a saved token at once and names whose it is', async () => {
    const { store, sent } = await open({ 'github/check-token': () => ({ ok: true, data: { login: 'alice', kind: 'fine-grained', warnings: [], expiresAt: '2027-01-31T09:00:00.000Z' } }) });
    saveToken();
    expect(await screen.findByText('Connected as @alice (fine-grained token, expires 2027-01-31).')).toBeTruthy();
    expect(store.setGithubToken).toHaveBeenCalledWith('github.com', TOKEN);
    expect(sent).toEqual([{ type: 'github/check-token', host: 'github.com' }]);
  });

  it('says GitHub’s reason when the token is refused', async () => {
    await open({ 'github/check-token': () => ({ ok: false, error: { code: 'unauthorized', message: 'GitHub refused the credentials (401). Check the token in FlowLens options.' } }) });
    saveToken();
    expect((await screen.findByTestId('token-check')).textContent).toBe('GitHub refused the credentials (401). Check the token in FlowLens options.');
  });

  it('adds the team’s repository from a pasted URL, cleaned and as GitHub names it', async () => {
    const { saved, sent } = await open({ 'github/check-repo': () => ({ ok: true, data: { fullName: 'octo-org/api', private: false } }) });
    addRepo('https://github.com/Octo-Org/api/pull/12');
    await waitFor(() => expect(saved.at(-1)?.team.githubRepos).toEqual(['octo-org/api']));
    expect(sent).toEqual([{ type: 'github/check-repo', host: 'github.com', owner: 'Octo-Org', repo: 'api' }]);
    expect((await screen.findByTestId('welcome-repo-status')).textContent).toBe('Added octo-org/api: its open pull requests and issues are your team’s.');
    expect(screen.getByRole('link', { name: 'octo-org/api: open pull requests' }).getAttribute('href')).toBe('https://github.com/octo-org/api/pulls');
    expect((screen.getByLabelText('Your team’s repository') as HTMLInputElement).value).toBe('');
  });

  it('refuses a repository GitHub does not have with GitHub’s answer, saving nothing', async () => {
    const refusal = 'GitHub says “Not Found” (404): there is no repository octo-org/apx, or it is private and the token cannot see it.';
    const { saved } = await open({ 'github/check-repo': () => ({ ok: false, error: { code: 'not-found', message: refusal } }) });
    addRepo('octo-org/apx');
    await waitFor(() => expect(screen.getByTestId('welcome-repo-error').textContent).toBe(refusal));
    expect(screen.getByLabelText('Your team’s repository').getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
  });

  it('refuses what names no repository without asking GitHub', async () => {
    const { sent, saved } = await open();
    addRepo('octo-org');
    await waitFor(() => expect(screen.getByTestId('welcome-repo-error').textContent).toBe('Enter a repository as owner/name, or paste its GitHub address.'));
    addRepo('https://ghe.corp.example/platform/core');
    await waitFor(() => expect(screen.getByTestId('welcome-repo-error').textContent).toBe('Add ghe.corp.example on the options page first, so FlowLens may read it.'));
    expect(sent).toEqual([]);
    expect(saved).toEqual([]);
  });
});
