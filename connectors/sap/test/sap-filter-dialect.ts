/**
 * The mock server's $filter grammar lacks two things real SAP Gateway has: doubled quotes inside
 * string literals ('O''Brien') and the `M` suffix of decimal literals. The test gateway parses the
 * filter the way SAP does (rejecting malformed literals, as SAP would with a 400) and hands the mock
 * an equivalent it can evaluate.
 */
export class FilterSyntaxError extends Error {}

export function translateFilter(filter: string): string {
  let out = '';
  let i = 0;
  while (i < filter.length) {
    const ch = filter[i]!;
    if (ch === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= filter.length) throw new FilterSyntaxError(`unterminated string literal at ${i}`);
        if (filter[j] === "'") {
          if (filter[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += filter[j];
        j++;
      }
      const typed = /(datetime|datetimeoffset|guid|time)$/.exec(out);
      if (typed?.[1] === 'datetimeoffset') {
        // The mock compares DateTimeOffset only against datetime'...' literals (as UTC).
        out = `${out.slice(0, -'offset'.length)}'${new Date(value).toISOString().slice(0, 19)}'`;
      } else if (typed || !value.includes("'")) {
        out += `'${value}'`;
      } else {
        const m = /(\w+)\s+eq\s+$/.exec(out);
        if (!m) throw new FilterSyntaxError('quoted literal only supported in eq comparisons by the test gateway');
        const prop = m[1]!;
        const parts = value.split("'");
        const conds = [
          `startswith(${prop},'${parts[0]}')`,
          `endswith(${prop},'${parts[parts.length - 1]}')`,
          ...parts
            .slice(1, -1)
            .filter(Boolean)
            .map((p) => `substringof('${p}',${prop})`),
          `length(${prop}) eq ${value.length}`,
        ];
        out = `${out.slice(0, m.index)}(${conds.join(' and ')})`;
      }
      i = j + 1;
      continue;
    }
    const dec = /^(-?\d+(?:\.\d+)?)[mM](?![\w])/.exec(filter.slice(i));
    if (dec && !/\w$/.test(out)) {
      out += dec[1];
      i += dec[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
