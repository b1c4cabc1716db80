/**
 * Unzips a zip into a folder as unzip on Linux does: files with the Unix permission bits their entries carry.
 * fflate inflates each entry; the central directory (names, sizes, offsets, attributes) is read here, as
 * fflate's unzip does not expose the external attributes that hold the mode.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { crc32 } from "node:zlib";
import { inflateSync } from "fflate";

export interface ZipEntry {
  name: string;
  /** Permission bits (e.g. 0o755), from the Unix attributes. */
  mode: number;
  /** "Version made by" host: 3 is Unix. */
  madeBy: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function zipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY)
    throw new Error("no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`entry ${index}: no central header`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      madeBy: zip.readUInt8(at + 5),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      mode: (zip.readUInt32LE(at + 38) >>> 16) & 0o7777,
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The entry's bytes: stored (method 0) or inflated (8), as long as the directory says and with its CRC. */
export function entryData(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (zip.readUInt32LE(at) !== LOCAL_HEADER) throw new Error(`${entry.name}: no local header`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`${entry.name}: method ${entry.method}`);
  const inflated = entry.method === 0 ? raw : inflateSync(raw);
  const data = Buffer.from(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  if (data.length !== entry.size) throw new Error(`${entry.name}: ${data.length} bytes, not ${entry.size}`);
  if (crc32(data) !== entry.crc) throw new Error(`${entry.name}: CRC does not match`);
  return data;
}

/** Writes every entry under `folder` (refusing names that would land outside it); returns the entries. */
export function unzipToFolder(zipPath: string, folder: string): ZipEntry[] {
  const zip = readFileSync(zipPath);
  const entries = zipEntries(zip);
  const made = new Set<string>();
  const makeFolder = (path: string) => {
    if (made.has(path)) return;
    mkdirSync(path, { recursive: true });
    made.add(path);
  };
  for (const entry of entries) {
    if (entry.name.startsWith("/") || entry.name.split("/").includes(".."))
      throw new Error(`${entry.name}: outside the folder`);
    const path = join(folder, entry.name);
    if (entry.name.endsWith("/")) {
      makeFolder(path);
      continue;
    }
    makeFolder(dirname(path));
    writeFileSync(path, entryData(zip, entry));
    chmodSync(path, entry.mode);
  }
  return entries;
}
