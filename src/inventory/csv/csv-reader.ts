import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../../platform/errors.ts';

/** The largest CSV we accept (a 100 MB file fits with room to spare); read as a stream, never held whole. */
export const CSV_MAX_BYTES = 256 * 1024 * 1024;

export interface CsvRow { line: number; values: Record<string, string> }

/** Counts bytes and rejects invalid UTF-8 as it streams, so a bad file fails fast with its byte offset. */
function utf8Guard(maxBytes: number) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`));
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(new AppError('invalid_csv', `The file is not valid UTF-8 (near byte ${bytes - chunk.length}); save it as CSV UTF-8`));
      }
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(new AppError('invalid_csv', 'The file ends in the middle of a UTF-8 character'));
      }
    },
  });
}

/**
 * Streams a CSV with a header row as { line, values } records. The header must hold every required
 * column and only known ones; a malformed file is an `invalid_csv` problem naming the line.
 */
export async function* readCsv(
  input: Readable,
  columns: { required: readonly string[]; optional: readonly string[] },
  maxBytes = CSV_MAX_BYTES,
): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024, relax_column_count: false });
  const guard = utf8Guard(maxBytes);
  input.on('error', (err) => guard.destroy(err));
  guard.on('error', (err) => parser.destroy(err));
  input.pipe(guard).pipe(parser);
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        const known = new Set([...columns.required, ...columns.optional]);
        const missing = columns.required.filter((c) => !header!.includes(c));
        const unknown = header.filter((h) => !known.has(h));
        const duplicate = header.filter((h, i) => header!.indexOf(h) !== i);
        if (missing.length || unknown.length || duplicate.length) {
          throw new AppError('invalid_csv', [
            missing.length ? `missing column(s): ${missing.join(', ')}` : '',
            unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
            duplicate.length ? `repeated column(s): ${duplicate.join(', ')}` : '',
          ].filter(Boolean).join('; ') + `. Expected: ${columns.required.join(', ')} (required), ${columns.optional.join(', ')} (optional)`, { expected: { required: columns.required, optional: columns.optional } });
        }
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((h, i) => { values[h] = record[i] ?? ''; });
      yield { line: info.lines, values };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code?.startsWith('CSV_')) throw new AppError('invalid_csv', `Line ${e.lines ?? '?'}: ${e.message}`);
    throw err;
  } finally {
    input.unpipe?.();
    if (!input.destroyed) input.resume();
  }
  if (!header) throw new AppError('invalid_csv', 'The file is empty: it needs a header row');
}
