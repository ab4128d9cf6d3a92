/** What counts as blocked: GitHub labels, Jira statuses and Jira link names. */
import type { Settings } from '../../lib/storage/settings';
import { ListField, Section } from './fields';
import type { Save } from './types';

/** Props of the section. */
export interface BlockingSectionProps {
  settings: Pick<Settings, 'blockingLabels' | 'blockedStatuses' | 'blockedByLinks'>;
  save: Save;
}

/** The blocked-signals section. */
export function BlockingSection({ settings, save }: BlockingSectionProps) {
  return (
    <Section id="signals" title="What counts as blocked">
      <p>Names are matched without regard to case.</p>
      <ListField id="blocking-labels" label="GitHub labels that mean blocked, one per line" value={settings.blockingLabels} onSave={(blockingLabels) => save({ blockingLabels })} />
      <ListField id="blocked-statuses" label="Jira statuses that mean blocked, one per line" value={settings.blockedStatuses} onSave={(blockedStatuses) => save({ blockedStatuses })} />
      <ListField
        id="blocked-by-links"
        label="Jira link names that mean “is blocked by”, one per line"
        hint="The inward description of the link type, as Jira shows it on the blocked issue."
        value={settings.blockedByLinks}
        onSave={(blockedByLinks) => save({ blockedByLinks })}
      />
    </Section>
  );
}
