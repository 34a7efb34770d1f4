/** Field paths as people type them ("shifts[0].count") and as the loader keeps them (["shifts", 0, "count"]). */

/** "agentGroups.a.staffing.shifts[0].count" → ["agentGroups","a","staffing","shifts",0,"count"]; keys with other characters as ["a.b"]. */
export function parsePath(text: string): (string | number)[] {
  if (typeof text !== "string") throw new RangeError(`parsePath: expected a string, got ${typeof text}`);
  const fail = (at: number, what: string): never => {
    throw new RangeError(`parsePath: malformed path ${JSON.stringify(text)}: ${what} at character ${at + 1}`);
  };
  if (text.trim() === "") fail(0, "expected a key");
  const out: (string | number)[] = [];
  let i = 0;
  const readKey = () => {
    const start = i;
    while (i < text.length && !".[]\"'= \t\n".includes(text[i])) i++;
    if (i === start) fail(start, "expected a key");
    const key = text.slice(start, i);
    out.push(/^\d+$/.test(key) ? Number(key) : key);
  };
  const readBracket = () => {
    i++; // "["
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) fail(i, "unclosed quote");
      let key: unknown;
      try {
        key = JSON.parse(text.slice(i, j + 1));
      } catch {
        fail(i, "bad quoted key");
      }
      out.push(key as string);
      i = j + 1;
    } else {
      const start = i;
      while (i < text.length && /\d/.test(text[i])) i++;
      if (i === start) fail(start, 'expected an index or a "quoted key" after "["');
      out.push(Number(text.slice(start, i)));
    }
    if (text[i] !== "]") fail(i, 'expected "]"');
    i++;
  };
  if (text[0] === "[") readBracket();
  else readKey();
  while (i < text.length) {
    if (text[i] === ".") {
      i++;
      readKey();
    } else if (text[i] === "[") readBracket();
    else fail(i, `unexpected ${JSON.stringify(text[i])}`);
  }
  return out;
}

/** The inverse of parsePath: "contactTypes.billing.handleTime", "shifts[0]", ["a.b"]. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = "";
  for (const seg of path) {
    if (typeof seg === "number") s += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}
