import { closeSync, fsyncSync, writeSync } from 'node:fs';
import { ByteWriter } from 'hyparquet-writer';

/** Bytes buffered before they go to the file; a single larger append grows the buffer once. */
const CHUNK_BYTES = 1 << 20;

/**
 * A hyparquet-writer `Writer` over an open file descriptor. Unlike the package's `fileWriter` (which appends
 * by re-opening the file name for every chunk and never syncs), it keeps one descriptor, writes through at
 * every row group (`flush`), and fsyncs and closes it in `finish`, so memory stays bounded by one chunk.
 */
export class FdWriter extends ByteWriter {
  private fd: number | undefined;

  constructor(fd: number) {
    super(CHUNK_BYTES);
    this.fd = fd;
  }

  override ensure(size: number): void {
    if (this.index > 0 && this.index + size > this.buffer.byteLength) this.drain();
    super.ensure(size);
  }

  /** Called by ParquetWriter after every row group. */
  flush(): void {
    this.drain();
  }

  override finish(): void {
    this.drain();
    const fd = this.requireFd();
    fsyncSync(fd);
    this.fd = undefined;
    closeSync(fd);
  }

  /** Closes the descriptor without syncing (error path); idempotent. */
  release(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // closing is all we can do
      }
    }
  }

  override getBuffer(): ArrayBuffer {
    throw new Error('FdWriter streams to a file; there is no buffer to get');
  }

  override getBytes(): Uint8Array<ArrayBuffer> {
    throw new Error('FdWriter streams to a file; there are no bytes to get');
  }

  private drain(): void {
    const fd = this.requireFd();
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    this.index = 0;
  }

  private requireFd(): number {
    if (this.fd === undefined) throw new Error('FdWriter is closed');
    return this.fd;
  }
}
