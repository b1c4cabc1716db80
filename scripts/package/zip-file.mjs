/**
 * Writes a zip file by streaming, one file at a time (fflate's Zip), so a package of hundreds of megabytes
 * never sits in memory. Entries carry Unix attributes (made by Unix, regular file, the file's mode), which
 * unzip on Linux applies: dist/cli.js and packages' own commands stay executable.
 */
import { once } from "node:events";
import { createWriteStream, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { constants, deflateRawSync } from "node:zlib";
import { Zip, ZipPassThrough } from "fflate";
import { PackageRefusal } from "./refusal.mjs";

const UNIX = 3;
const REGULAR_FILE = 0o100000;
/** Without ZIP64 (fflate writes none) a zip holds at most this many entries and this many bytes. */
const ZIP_MAX_ENTRIES = 0xffff;
const ZIP_MAX_BYTES = 0xffffffff;
/**
 * fflate's ZipDeflate, with Node's native zlib doing the DEFLATE (fflate documents subclassing ZipPassThrough
 * for this): with fflate's JavaScript DEFLATE the bot's 250 MB took 23 s to zip, with zlib 10 s.
 * Each file is pushed whole, once.
 */
class NativeZipDeflate extends ZipPassThrough {
  constructor(filename) {
    super(filename);
    this.compression = 8;
  }

  process(chunk, final) {
    this.ondata(null, deflateRawSync(chunk, { level: constants.Z_DEFAULT_COMPRESSION }), final);
  }
}

/** Already compressed: stored as they are. */
const STORED = /\.(gz|tgz|zip|br|png|jpe?g|gif|webp|woff2?)$/i;

/**
 * entries: [{ name, source or data, mode? }]: the file's path in the zip, where its bytes are (a file, or a
 * Buffer), and its permission bits (else the source file's, or 0o644).
 * Written to `${out}.partial` and renamed at the end, so a failed run leaves no zip that looks whole.
 * Resolves with { files, bytes (the zip's size), contentBytes (the files' total size) }.
 */
export async function writeZip(out, entries) {
  if (entries.length > ZIP_MAX_ENTRIES)
    throw new PackageRefusal(`${entries.length} files: a zip without ZIP64 holds at most ${ZIP_MAX_ENTRIES}`);
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial);
  const output = { bytes: 0, error: undefined };
  stream.on("error", (error) => {
    output.error ??= error;
  });
  let ended;
  const zipEnded = new Promise((resolve) => {
    ended = resolve;
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) output.error ??= error;
    else {
      output.bytes += chunk.length;
      stream.write(chunk);
    }
    if (final || error) ended();
  });
  let contentBytes = 0;
  try {
    contentBytes = await addAll(zip, stream, entries, output);
    zip.end();
    await zipEnded;
  } catch (error) {
    output.error ??= error;
  }
  stream.end();
  if (!stream.closed) await once(stream, "close").catch(() => undefined);
  if (!output.error && output.bytes > ZIP_MAX_BYTES)
    output.error = new PackageRefusal(`the zip would be ${output.bytes} bytes: over 4 GiB`);
  if (output.error) {
    rmSync(partial, { force: true });
    throw output.error;
  }
  renameSync(partial, out);
  return { files: entries.length, bytes: output.bytes, contentBytes };
}

/** Adds each file in turn, waiting whenever the output stream asks to drain. Resolves with the bytes read. */
async function addAll(zip, stream, entries, output) {
  let contentBytes = 0;
  for (const entry of entries) {
    if (output.error) throw output.error;
    const stat = entry.source === undefined ? { mode: 0o644, mtime: new Date() } : statSync(entry.source);
    const file = STORED.test(entry.name) ? new ZipPassThrough(entry.name) : new NativeZipDeflate(entry.name);
    file.os = UNIX;
    file.attrs = ((REGULAR_FILE | ((entry.mode ?? stat.mode) & 0o7777)) << 16) >>> 0;
    file.mtime = zipTime(stat.mtime);
    zip.add(file);
    const data = entry.data ?? readFileSync(entry.source);
    contentBytes += data.length;
    file.push(data, true);
    if (stream.writableNeedDrain) await once(stream, "drain");
  }
  return contentBytes;
}

/** Zip times run from 1980 to 2107 (fflate: to 2099); npm gives installed files 1985-10-26. */
function zipTime(date) {
  const year = date.getFullYear();
  if (year < 1980) return new Date(1980, 0, 1);
  if (year > 2099) return new Date(2099, 11, 31);
  return date;
}
