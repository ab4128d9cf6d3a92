/**
 * Which anchors are near enough to the viewport to be worth a badge (issue 17): within about a
 * screen of it, in any direction. A board of 5,000 cards gets badges on the few dozen the user
 * can reach at once; the rest get theirs as they come near. Data is still read page-wide; only
 * painting waits. An IntersectionObserver does the watching, so no scroll handler runs on the
 * page and a far anchor costs nothing until it comes near.
 */

/** How far beyond the viewport counts as near: one viewport's width and height on every side. */
export const NEAR_MARGIN = '100%';

/** Watches anchors and says when each comes near the viewport. */
export interface NearWatch {
  /** Starts watching `anchor`; `onNear` is called when it is (or comes) near. */
  watch(anchor: Element): void;
  /** Stops watching `anchor` (its badge is mounted, or it left the page). */
  unwatch(anchor: Element): void;
  /** Whether `anchor` was near at the last report. */
  isNear(anchor: Element): boolean;
  /** Resolves once every anchor watched so far has been reported on, near or not, at least once. */
  settled(): Promise<void>;
  /** Stops watching everything. */
  disconnect(): void;
}

/** Makes a watch that reports anchors coming near to `onNear`. */
export type WatchNear = (onNear: (anchors: Element[]) => void) => NearWatch;

/**
 * Anchors are watched in groups of this many, in the order they are watched (the page's
 * order): neighbours on the page, a run of a list or of a board's column.
 */
export const GROUP_SIZE = 24;

/**
 * How far from the viewport a group's scouts (its first, middle and last anchors) tell that the
 * group may hold a near anchor: three viewports on every side. In a run of the page, every
 * anchor is within a quarter of its group from a scout: six cards. So a near anchor (within one
 * viewport) has a scout within three as long as six cards are no taller than two viewports (320
 * px each on a screen 960 px tall).
 */
export const SCOUT_MARGIN = '300%';

/** Anchors watched together, and what their scouts last told. */
interface Group {
  /** Watched anchors of the group. */
  members: Set<Element>;
  /** Anchors whose intersection with SCOUT_MARGIN stands for the group's; whether each was within it at its last report. */
  scouts: Map<Element, boolean | undefined>;
  /** Whether the near observer watches the group's members now. */
  close: boolean;
}

/**
 * The real watch: an IntersectionObserver on the viewport with one screen of margin. An anchor
 * with no box (hidden) is not near; one that scrolls into reach is reported in the observer's
 * next notification, after layout, without a synchronous layout of ours.
 *
 * The browser works out every observed target's intersection again in each frame that scrolls
 * or lays out, so watching each of a 5,000-card board's anchors cost about 20 ms of every such
 * frame. So anchors are watched in groups (GROUP_SIZE): a group's three scouts are watched with
 * three screens of margin, and its anchors one by one only while a scout is that near (or one of
 * them is near): a few groups' worth, not the whole board. A new group is watched whole until
 * its scouts first report, so the page's first layout says at once which anchors are near.
 */
export const intersectionNear: WatchNear = (onNear) => new GroupedNear(onNear);

/** The grouped watch behind `intersectionNear`. */
class GroupedNear implements NearWatch {
  private readonly near = new WeakSet<Element>();
  private readonly groupOf = new Map<Element, Group>();
  private readonly scouted = new Map<Element, Group>();
  /**
   * Anchors and scouts the observers have not reported on yet (each reports a new target, near
   * or not, in its next notification); `waiting` waits for them all.
   */
  private readonly unreported = new Set<Element>();
  private waiting: (() => void)[] = [];
  /** The group anchors watched in this task join; its scouts are chosen once the task ends. */
  private filling: Group | undefined;
  private readonly observer: IntersectionObserver;
  private readonly scouts: IntersectionObserver;

  constructor(private readonly onNear: (anchors: Element[]) => void) {
    this.observer = new IntersectionObserver((entries) => this.told(entries), { rootMargin: NEAR_MARGIN });
    this.scouts = new IntersectionObserver((entries) => this.scoutsTold(entries), { rootMargin: SCOUT_MARGIN });
  }

  watch(anchor: Element): void {
    if (this.groupOf.has(anchor)) return;
    // A badge's anchor watched again (its badge gone far) joins a new group and scouts no more for its old one.
    const scouting = this.scouted.get(anchor);
    if (scouting) this.replaceScout(scouting, anchor);
    if (!this.filling) {
      this.filling = { members: new Set(), scouts: new Map(), close: true };
      queueMicrotask(() => this.closeFilling());
    }
    this.filling.members.add(anchor);
    this.groupOf.set(anchor, this.filling);
    this.observeClose(anchor);
    if (this.filling.members.size >= GROUP_SIZE) this.closeFilling();
  }

  unwatch(anchor: Element): void {
    const group = this.groupOf.get(anchor);
    this.stopClose(anchor);
    if (group) {
      this.groupOf.delete(anchor);
      group.members.delete(anchor);
      // A group with no anchor left to watch needs no scouts; a scout still on the page keeps
      // telling for the rest of its group.
      if (group.members.size === 0 && group !== this.filling) for (const scout of [...group.scouts.keys()]) this.dropScout(group, scout);
    }
    this.settle();
  }

  isNear(anchor: Element): boolean {
    return this.near.has(anchor);
  }

  settled(): Promise<void> {
    return this.unreported.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  disconnect(): void {
    this.observer.disconnect();
    this.scouts.disconnect();
    this.groupOf.clear();
    this.scouted.clear();
    this.unreported.clear();
    this.filling = undefined;
    this.settle();
  }

  /** The near observer's report: anchors come near are told, and groups with an anchor gone far are looked at again. */
  private told(entries: IntersectionObserverEntry[]): void {
    const came: Element[] = [];
    const far = new Set<Group>();
    for (const entry of entries) {
      this.unreported.delete(entry.target);
      if (entry.isIntersecting) {
        if (!this.near.has(entry.target)) came.push(entry.target);
        this.near.add(entry.target);
      } else {
        this.near.delete(entry.target);
        const group = this.groupOf.get(entry.target);
        if (group) far.add(group);
      }
    }
    for (const group of far) this.review(group);
    this.settle();
    if (came.length > 0) this.onNear(came);
  }

  /** The scouts' report: each group told of is watched anchor by anchor, or not, as it may now hold a near anchor. */
  private scoutsTold(entries: IntersectionObserverEntry[]): void {
    const told = new Set<Group>();
    for (const entry of entries) {
      const group = this.scouted.get(entry.target);
      if (!group) continue;
      this.unreported.delete(entry.target);
      // A scout with no box (hidden: a collapsed swimlane, a filtered card) tells nothing of
      // where the rest of its group is: while it has none, the group's anchors are watched.
      group.scouts.set(entry.target, hasBox(entry) ? entry.isIntersecting : undefined);
      told.add(group);
      // A scout the page removed tells nothing more.
      if (!entry.target.isConnected) this.replaceScout(group, entry.target);
    }
    for (const group of told) this.review(group);
    this.settle();
  }

  /**
   * Whether the group may hold a near anchor: a scout within its margin or not reported on yet,
   * or an anchor near now or not reported on yet (a group taller than its scouts' margin).
   */
  private mayBeNear(group: Group): boolean {
    return [...group.scouts.values()].some((within) => within !== false) || [...group.members].some((anchor) => this.near.has(anchor) || this.unreported.has(anchor));
  }

  /** Watches the group's anchors one by one, or stops, as it may hold a near anchor or not. */
  private review(group: Group): void {
    const wanted = this.mayBeNear(group);
    if (wanted === group.close) return;
    group.close = wanted;
    for (const anchor of group.members) {
      if (wanted) this.observeClose(anchor);
      else this.stopClose(anchor);
    }
  }

  /** The group filled in this task is full, or the task has ended: its scouts are its first, middle and last anchors. */
  private closeFilling(): void {
    const group = this.filling;
    this.filling = undefined;
    if (!group) return;
    const members = [...group.members];
    for (const anchor of new Set([members[0], members[members.length >> 1], members.at(-1)])) if (anchor) this.addScout(group, anchor);
  }

  private observeClose(anchor: Element): void {
    this.unreported.add(anchor);
    this.observer.observe(anchor);
  }

  private stopClose(anchor: Element): void {
    this.observer.unobserve(anchor);
    this.unreported.delete(anchor);
    this.near.delete(anchor);
  }

  private addScout(group: Group, anchor: Element): void {
    group.scouts.set(anchor, undefined);
    this.scouted.set(anchor, group);
    this.unreported.add(anchor);
    this.scouts.observe(anchor);
  }

  private dropScout(group: Group, anchor: Element): void {
    group.scouts.delete(anchor);
    this.scouted.delete(anchor);
    this.unreported.delete(anchor);
    this.scouts.unobserve(anchor);
  }

  /**
   * Another of the group's anchors on the page takes a scout's place (a group that still has
   * anchors to watch always has a scout: none of them scouts for another group).
   */
  private replaceScout(group: Group, anchor: Element): void {
    this.dropScout(group, anchor);
    const next = [...group.members].find((member) => member.isConnected && !group.scouts.has(member));
    if (next) this.addScout(group, next);
  }

  /** Resolves those waiting once every watched anchor and scout has been reported on. */
  private settle(): void {
    if (this.unreported.size > 0 || this.waiting.length === 0) return;
    const done = this.waiting;
    this.waiting = [];
    for (const resolve of done) resolve();
  }
}

/** Whether the target of `entry` has a box on the page: a hidden one's rectangle is empty. */
function hasBox({ boundingClientRect: box }: IntersectionObserverEntry): boolean {
  return box.width > 0 || box.height > 0;
}

/** A watch for which every anchor is near at once: where there is no IntersectionObserver (and in unit tests of other things). */
export const everywhereNear: WatchNear = () => ({
  watch: () => {},
  unwatch: () => {},
  isNear: () => true,
  settled: () => Promise.resolve(),
  disconnect: () => {},
});

/**
 * How far beyond the viewport a mounted badge may go before it is taken off the page again:
 * three viewports on every side. Further than NEAR_MARGIN, so a badge is not mounted and taken
 * off in turn while the user scrolls to and fro; near enough that a long board holds only the
 * badges of a few screens, not one per card it was scrolled through.
 */
export const FAR_MARGIN = '300%';

/** Watches mounted badges' anchors and says when one has gone far from the viewport. */
export interface FarWatch {
  watch(anchor: Element): void;
  unwatch(anchor: Element): void;
  disconnect(): void;
}

/** Makes a watch that reports anchors gone far to `onFar`. */
export type WatchFar = (onFar: (anchors: Element[]) => void) => FarWatch;

/** The real watch: an IntersectionObserver with FAR_MARGIN; an anchor with no box (hidden) is far too. */
export const intersectionFar: WatchFar = (onFar) => {
  const observer = new IntersectionObserver(
    (entries) => {
      const gone = entries.filter((entry) => !entry.isIntersecting).map((entry) => entry.target);
      if (gone.length > 0) onFar(gone);
    },
    { rootMargin: FAR_MARGIN },
  );
  return { watch: (anchor) => observer.observe(anchor), unwatch: (anchor) => observer.unobserve(anchor), disconnect: () => observer.disconnect() };
};

/** A watch for which no anchor ever goes far: where there is no IntersectionObserver (and in unit tests of other things). */
export const nowhereFar: WatchFar = () => ({ watch: () => {}, unwatch: () => {}, disconnect: () => {} });
