/**
 * What a person would see on a terminal given what a program wrote to it: enough of a VT100 for the cursor
 * moves and erasures Node's readline writes (its cursorTo, moveCursor, clearLine, clearScreenDown).
 * Unlimited width, so no wrapping; "\n" goes to the start of the next row, as a tty's output processing does.
 */
export class TerminalScreen {
  private rows: string[] = [""];
  private row = 0;
  private column = 0;

  write(output: string): void {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences are what is parsed here
    for (const [, sequence, char] of output.matchAll(/(\x1b\[[0-9;]*[A-Za-z])|([\s\S])/gu)) {
      if (sequence) this.control(sequence);
      else if (char === "\n") this.moveTo(this.row + 1, 0);
      else if (char === "\r") this.column = 0;
      else if (char !== undefined) this.put(char);
    }
  }

  /** The screen's rows, top to bottom, without trailing spaces. */
  lines(): string[] {
    return this.rows.map((line) => line.trimEnd());
  }

  private control(sequence: string): void {
    const count = Number(sequence.slice(2, -1) || "0");
    const code = sequence.at(-1);
    if (code === "G") this.column = Math.max(0, count - 1);
    else if (code === "A") this.moveTo(this.row - Math.max(1, count), this.column);
    else if (code === "B") this.moveTo(this.row + Math.max(1, count), this.column);
    else if (code === "C") this.column += Math.max(1, count);
    else if (code === "D") this.column = Math.max(0, this.column - Math.max(1, count));
    else if (code === "J" && count === 0) this.eraseBelow();
    else if (code === "K") this.eraseInLine(count);
    else throw new Error(`TerminalScreen does not know ${JSON.stringify(sequence)}`);
  }

  private moveTo(row: number, column: number): void {
    this.row = Math.max(0, row);
    this.column = column;
    while (this.rows.length <= this.row) this.rows.push("");
  }

  private put(char: string): void {
    const line = (this.rows[this.row] ?? "").padEnd(this.column);
    this.rows[this.row] = line.slice(0, this.column) + char + line.slice(this.column + 1);
    this.column += 1;
  }

  private eraseBelow(): void {
    this.rows[this.row] = (this.rows[this.row] ?? "").slice(0, this.column);
    this.rows.length = this.row + 1;
  }

  /** ESC[0K: to the end of the row; ESC[1K: to its start; ESC[2K: the whole row. */
  private eraseInLine(mode: number): void {
    const line = this.rows[this.row] ?? "";
    if (mode === 0) this.rows[this.row] = line.slice(0, this.column);
    else if (mode === 1) this.rows[this.row] = " ".repeat(this.column) + line.slice(this.column);
    else this.rows[this.row] = "";
  }
}
