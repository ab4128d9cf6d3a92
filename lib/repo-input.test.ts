import { describe, expect, it } from 'vitest';
import { cleanRepoInput } from './repo-input';

const entry = (text: string) => {
  const cleaned = cleanRepoInput(text);
  return 'entry' in cleaned ? cleaned.entry : cleaned.error;
};

describe('cleanRepoInput', () => {
  it('cleans what people paste to owner/repo', () => {
    expect(entry('https://github.com/octo-org/api/pull/12')).toBe('octo-org/api');
    expect(entry('github.com/octo-org/api.git')).toBe('octo-org/api');
    expect(entry('octo-org/api')).toBe('octo-org/api');
    expect(entry('  https://github.com/octo-org/api  ')).toBe('octo-org/api');
    expect(entry('https://github.com/octo-org/api/')).toBe('octo-org/api');
    expect(entry('https://github.com/octo-org/api/blob/main/README.md#setup')).toBe('octo-org/api');
    expect(entry('https://github.com/octo-org/api?tab=readme')).toBe('octo-org/api');
    expect(entry('git@github.com:octo-org/api.git')).toBe('octo-org/api');
    expect(entry('HTTPS://GitHub.com/Octo-Org/API')).toBe('Octo-Org/API');
  });

  it('keeps an Enterprise Server host, with its port', () => {
    expect(cleanRepoInput('https://ghe.corp.example/platform/core/pulls')).toEqual({ host: 'ghe.corp.example', owner: 'platform', repo: 'core', entry: 'ghe.corp.example/platform/core' });
    expect(entry('ghe.corp.example:8443/platform/core')).toBe('ghe.corp.example:8443/platform/core');
  });

  it('says why when the text names no repository', () => {
    const refusal = 'Enter a repository as owner/name, or paste its GitHub address.';
    for (const text of ['', 'octo-org', 'https://github.com/octo-org', 'github.com', 'not a repo', 'octo org/api', 'octo-org/..']) expect(entry(text)).toBe(refusal);
  });
});
