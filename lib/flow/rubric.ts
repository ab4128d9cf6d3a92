/**
 * The engineering rubric on "flow" as data, each skill word for word as the rubric writes it
 * (rubric.test.ts compares them with the rubric's own text where the shared data is at hand:
 * docs/ARCHITECTURE.md, "Tests and shared data"). Moves cite a skill by id, and show its level
 * and words.
 */

/** A rubric level. */
export type Level = 'P1' | 'P2' | 'P3' | 'P4';

/** One skill of the rubric. */
export interface Skill {
  id: string;
  /** A few words for the skill where the whole sentence does not fit (a tag, a legend). */
  name: string;
  level: Level;
  text: string;
}

/** The rubric's own example of success. */
export const SUCCESS_STORY =
  'An investigation in your backlog has been blocked for days. Your teammates have made a valiant effort, but no one has found a way forward. You find a way to implement the feature without needing the blocking dependency. You outline a plan for integrating the dependency once it’s ready, and talk to the upstream team to finalize it.';

/** Every skill, by level, in the rubric's order. */
export const RUBRIC: readonly Skill[] = [
  { id: 'p1-learning-flow', name: 'Learning how work flows', level: 'P1', text: "Is learning about how their team's artifacts flow to the customer (eg: release process, CI pipelines, dependencies)" },
  { id: 'p2-symptoms', name: 'Recognises symptoms of reduced flow', level: 'P2', text: 'Recognizes symptoms of reduced flow on their team (eg: persistently red CI, flaky tests, manual release process)' },
  { id: 'p2-blockers', name: 'Cognizant of blockers', level: 'P2', text: 'Cognizant of blockers (eg: blocked stories, CI, releases) and work with the team to unblock them' },
  { id: 'p2-modify-process', name: 'Fixes flow pain with process or tools', level: 'P2', text: 'Resolves flow-related pain using modifications to existing process or tools' },
  { id: 'p3-surface', name: 'Surfaces reduced flow', level: 'P3', text: 'Recognizes when and why team has reduced flow; surfaces the feedback to team leadership and at team retros' },
  { id: 'p3-customer-impact', name: 'Frames flow as customer impact', level: 'P3', text: 'Frames symptoms of reduced flow in terms of customer impact' },
  { id: 'p3-integrate-upstream', name: 'Integrates upstream dependencies', level: 'P3', text: "Can smoothly integrate upstream depedencies into team's work with little impact to team's rate of delivery" },
  { id: 'p3-communicate', name: 'Communicates so as not to block others', level: 'P3', text: 'Ensures that their team is communicating clearly so as to avoid blocking others when possible' },
  { id: 'p3-adapt-volume', name: 'Adapts to changing volumes of work', level: 'P3', text: 'Adapts to changes in volumes of prioritized work so as to enable smooth delivery (eg: can work with PM to plan for tracks that can be parallelized, or unified to increase/decrease throughput)' },
  { id: 'p3-release-process', name: 'Evolves the release process', level: 'P3', text: "Reflects on a team's release process and continually evolves it to improve flow over time" },
  { id: 'p3-breaking-changes', name: 'Explains the impact of breaking changes', level: 'P3', text: 'Can articulate the impact of breaking changes to downstream teams and to customers' },
  { id: 'p3-break-out', name: 'Breaks out of tools and processes', level: 'P3', text: 'Breaks out of the existing tools or processes when necessary, to reframe and fix a flow issue' },
  { id: 'p4-systemic', name: 'Recognises systemic bottlenecks', level: 'P4', text: 'Recognizes systemic bottlenecks in delivering value to customers' },
  { id: 'p4-feedback', name: 'Builds feedback on flow', level: 'P4', text: 'Can identify and implement processes that provide the team ongoing feedback on flow' },
  { id: 'p4-intervene', name: 'Addresses systemic bottlenecks', level: 'P4', text: 'Intervenes to address systemic bottlenecks in delivering value to customers, using a variety of skill areas (e.g. technical execution/process)' },
  { id: 'p4-share-context', name: 'Shares context to unblock teams', level: 'P4', text: 'Has knowledge of flow across the organization, and proactively shares context to unblock teams.' },
  { id: 'p4-engineering', name: 'Engineers flow, not toil', level: 'P4', text: 'Applies engineering principles (rather than manual processes/toil) to improve flow' },
  { id: 'p4-integrations', name: 'Coordinates integrations across teams', level: 'P4', text: 'Can coordinate, execute, deliver to customer on complex integrations amongst multiple teams' },
];

const BY_ID = new Map(RUBRIC.map((skill) => [skill.id, skill]));

/** The skill with `id`, if the rubric has it. */
export function skill(id: string): Skill | undefined {
  return BY_ID.get(id);
}

/** A level in words: "Level 2". A bare "P2" reads as a Jira priority to most people. */
export function levelName(level: Level): string {
  return `Level ${level.slice(1)}`;
}

/** A move's rubric tag in words: "Level 2 · Cognizant of blockers"; the level alone for an unknown skill. */
export function skillTag(skillId: string, level: Level): string {
  const cited = skill(skillId);
  return cited ? `${levelName(cited.level)} · ${cited.name}` : levelName(level);
}
