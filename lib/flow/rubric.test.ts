import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haveShared, sharedPath, sharedTitle } from '../../tests/support/shared';
import { levelName, RUBRIC, skillTag, SUCCESS_STORY } from './rubric';
import { DEFAULT_RULES } from './rules';

const RUBRIC_PART = 'seeds/flow-rubric.txt';
const RUBRIC_FILE = sharedPath(RUBRIC_PART);

/** The rubric file's skills as [level, text], read the way the file is laid out: "P2 |", then "- skill" lines. */
function skillsInFile(text: string): [string, string][] {
  let level = '';
  return text.split('\n').flatMap((line): [string, string][] => {
    const heading = /^(P[1-4]) \|/.exec(line);
    if (heading) level = heading[1]!;
    return line.startsWith('- ') && level ? [[level, line.slice(2).trim()]] : [];
  });
}

describe('the rubric as data', () => {
  it.skipIf(!haveShared(RUBRIC_PART))(sharedTitle('has every skill of the rubric file, word for word, at its level, and its success story', RUBRIC_PART), () => {
    const text = readFileSync(RUBRIC_FILE, 'utf8');
    expect(RUBRIC.map((s) => [s.level, s.text])).toEqual(skillsInFile(text));
    expect(text).toContain(SUCCESS_STORY);
  });

  it('is cited by every default rule, at every level from P1 to P4', () => {
    const ids = new Set(RUBRIC.map((s) => s.id));
    expect(DEFAULT_RULES.filter((rule) => !ids.has(rule.skillId)).map((r) => r.id)).toEqual([]);
    const levels = new Set(DEFAULT_RULES.map((rule) => RUBRIC.find((s) => s.id === rule.skillId)!.level));
    expect([...levels].sort()).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(new Set(DEFAULT_RULES.map((r) => r.id)).size).toBe(DEFAULT_RULES.length);
  });
});

describe('the rubric in words', () => {
  it('names each level as a level, never as a bare P-number that reads as a Jira priority', () => {
    expect((['P1', 'P2', 'P3', 'P4'] as const).map(levelName)).toEqual(['Level 1', 'Level 2', 'Level 3', 'Level 4']);
  });

  it('tags a move with its level and the skill’s short name, each name short and its own', () => {
    expect(skillTag('p2-blockers', 'P2')).toBe('Level 2 · Cognizant of blockers');
    expect(skillTag('p4-integrations', 'P4')).toBe('Level 4 · Coordinates integrations across teams');
    expect(skillTag('not-a-skill', 'P3')).toBe('Level 3');
    expect(new Set(RUBRIC.map((s) => s.name)).size).toBe(RUBRIC.length);
    for (const s of RUBRIC) expect(s.name.length, s.id).toBeLessThanOrEqual(40);
  });
});
