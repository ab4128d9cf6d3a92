/**
 * Which of the user's Jira sites a Jira key named on GitHub belongs to: the one site whose own
 * project list has the key's project (issue 13: each key is asked only of the site it belongs
 * to, never of the first site for everything). A project that no site lists, or that two of
 * the user's sites list, is asked of none: FlowLens does not guess, and a site cannot draw
 * another site's keys to itself by claiming its project. Each list is what the site shows the
 * user (lib/providers/jira/projects.ts), kept in the cache for a day; a list that could not be
 * read is asked again after the item time-to-live.
 */
import * as v from 'valibot';
import type { FlowError } from '../flow-error';
import type { ProjectList } from '../providers/jira/projects';
import type { FlowCache } from '../storage/cache';
import { DAY } from '../flow/time';

/** What the lists need from the background. */
export interface ProjectListsDeps {
  cache: () => Promise<FlowCache>;
  now: () => number;
  /** Asks a site for the projects the user can browse there. */
  readProjects: (site: string) => Promise<ProjectList | FlowError>;
}

/** The sites' lists, and the sites that have none yet (worth a refresh). */
export interface SiteProjects {
  bySite: Map<string, ProjectList>;
  missing: string[];
}

const stored = v.object({ keys: v.array(v.string()), complete: v.boolean() });
/** Cache kind `user`: what the user can reach on a host, not an item. */
const cacheKey = (site: string) => `jira-projects:${site}`;

/** The one site whose list has `issueKey`'s project, or `undefined` when none or several do. */
export function siteFor(issueKey: string, bySite: ReadonlyMap<string, ProjectList>): string | undefined {
  const project = issueKey.slice(0, issueKey.lastIndexOf('-'));
  const sites = [...bySite].filter(([, list]) => list.keys.includes(project)).map(([site]) => site);
  return sites.length === 1 ? sites[0] : undefined;
}

/** Creates the lists, with their memory of sites that would not list their projects. */
export function createProjectLists(deps: ProjectListsDeps) {
  const failedUntil = new Map<string, number>();

  async function cached(sites: string[]): Promise<Map<string, { list: ProjectList; fresh: boolean }>> {
    const hits = await (await deps.cache()).read<unknown>('user', sites.map(cacheKey), deps.now(), DAY);
    return new Map(sites.flatMap((site) => {
      const hit = hits.get(cacheKey(site));
      if (!hit) return [];
      const parsed = v.safeParse(stored, hit.value);
      return parsed.success ? [[site, { list: parsed.output, fresh: hit.fresh }] as const] : [];
    }));
  }

  /**
   * The project lists of `sites`: from the cache at any age, and read from each site whose
   * list is missing or a day old when `allowFetch`.
   */
  async function lists(sites: string[], allowFetch: boolean, retryAfter: number): Promise<SiteProjects> {
    const known = await cached(sites);
    const bySite = new Map([...known].map(([site, { list }]) => [site, list]));
    const due = sites.filter((site) => !known.get(site)?.fresh && (failedUntil.get(site) ?? 0) <= deps.now());
    if (allowFetch && due.length > 0) {
      const read = await Promise.all(due.map(async (site) => [site, await deps.readProjects(site)] as const));
      const good = read.flatMap(([site, list]) => ('keys' in list ? [{ site, list }] : []));
      for (const [site, list] of read) if (!('keys' in list)) failedUntil.set(site, deps.now() + retryAfter);
      for (const { site, list } of good) bySite.set(site, list);
      await (await deps.cache()).write('user', good.map(({ site, list }) => ({ key: cacheKey(site), value: list })), deps.now());
    }
    return { bySite, missing: sites.filter((site) => !bySite.has(site) && (failedUntil.get(site) ?? 0) <= deps.now()) };
  }

  return { lists };
}
