import { knowsLeader, type RaftView } from './raft-view.ts';

export interface StuckOptions {
  /**
   * How long a live orderer may know no leader while another orderer leads (or not answer its
   * operations endpoint at all) before it counts as stuck: well past an election timeout (5 to 10 s
   * here, channel-config.ts) and a restart's catching up.
   */
  leaderlessMs: number;
  /** How long it may stay behind the others, its ledger not growing while theirs grows. */
  behindMs: number;
  /** After a restart, how long it is left alone to rejoin and catch up. */
  graceMs: number;
}

export const STUCK_ORDERER: StuckOptions = { leaderlessMs: 20_000, behindMs: 30_000, graceMs: 60_000 };

/** One orderer at one round of the watch: whether its process lives, and its Raft view if it answered. */
export interface OrdererObservation {
  name: string;
  alive: boolean;
  view: RaftView | undefined;
}

export interface StuckOrderer {
  name: string;
  reason: string;
}

interface Track {
  lostSince?: number;
  behind?: { since: number; height: number; others: number };
  graceUntil?: number;
}

/**
 * Tells, round after round, which orderers are up but stuck and need a restart: an orderer that
 * knows no Raft leader while another one leads, or whose operations endpoint went silent while its
 * process lives (hung), for `leaderlessMs`; or one whose ledger stayed behind the others' for
 * `behindMs` without growing while theirs grew. An orderer that knows no leader because no one
 * leads (the others are down: no quorum) is waited for; restarting it would not help. Dead ones are
 * the watch's ordinary restarts, not this.
 */
export class StuckOrdererCheck {
  readonly #options: StuckOptions;
  readonly #tracks = new Map<string, Track>();

  constructor(options: StuckOptions = STUCK_ORDERER) {
    this.#options = options;
  }

  /** Feeds one round seen at `now`; returns the orderers to restart, each with why. */
  observe(now: number, orderers: readonly OrdererObservation[]): StuckOrderer[] {
    const stuck: StuckOrderer[] = [];
    for (const orderer of orderers) {
      const others = orderers.filter((other) => other !== orderer && other.alive && other.view);
      const reason = this.#judge(now, orderer, others);
      if (reason !== undefined) stuck.push({ name: orderer.name, reason });
    }
    return stuck;
  }

  /** The orderer was restarted at `now`: its grace period starts. */
  restarted(name: string, now: number): void {
    this.#tracks.set(name, { graceUntil: now + this.#options.graceMs });
  }

  #judge(now: number, orderer: OrdererObservation, others: OrdererObservation[]): string | undefined {
    const track = this.#tracks.get(orderer.name) ?? {};
    this.#tracks.set(orderer.name, track);
    if (!orderer.alive || (track.graceUntil !== undefined && now < track.graceUntil)) {
      this.#tracks.set(orderer.name, { graceUntil: track.graceUntil });
      return undefined;
    }
    return this.#leaderless(now, orderer, others, track) ?? this.#behind(now, orderer, others, track);
  }

  #leaderless(
    now: number,
    { view }: OrdererObservation,
    others: OrdererObservation[],
    track: Track,
  ): string | undefined {
    const leader = others.find((other) => other.view?.isLeader)?.name;
    const silent = view === undefined;
    if (!silent && (knowsLeader(view) || leader === undefined)) {
      track.lostSince = undefined;
      return undefined;
    }
    track.lostSince ??= now;
    const seconds = Math.round((now - track.lostSince) / 1000);
    if (now - track.lostSince < this.#options.leaderlessMs) return undefined;
    return silent
      ? `its operations endpoint has not answered for ${seconds}s while its process runs`
      : `it has known no Raft leader for ${seconds}s while ${leader ?? 'another orderer'} leads`;
  }

  #behind(
    now: number,
    { view }: OrdererObservation,
    others: OrdererObservation[],
    track: Track,
  ): string | undefined {
    const highest = Math.max(...others.map((other) => other.view?.height ?? 0));
    if (view === undefined || view.height >= highest) {
      track.behind = undefined;
      return undefined;
    }
    // Behind but catching up (its own ledger grew) is not stuck: the window starts again.
    if (track.behind === undefined || view.height > track.behind.height) {
      track.behind = { since: now, height: view.height, others: highest };
      return undefined;
    }
    const seconds = Math.round((now - track.behind.since) / 1000);
    if (now - track.behind.since < this.#options.behindMs || highest <= track.behind.others) return undefined;
    return `its ledger has stayed at height ${view.height} for ${seconds}s while the others grew to ${highest}`;
  }
}
