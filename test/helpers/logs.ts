import { Writable } from 'node:stream';

/** A stream for createLogger that keeps every log line in `lines`, for assertions on what was logged. */
export function lineSink(lines: string[]): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
}
