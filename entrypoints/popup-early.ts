// Runs in the popup's head, before its modules load: starts the two reads the first paint needs.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPopupReads } from '@/lib/team/popup-start';

export default defineUnlistedScript(() => {
  startPopupReads();
});
