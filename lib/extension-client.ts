/** The typed background client for extension pages and content scripts (one place for sendMessage). */
import { browser } from 'wxt/browser';
import { createClient, type Client } from './client';

/** The client over `runtime.sendMessage`. */
export function extensionClient(): Client {
  return createClient((message) => browser.runtime.sendMessage(message));
}
