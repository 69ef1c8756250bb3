// Offset -> (1-based line, 0-based UTF-16 column), with LSP's line breaks (\n, \r\n, \r).
import { offsetToPosition } from '../code/finding';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    return offsetToPosition(this.starts, offset);
  }
}
