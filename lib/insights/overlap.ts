import { DIMENSION_INDEX, INSIGHT_DIMENSIONS, type InsightDimension, segmentDimensions } from "./dimensions";
import type { SegmentStats } from "./types";

/**
 * The segment algebra the attribution step needs, computed once from the aggregated segments:
 *
 * - implications found in the data: value a implies value b when the pair (a, b) holds exactly as
 *   many sessions as a alone (an app version shipped only on web implies web; a CDN PoP implies
 *   its country; "iOS 15.3" implies iOS). A pair whose one side implies the other is the same set
 *   of sessions as that side, so it is never tested separately ("redundant");
 * - the expected mass of the intersection of two segments, used to move one finding's excess out
 *   of every segment that overlaps it. Exact when the intersection is itself a segment of at most
 *   two conditions; otherwise estimated by conditional independence given the conditions the two
 *   share (Q): mass(S and T) ~ mass(S) x mass(T) / mass(Q). Zero when they contradict each other
 *   (two values of one dimension, also through implications) or when a pair of their conditions
 *   never occurs together.
 *
 * Hot path (called for every candidate after every pick): typed arrays, no allocation.
 */

const NONE = -1;
const DIMS = INSIGHT_DIMENSIONS.length;

export type SegmentIndexOptions = {
  /** Dimension pairs whose segments may be missing from the input because of a support floor. */
  incompletePairs?: (a: InsightDimension, b: InsightDimension) => boolean;
};

export class SegmentIndex {
  readonly stats: readonly SegmentStats[];
  readonly totalSessions: number;
  /** 1 for segments that are the same set of sessions as a smaller segment (or all sessions). */
  readonly redundant: Uint8Array;
  private readonly k: number;
  private readonly conditionDim: Int32Array;
  /** Direct conditions of each segment (second is -1 for one-dimension segments). */
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  /** Per segment x dimension: the condition fixed directly or by implication, or -1. */
  private readonly closure: Int32Array;
  /** What each condition implies, as lists: impliedList[impliedStart[a] .. impliedStart[a + 1]). */
  private readonly impliedStart: Int32Array;
  private readonly impliedList: Int32Array;
  private readonly lookup = new Map<number, number>();
  /** Condition id of each "dimension=value" seen in the segments. */
  private readonly conditionIds = new Map<string, number>();
  private readonly incompleteDims: Uint8Array;
  /** For each one-dimension segment: its two-dimension extensions, keyed by the added dimension. */
  private readonly extensionsOf = new Map<number, Map<number, number[]>>();
  /** For each two-dimension segment: its one-dimension parents (absent ones are -1). */
  private readonly parentsOf: Int32Array;
  private readonly scratch = new Int32Array(DIMS + 4);
  /** Whether the last overlapMass() was an exact segment (true) or an estimate (false). */
  lastExact = true;
  private readonly kept = new Int32Array(DIMS + 4);

  constructor(stats: readonly SegmentStats[], totalSessions: number, options: SegmentIndexOptions = {}) {
    this.stats = stats;
    this.totalSessions = totalSessions;
    const ids = this.conditionIds;
    const dims: number[] = [];
    const idOf = (d: InsightDimension, v: string) => {
      const key = `${d}=${v}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = dims.length;
        ids.set(key, id);
        dims.push(DIMENSION_INDEX[d]);
      }
      return id;
    };
    const count = stats.length;
    this.first = new Int32Array(count).fill(NONE);
    this.second = new Int32Array(count).fill(NONE);
    stats.forEach((s, i) => {
      const ds = segmentDimensions(s.segment);
      if (ds.length < 1 || ds.length > 2)
        throw new Error(`segments have one or two dimensions, got ${ds.length}`);
      this.first[i] = idOf(ds[0]!, s.segment[ds[0]!]!);
      if (ds[1]) this.second[i] = idOf(ds[1], s.segment[ds[1]]!);
    });
    this.k = dims.length + 1;
    this.conditionDim = Int32Array.from(dims);
    for (let i = 0; i < count; i++) this.lookup.set(this.code(this.first[i]!, this.second[i]!), i);

    this.incompleteDims = new Uint8Array(DIMS * DIMS);
    const incomplete = options.incompletePairs ?? (() => false);
    INSIGHT_DIMENSIONS.forEach((a, i) => {
      INSIGHT_DIMENSIONS.forEach((b, j) => {
        this.incompleteDims[i * DIMS + j] = incomplete(a, b) ? 1 : 0;
      });
    });

    // Implications: pairs as large as one of their sides.
    const singleSize = new Float64Array(this.k);
    for (let i = 0; i < count; i++)
      if (this.second[i] === NONE) singleSize[this.first[i]!] = stats[i]!.sessions;
    const implied: number[][] = Array.from({ length: this.k }, () => []);
    for (let i = 0; i < count; i++) {
      const a = this.first[i]!;
      const b = this.second[i]!;
      const n = stats[i]!.sessions;
      if (b === NONE || n <= 0) continue;
      if (n === singleSize[a]) {
        implied[a]!.push(b);
      }
      if (n === singleSize[b]) {
        implied[b]!.push(a);
      }
    }

    // A condition implies at most one value per other dimension: scanning its short list beats
    // hashing pairs (implies() is on the hot path).
    this.impliedStart = new Int32Array(this.k + 1);
    for (let a = 0; a < this.k; a++) this.impliedStart[a + 1] = this.impliedStart[a]! + implied[a]!.length;
    this.impliedList = Int32Array.from(implied.flat());

    this.closure = new Int32Array(count * DIMS).fill(NONE);
    for (let i = 0; i < count; i++) {
      for (const c of [this.first[i]!, this.second[i]!]) {
        if (c === NONE) continue;
        this.closure[i * DIMS + this.conditionDim[c]!] = c;
        for (const j of implied[c]!) {
          const slot = i * DIMS + this.conditionDim[j]!;
          if (this.closure[slot] === NONE) this.closure[slot] = j;
        }
      }
    }

    const singleOf = new Map<number, number>();
    for (let i = 0; i < count; i++) if (this.second[i] === NONE) singleOf.set(this.first[i]!, i);
    this.parentsOf = new Int32Array(count * 2).fill(NONE);
    for (let i = 0; i < count; i++) {
      if (this.second[i] === NONE) continue;
      this.parentsOf[2 * i] = singleOf.get(this.first[i]!) ?? NONE;
      this.parentsOf[2 * i + 1] = singleOf.get(this.second[i]!) ?? NONE;
    }
    for (let i = 0; i < count; i++) {
      const a = this.first[i]!;
      const b = this.second[i]!;
      if (b === NONE) continue;
      for (const [own, added] of [
        [a, b],
        [b, a],
      ] as const) {
        const parent = singleOf.get(own);
        if (parent === undefined) continue;
        let byDim = this.extensionsOf.get(parent);
        if (!byDim) {
          byDim = new Map();
          this.extensionsOf.set(parent, byDim);
        }
        const dim = this.conditionDim[added]!;
        const list = byDim.get(dim) ?? [];
        list.push(i);
        byDim.set(dim, list);
      }
    }

    this.redundant = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const a = this.first[i]!;
      const b = this.second[i]!;
      if (b === NONE && stats[i]!.sessions >= totalSessions) this.redundant[i] = 1;
      if (b !== NONE && (this.implies(a, b) || this.implies(b, a))) this.redundant[i] = 1;
    }
  }

  private code(a: number, b: number): number {
    if (b === NONE) return a * this.k;
    return a < b ? a * this.k + b + 1 : b * this.k + a + 1;
  }

  private implies(a: number, b: number): boolean {
    for (let i = this.impliedStart[a]!; i < this.impliedStart[a + 1]!; i++)
      if (this.impliedList[i] === b) return true;
    return false;
  }

  private find(a: number, b: number): number {
    return this.lookup.get(this.code(a, b)) ?? NONE;
  }

  private mayBeMissing(a: number, b: number): boolean {
    return this.incompleteDims[this.conditionDim[a]! * DIMS + this.conditionDim[b]!] === 1;
  }

  /** Reduces scratch[0..n) to the conditions not implied by another one (ties keep the earlier dimension). */
  private minimal(n: number): number {
    const c = this.scratch;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const x = c[i]!;
      let redundant = false;
      for (let j = 0; j < n && !redundant; j++) {
        const y = c[j]!;
        if (
          y !== x &&
          this.implies(y, x) &&
          (!this.implies(x, y) || this.conditionDim[y]! < this.conditionDim[x]!)
        )
          redundant = true;
      }
      if (!redundant) this.kept[m++] = x;
    }
    return m;
  }

  /** The one-dimension parents of a two-dimension segment (none for a one-dimension segment). */
  parents(s: number): number[] {
    return [this.parentsOf[2 * s]!, this.parentsOf[2 * s + 1]!].filter((p) => p !== NONE);
  }

  /** Two-dimension segments that split the one-dimension segment s by `dimension` (empty otherwise). */
  extensions(s: number, dimension: InsightDimension): readonly number[] {
    return this.extensionsOf.get(s)?.get(DIMENSION_INDEX[dimension]) ?? [];
  }

  /** True when the two segments certainly share no session (contradicting conditions). */
  disjoint(s: number, t: number): boolean {
    const cl = this.closure;
    for (let d = 0; d < DIMS; d++) {
      const a = cl[s * DIMS + d]!;
      const b = cl[t * DIMS + d]!;
      if (a !== NONE && b !== NONE && a !== b) return true;
    }
    return false;
  }

  /** Index of the segment with exactly these dimension values, or -1. */
  indexOf(segment: SegmentStats["segment"]): number {
    const ds = segmentDimensions(segment);
    if (ds.length < 1 || ds.length > 2) return NONE;
    const [a, b] = ds.map((d) => this.conditionIds.get(`${d}=${segment[d]}`));
    if (a === undefined || (ds.length === 2 && b === undefined)) return NONE;
    return this.find(a, b ?? NONE);
  }

  /**
   * Expected mass (any additive per-session quantity given per segment in `mass`) of the sessions
   * in both s and t; `total` is that quantity over all sessions.
   */
  overlapMass(s: number, t: number, mass: ArrayLike<number>, total: number): number {
    this.lastExact = true;
    if (s === t) return mass[s]!;
    const cl = this.closure;
    const c = this.scratch;
    let shared = 0;
    for (let d = 0; d < DIMS; d++) {
      const a = cl[s * DIMS + d]!;
      const b = cl[t * DIMS + d]!;
      if (a !== NONE && b !== NONE) {
        if (a !== b) return 0;
        c[shared++] = a;
      }
    }
    const ms = mass[s]!;
    const mt = mass[t]!;
    // The conditions both share: their mass is the denominator of the independence estimate.
    let massShared = total;
    if (shared > 0) {
      const m = this.minimal(shared);
      const q =
        m === 1 ? this.find(this.kept[0]!, NONE) : m === 2 ? this.find(this.kept[0]!, this.kept[1]!) : NONE;
      if (q !== NONE) massShared = mass[q]!;
    }
    // The union of both segments' direct conditions, reduced by implications.
    let n = 0;
    const s1 = this.first[s]!;
    const s2 = this.second[s]!;
    const t1 = this.first[t]!;
    const t2 = this.second[t]!;
    c[n++] = s1;
    if (s2 !== NONE) c[n++] = s2;
    if (t1 !== s1 && t1 !== s2) c[n++] = t1;
    if (t2 !== NONE && t2 !== s1 && t2 !== s2) c[n++] = t2;
    const m = this.minimal(n);
    if (m <= 2) {
      const exact = m === 1 ? this.find(this.kept[0]!, NONE) : this.find(this.kept[0]!, this.kept[1]!);
      if (exact !== NONE) return Math.min(mass[exact]!, ms, mt);
      if (m === 2 && !this.mayBeMissing(this.kept[0]!, this.kept[1]!)) return 0;
    } else {
      // A pair of their conditions that never occurs together empties the intersection.
      for (const a of [s1, s2]) {
        if (a === NONE) continue;
        for (const b of [t1, t2]) {
          if (b === NONE || a === b || this.conditionDim[a] === this.conditionDim[b]) continue;
          if (this.find(a, b) === NONE && !this.mayBeMissing(a, b)) return 0;
        }
      }
    }
    if (massShared <= 0) return 0;
    this.lastExact = false;
    return Math.min((ms * mt) / massShared, ms, mt);
  }
}
