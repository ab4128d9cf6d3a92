/**
 * The optional `notifications` permission (optional_permissions in the manifest): desktop
 * notifications are opt-in, asked for from the options page's click.
 */
import { browser } from 'wxt/browser';

/** Asks for the permission; must be called first thing in a click handler (nothing awaited before). */
export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['notifications'] });
}

/** Whether the user granted it. */
export function hasNotifications(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['notifications'] });
}
