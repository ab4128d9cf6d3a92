import { defineWebExtConfig } from 'wxt';

// `wxt dev` would open a browser; the README's `npm run demo` drives one instead, so never here.
export default defineWebExtConfig({ disabled: true });
