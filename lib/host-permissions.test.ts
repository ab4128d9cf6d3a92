import { describe, expect, it } from 'vitest';
import { grantedByManifest } from './host-permissions';

const manifest = ['https://github.com/*', 'https://api.github.com/*', 'https://*.atlassian.net/*'];

describe('grantedByManifest', () => {
  it('knows the hosts the manifest grants', () => {
    expect(grantedByManifest('acme.atlassian.net', manifest)).toBe(true);
    expect(grantedByManifest('github.com', manifest)).toBe(true);
  });

  it('asks for everything else, look-alikes included', () => {
    expect(grantedByManifest('jira.corp.example', manifest)).toBe(false);
    expect(grantedByManifest('evilatlassian.net', manifest)).toBe(false);
    expect(grantedByManifest('github.com.evil.example', manifest)).toBe(false);
  });
});
