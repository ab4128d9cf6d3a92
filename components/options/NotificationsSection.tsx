/**
 * Opt-in desktop notifications: turning them on asks the browser for the `notifications`
 * permission, inside the click (browsers only prompt from a user gesture).
 */
import { useState } from 'preact/hooks';
import type { Settings } from '../../lib/storage/settings';
import { CheckField, NumberField, Section } from './fields';
import type { OptionsStore, Save } from './types';

/** Props of the section. */
export interface NotificationsSectionProps {
  notifications: Settings['notifications'];
  store: Pick<OptionsStore, 'requestNotifications'>;
  save: Save;
}

/** The notifications section. */
export function NotificationsSection({ notifications, store, save }: NotificationsSectionProps) {
  const [error, setError] = useState('');
  const saveNotifications = (patch: Partial<Settings['notifications']>) => save((current) => ({ notifications: { ...current.notifications, ...patch } }));
  const toggle = (event: Event) => {
    const box = event.currentTarget as HTMLInputElement;
    if (!box.checked) return void saveNotifications({ enabled: false }).then((problem) => setError(problem ?? ''));
    // Asked first thing in the click: the browser refuses a prompt that is not.
    const asked = store.requestNotifications();
    void asked.then(
      async (granted) => {
        if (!granted) {
          box.checked = false;
          return setError('Notifications stay off: the browser’s permission was not given.');
        }
        setError((await saveNotifications({ enabled: true })) ?? '');
      },
      (problem: unknown) => {
        box.checked = false;
        setError(`Notifications stay off: ${problem instanceof Error ? problem.message : String(problem)}`);
      },
    );
  };
  return (
    <Section id="notifications" title="Notifications">
      <div class="check-field">
        <label class="check">
          <input id="notifications-enabled" type="checkbox" checked={notifications.enabled} onChange={toggle} aria-describedby="notifications-hint notifications-error" />
          <span>Tell me on the desktop when team work is stuck</span>
        </label>
        <p class="hint" id="notifications-hint">
          Off until you turn it on; the browser asks for its permission then.
        </p>
        <p id="notifications-error" class="error" aria-live="polite">
          {error}
        </p>
      </div>
      <NumberField
        id="notify-hours"
        label="When a team item has been blocked longer than (hours)"
        value={notifications.blockedLongerThanHours}
        min={1}
        max={24 * 365}
        onSave={(blockedLongerThanHours) => saveNotifications({ blockedLongerThanHours })}
      />
      <CheckField id="notify-upstream" label="When an upstream blocker of one of my items is resolved" checked={notifications.upstreamResolved} onSave={(upstreamResolved) => saveNotifications({ upstreamResolved })} />
    </Section>
  );
}
