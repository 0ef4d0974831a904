import {
  CUBE_DIMENSION_COLUMNS,
  CUBE_GRAINS,
  CUBE_HISTOGRAMS,
  CUBE_MEASURES,
  type CubeFact,
  type CubeGrain,
  grainColumns,
} from "./definition";

/**
 * The cube's cells of one day, accumulated in memory: each session is added once to the grains
 * built from the facts (their `from` / `histogramsFrom` is null), then every other grain is rolled
 * up from its parent's cells (far fewer than the sessions). Sums and histogram counts add up
 * exactly, so each cell equals a GROUP BY over the facts.
 *
 * Dimension values arrive as small integer codes (one dictionary per column, db/cube/refresh.ts):
 * a cell's key is its codes in mixed radix, one Map lookup per session and grain. Histograms of
 * the grains built from the facts are sparse (a session's cell and bucket recorded, sorted once
 * when the day is sealed); rolled-up grains have few cells and keep dense bucket counts.
 */

const MEASURES = CUBE_MEASURES.length;
const DIMENSIONS = CUBE_DIMENSION_COLUMNS.length;
/** Buckets per histogram: floor(max / width) + 1. */
export const HISTOGRAM_BUCKETS = CUBE_HISTOGRAMS.map((h) => Math.floor(h.max / h.width) + 1);

type BucketVisitor = (bucket: number, count: number) => void;

/** A histogram of every cell of a grain built from the sessions: one entry per session. */
class SessionHistogram {
  private entries = new Int32Array(1024);
  private size = 0;
  private cellStart: Int32Array | null = null;
  private bins = new Int32Array(0);
  private counts = new Int32Array(0);

  constructor(private readonly buckets: number) {}

  record(cell: number, bucket: number): void {
    if (this.size === this.entries.length) {
      const bigger = new Int32Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    const entry = cell * this.buckets + bucket;
    if (entry > 0x7fffffff) throw new Error("cube: too many cells in one day for a histogram");
    this.entries[this.size++] = entry;
  }

  /** Sorts the entries (cell, then bucket) and counts runs: each cell's buckets, ascending. */
  seal(cells: number): void {
    const sorted = this.entries.subarray(0, this.size).sort();
    const cellStart = new Int32Array(cells + 1);
    const bins = new Int32Array(this.size);
    const counts = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) {
        counts[n - 1]++;
        continue;
      }
      const cell = Math.floor(sorted[i] / this.buckets);
      cellStart[cell + 1] = n + 1;
      bins[n] = sorted[i] - cell * this.buckets;
      counts[n++] = 1;
    }
    // Cells without entries start where the previous cell ended.
    for (let c = 1; c <= cells; c++) cellStart[c] = Math.max(cellStart[c], cellStart[c - 1]);
    this.cellStart = cellStart;
    this.bins = bins.subarray(0, n);
    this.counts = counts.subarray(0, n);
  }

  reset(): void {
    this.size = 0;
    this.cellStart = null;
  }

  forEach(cell: number, visit: BucketVisitor): void {
    if (!this.cellStart) throw new Error("cube: histogram read before the day was sealed");
    for (let i = this.cellStart[cell]; i < this.cellStart[cell + 1]; i++) visit(this.bins[i], this.counts[i]);
  }
}

/** A histogram of a rolled-up grain: dense bucket counts per cell (such grains have few cells). */
class DenseHistogram {
  private counts = new Int32Array(0);

  constructor(private readonly buckets: number) {}

  add(cell: number, bucket: number, count: number): void {
    const needed = (cell + 1) * this.buckets;
    if (needed > this.counts.length) {
      const bigger = new Int32Array(Math.max(needed, this.counts.length * 2));
      bigger.set(this.counts);
      this.counts = bigger;
    }
    this.counts[cell * this.buckets + bucket] += count;
  }

  reset(cells: number): void {
    this.counts.fill(0, 0, Math.min(this.counts.length, cells * this.buckets));
  }

  forEach(cell: number, visit: BucketVisitor): void {
    const base = cell * this.buckets;
    if (base >= this.counts.length) return;
    for (let b = 0; b < this.buckets; b++) if (this.counts[base + b] !== 0) visit(b, this.counts[base + b]);
  }
}

export class GrainCells {
  readonly columns: readonly number[];
  private readonly radix: readonly number[];
  private readonly index = new Map<number, number>();
  private capacity = 64;
  size = 0;
  /** Per cell: the code of every dimension column (-1 where the grain has none). */
  codes = new Int32Array(this.capacity * DIMENSIONS);
  sums = new Float64Array(this.capacity * MEASURES);
  /** Per histogram (CUBE_HISTOGRAMS order), null where the grain carries none. */
  readonly histograms: (SessionHistogram | DenseHistogram | null)[];

  constructor(
    readonly grain: CubeGrain,
    cardinalities: readonly number[],
  ) {
    const columns = grainColumns(grain);
    this.columns = columns.map((c) => CUBE_DIMENSION_COLUMNS.indexOf(c));
    this.radix = this.columns.map((i) => Math.max(1, cardinalities[i] ?? 1));
    const space = this.radix.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(space))
      throw new Error(`cube grain ${grain.name}: too many value combinations to key (${space})`);
    const fromSessions = (grain.histogramsFrom ?? null) === null;
    this.histograms = CUBE_HISTOGRAMS.map((h, i) => {
      if (!grain.histograms.includes(h.name)) return null;
      return fromSessions
        ? new SessionHistogram(HISTOGRAM_BUCKETS[i])
        : new DenseHistogram(HISTOGRAM_BUCKETS[i]);
    });
  }

  /** The cell holding the codes at `codes[offset ...]` (full width), created if new. */
  cell(codes: Int32Array, offset: number): number {
    const { columns, radix } = this;
    let key = 0;
    for (let i = 0; i < columns.length; i++) key = key * radix[i] + codes[offset + columns[i]];
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const cell = this.size++;
    if (cell === this.capacity) this.grow();
    const base = cell * DIMENSIONS;
    this.codes.fill(-1, base, base + DIMENSIONS);
    for (const i of columns) this.codes[base + i] = codes[offset + i];
    this.index.set(key, cell);
    return cell;
  }

  /** Visits a cell's non-zero buckets of histogram `h`, ascending. */
  forEachBucket(cell: number, h: number, visit: BucketVisitor): void {
    this.histograms[h]?.forEach(cell, visit);
  }

  /** Sorts the session histograms; call once every session and roll-up into this grain is in. */
  seal(): void {
    for (const histogram of this.histograms)
      if (histogram instanceof SessionHistogram) histogram.seal(this.size);
  }

  /** Empties the grain, keeping its buffers for the next day. */
  reset(): void {
    for (const histogram of this.histograms) histogram?.reset(this.size);
    this.sums.fill(0, 0, this.size * MEASURES);
    this.index.clear();
    this.size = 0;
  }

  private grow(): void {
    this.capacity *= 2;
    const codes = new Int32Array(this.capacity * DIMENSIONS);
    codes.set(this.codes);
    this.codes = codes;
    const sums = new Float64Array(this.capacity * MEASURES);
    sums.set(this.sums);
    this.sums = sums;
  }
}

/** Sessions buffered before they are added grain by grain (the block's values stay in cache). */
const BLOCK_ROWS = 4096;

export class CubeDay {
  readonly grains: GrainCells[];
  private readonly sumsFromFacts: GrainCells[];
  private readonly histogramsFromFacts: GrainCells[];
  private readonly fromFacts: GrainCells[];
  private readonly blockCodes = new Int32Array(BLOCK_ROWS * DIMENSIONS);
  private readonly blockValues = new Float64Array(BLOCK_ROWS * MEASURES);
  private readonly blockBuckets = new Int32Array(BLOCK_ROWS * CUBE_HISTOGRAMS.length);
  private readonly blockCells = new Int32Array(BLOCK_ROWS);
  private blockSize = 0;
  private finished = false;

  /** `cardinalities`: how many codes each dimension column has (CUBE_DIMENSION_COLUMNS order). */
  constructor(cardinalities: readonly number[]) {
    this.grains = CUBE_GRAINS.map((g) => new GrainCells(g, cardinalities));
    this.sumsFromFacts = this.grains.filter((c) => c.grain.from === null);
    this.histogramsFromFacts = this.grains.filter(
      (c) => c.grain.histograms.length > 0 && (c.grain.histogramsFrom ?? null) === null,
    );
    this.fromFacts = this.grains.filter(
      (c) => this.sumsFromFacts.includes(c) || this.histogramsFromFacts.includes(c),
    );
  }

  /** Adds one session: its dimension codes (CUBE_DIMENSION_COLUMNS order) and facts. */
  add(codes: Int32Array, fact: CubeFact): void {
    if (this.finished) throw new Error("cube: the day is finished");
    const row = this.blockSize++;
    this.blockCodes.set(codes, row * DIMENSIONS);
    for (let m = 0, i = row * MEASURES; m < MEASURES; m++, i++)
      this.blockValues[i] = CUBE_MEASURES[m].value(fact);
    for (let h = 0; h < CUBE_HISTOGRAMS.length; h++) {
      const histogram = CUBE_HISTOGRAMS[h];
      const bucket = Math.floor(histogram.value(fact) / histogram.width);
      if (!(bucket >= 0 && bucket < HISTOGRAM_BUCKETS[h]))
        throw new Error(
          `cube: ${histogram.name} value ${histogram.value(fact)} is outside 0..${histogram.max}`,
        );
      this.blockBuckets[row * CUBE_HISTOGRAMS.length + h] = bucket;
    }
    if (this.blockSize === BLOCK_ROWS) this.flush();
  }

  /**
   * Adds the buffered sessions grain by grain: one grain's cells at a time stay in cache, where
   * adding each session to every grain in turn missed the cache on most additions (measured: the
   * per-session order was about twice as slow).
   */
  private flush(): void {
    const rows = this.blockSize;
    const { blockCodes, blockValues, blockBuckets, blockCells } = this;
    const histograms = CUBE_HISTOGRAMS.length;
    for (const cells of this.fromFacts) {
      for (let r = 0; r < rows; r++) blockCells[r] = cells.cell(blockCodes, r * DIMENSIONS);
      if (cells.grain.from === null) {
        const sums = cells.sums;
        for (let r = 0; r < rows; r++) {
          const to = blockCells[r] * MEASURES;
          const from = r * MEASURES;
          for (let m = 0; m < MEASURES; m++) sums[to + m] += blockValues[from + m];
        }
      }
      if ((cells.grain.histogramsFrom ?? null) !== null) continue;
      for (let h = 0; h < histograms; h++) {
        const histogram = cells.histograms[h];
        if (!(histogram instanceof SessionHistogram)) continue;
        for (let r = 0; r < rows; r++) histogram.record(blockCells[r], blockBuckets[r * histograms + h]);
      }
    }
    this.blockSize = 0;
  }

  /** Empties the cells for another day, keeping their buffers (less garbage across a long load). */
  reset(): void {
    for (const cells of this.grains) cells.reset();
    this.blockSize = 0;
    this.finished = false;
  }

  /** Adds what is buffered and rolls every grain up from its parents (parents come first). */
  finish(): void {
    if (this.finished) return;
    this.flush();
    this.finished = true;
    const byName = new Map(this.grains.map((c) => [c.grain.name, c]));
    const parent = (name: string | null | undefined) => {
      if (name === null || name === undefined) return null;
      const found = byName.get(name);
      if (!found) throw new Error(`cube: unknown parent grain ${name}`);
      return found;
    };
    for (const child of this.grains) {
      const sumsParent = parent(child.grain.from);
      if (sumsParent) rollUpSums(sumsParent, child);
      // A grain is complete once its own parents are (they come first): seal it before children read it.
      child.seal();
      const histParent = child.grain.histograms.length > 0 ? parent(child.grain.histogramsFrom) : null;
      if (histParent) rollUpHistograms(histParent, child);
    }
  }
}

function rollUpSums(parent: GrainCells, child: GrainCells): void {
  for (let p = 0; p < parent.size; p++) {
    const cell = child.cell(parent.codes, p * DIMENSIONS);
    const from = p * MEASURES;
    const to = cell * MEASURES;
    for (let m = 0; m < MEASURES; m++) child.sums[to + m] += parent.sums[from + m];
  }
}

function rollUpHistograms(parent: GrainCells, child: GrainCells): void {
  for (let p = 0; p < parent.size; p++) {
    const cell = child.cell(parent.codes, p * DIMENSIONS);
    child.histograms.forEach((histogram, h) => {
      if (!histogram) return;
      if (!(histogram instanceof DenseHistogram) || !parent.histograms[h])
        throw new Error(`cube: ${child.grain.name} cannot roll a histogram up from ${parent.grain.name}`);
      parent.forEachBucket(p, h, (bucket, count) => histogram.add(cell, bucket, count));
    });
  }
}
