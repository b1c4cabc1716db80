/** One line of the `npm run bench` table. */
export interface BenchRow {
  benchmark: string;
  measured: string;
  target: string;
  ok: boolean;
}
