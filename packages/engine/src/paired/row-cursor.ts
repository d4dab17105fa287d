/**
 * A position in trajectories.parquet read row by row, one row group in
 * memory at a time; several cursors may walk one file at different places
 * (paired step sizes), and a cursor can be copied to come back to a row.
 */
import type { TrajectoryFields, TrajectoryFile } from '@eos-sweep/results';

const CURSOR_FIELDS = ['etaIndex', 'trajectory', 'outcome', 'steps'] as const;
type Row = TrajectoryFields<(typeof CURSOR_FIELDS)[number]>;

export class RowCursor {
  private group: Row | null = null;

  private constructor(
    private readonly file: TrajectoryFile,
    private groupIndex: number,
    private row: number,
  ) {}

  /** At the first row of the file. */
  static async open(file: TrajectoryFile): Promise<RowCursor> {
    const cursor = new RowCursor(file, 0, 0);
    await cursor.settle();
    return cursor;
  }

  /** A second cursor at the same row. */
  async copy(): Promise<RowCursor> {
    const cursor = new RowCursor(this.file, this.groupIndex, this.row);
    await cursor.settle();
    return cursor;
  }

  get done(): boolean {
    return this.group === null;
  }

  get etaIndex(): number {
    return this.current().etaIndex[this.row];
  }

  get trajectory(): number {
    return this.current().trajectory[this.row];
  }

  get outcome(): number {
    return this.current().outcome[this.row];
  }

  get steps(): number {
    return this.current().steps[this.row];
  }

  async next(): Promise<void> {
    this.row++;
    await this.settle();
  }

  /** Moves past every row of the current step size. */
  async skipEta(): Promise<void> {
    const e = this.etaIndex;
    while (!this.done && this.etaIndex === e) await this.next();
  }

  private current(): Row {
    if (this.group === null) throw new Error('row cursor: read past the end of the file');
    return this.group;
  }

  /** Loads the group holding `row`, moving on over ended (or empty) groups. */
  private async settle(): Promise<void> {
    const groups = this.file.info.rowGroups;
    while (this.groupIndex < groups.length && this.row >= groups[this.groupIndex].rowCount) {
      this.row -= groups[this.groupIndex].rowCount;
      this.groupIndex++;
      this.group = null;
    }
    if (this.groupIndex >= groups.length) {
      this.group = null;
      return;
    }
    if (this.group === null) this.group = await this.file.readFields(this.groupIndex, CURSOR_FIELDS);
  }
}
