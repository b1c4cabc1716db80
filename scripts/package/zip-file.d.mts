/** Types of zip-file.mjs, for the tests. */
export interface ZipEntryInput {
  name: string;
  source?: string;
  data?: Uint8Array;
  mode?: number;
}
export function writeZip(
  out: string,
  entries: ZipEntryInput[],
): Promise<{ files: number; bytes: number; contentBytes: number }>;
