/**
 * Watches the page for added and removed elements and hands them over in batches, so a page that
 * renders a hundred rows in a hundred mutations costs one scan of the new rows, never a rescan of
 * the whole page. Observes <html>, not <body>, because Turbo navigation replaces <body> itself.
 */

/** What changed since the last batch. */
export interface AdditionBatch {
  added: Element[];
  removedSomething: boolean;
}

/**
 * Starts observing; returns a function that stops. Mutations are handed over in the next task
 * (`delayMs` 0): a framework's render, one task, arrives as one batch, and badges whose items are
 * known paint within a few milliseconds. Network requests are coalesced apart, in the badge layer.
 */
export function observeAdditions(
  root: Element,
  onBatch: (batch: AdditionBatch) => void,
  options: { ignore: string; delayMs?: number },
): () => void {
  let added = new Set<Element>();
  let removedSomething = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    // A subtree added inside another added subtree is scanned with it: skip it.
    const within = (element: Element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) if (added.has(parent)) return true;
      return false;
    };
    const batch = { added: [...added].filter((element) => element.isConnected && !within(element)), removedSomething };
    added = new Set();
    removedSomething = false;
    onBatch(batch);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && node.localName !== options.ignore) added.add(node);
      }
      if (record.removedNodes.length > 0) removedSomething = true;
    }
    if ((added.size > 0 || removedSomething) && timer === undefined) timer = setTimeout(flush, options.delayMs ?? 0);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
