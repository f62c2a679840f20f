// Clock ranges per Yjs client, kept sorted and merged. A loaded document uses one set for the
// structs it holds (its state vector is the range that starts at clock 0, exactly as a Y.Doc
// counts only what it could integrate) and one for its deletions (to spot a client re-sending
// deletions the server already has — every client does on every connect).

export class ClientRanges {
  /** client → flat sorted [start, end, start, end, …], disjoint and not touching. */
  private readonly byClient = new Map<number, number[]>();

  get clientCount(): number {
    return this.byClient.size;
  }

  /** Adds every `[client, start, end]` triple of a flat list. */
  addAll(triples: readonly number[]): void {
    for (let i = 0; i < triples.length; i += 3) {
      this.add(triples[i] as number, triples[i + 1] as number, triples[i + 2] as number);
    }
  }

  add(client: number, start: number, end: number): void {
    if (end <= start) return;
    let list = this.byClient.get(client);
    if (list === undefined) {
      this.byClient.set(client, [start, end]);
      return;
    }
    // Fast path: appending at the end (the usual case — a client's next edit).
    const lastEnd = list[list.length - 1] as number;
    if (start >= (list[list.length - 2] as number) && start <= lastEnd) {
      if (end > lastEnd) list[list.length - 1] = end;
      return;
    }
    if (start > lastEnd) {
      list.push(start, end);
      return;
    }
    const merged: number[] = [];
    let placed = false;
    for (let i = 0; i < list.length; i += 2) {
      const s = list[i] as number;
      const e = list[i + 1] as number;
      if (e < start) merged.push(s, e);
      else if (s > end) {
        if (!placed) merged.push(start, end);
        placed = true;
        merged.push(s, e);
      } else {
        start = Math.min(start, s);
        end = Math.max(end, e);
      }
    }
    if (!placed) merged.push(start, end);
    list = merged;
    this.byClient.set(client, list);
  }

  contains(client: number, start: number, end: number): boolean {
    if (end <= start) return true;
    const list = this.byClient.get(client);
    if (list === undefined) return false;
    // Binary search for the last range starting at or before `start`.
    let lo = 0;
    let hi = list.length / 2 - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid * 2] as number) <= start) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && (list[found * 2 + 1] as number) >= end;
  }

  /** Whether every `[client, start, end]` triple of a flat list is contained. */
  containsAll(triples: readonly number[]): boolean {
    for (let i = 0; i < triples.length; i += 3) {
      if (!this.contains(triples[i] as number, triples[i + 1] as number, triples[i + 2] as number))
        return false;
    }
    return true;
  }

  /** The end of the range that starts at clock 0: what a Y.Doc reports as its state. */
  prefix(client: number): number {
    const list = this.byClient.get(client);
    return list !== undefined && list[0] === 0 ? (list[1] as number) : 0;
  }

  /** client → contiguous clock from 0, for every client that has one. */
  *stateVector(): IterableIterator<[number, number]> {
    for (const [client, list] of this.byClient) {
      if (list[0] === 0) yield [client, list[1] as number];
    }
  }
}

/** Whether a state vector (client → clock) already covers every struct range of a flat list. */
export function coveredBy(
  clocks: ReadonlyMap<number, number>,
  structTriples: readonly number[],
): boolean {
  for (let i = 0; i < structTriples.length; i += 3) {
    if ((clocks.get(structTriples[i] as number) ?? 0) < (structTriples[i + 2] as number))
      return false;
  }
  return true;
}
