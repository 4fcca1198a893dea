// Proposes which source column feeds which target field. Users' files say "N° client",
// "Kundennummer" or "CUSTOMER NO." for the same thing, so matching ignores case, accents and
// punctuation, and a saved preset (what the user confirmed last time) always wins.

export type ColumnType = 'string' | 'integer' | 'decimal' | 'money' | 'date' | 'boolean';

/** A saved mapping: source header (as it appears in the file) → target field. The caller stores it. */
export type MappingPreset = Record<string, string>;

export interface TargetField {
  field: string;
  /** Other headers that mean this field, e.g. ["N° client", "Kundennummer"]. */
  aliases?: string[];
}

export interface HeaderMatch {
  /** source header → target field, for every matched column */
  mapping: MappingPreset;
  /** fields with no column */
  unmatchedFields: string[];
  /** headers that feed no field */
  unmatchedHeaders: string[];
  /** how each field was matched, so the UI can ask the user to confirm the fuzzy ones */
  confidence: Record<string, 'preset' | 'exact' | 'alias' | 'partial'>;
}

/** "N° Client ", "n-client", "NO CLIENT" → "n client"/"no client": lower case, no accents, words only. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[°º]/g, ' no ')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** camelCase field names read as words, so `customerNumber` matches "Customer number". */
function fieldWords(field: string): string {
  return normaliseHeader(field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' '));
}

export function matchHeaders(headers: string[], fields: TargetField[], preset: MappingPreset = {}): HeaderMatch {
  const mapping: MappingPreset = {};
  const confidence: HeaderMatch['confidence'] = {};
  const taken = new Set<string>();
  const claim = (header: string, field: string, how: HeaderMatch['confidence'][string]) => {
    mapping[header] = field;
    confidence[field] = how;
    taken.add(field);
  };
  const known = new Set(fields.map((f) => f.field));
  const presetByNorm = new Map(Object.entries(preset).map(([h, f]) => [normaliseHeader(h), f]));
  const free = () => headers.filter((h) => !(h in mapping) && normaliseHeader(h) !== '');

  for (const h of free()) {
    const f = presetByNorm.get(normaliseHeader(h));
    if (f && known.has(f) && !taken.has(f)) claim(h, f, 'preset');
  }
  for (const f of fields) {
    if (taken.has(f.field)) continue;
    const h = free().find(
      (x) => normaliseHeader(x) === fieldWords(f.field) || normaliseHeader(x) === normaliseHeader(f.field),
    );
    if (h) claim(h, f.field, 'exact');
  }
  for (const f of fields) {
    if (taken.has(f.field)) continue;
    const aliases = new Set((f.aliases ?? []).map(normaliseHeader));
    const h = free().find((x) => aliases.has(normaliseHeader(x)));
    if (h) claim(h, f.field, 'alias');
  }
  // Last resort: a header containing all the words of the field or an alias ("Invoice amount (EUR)").
  for (const f of fields) {
    if (taken.has(f.field)) continue;
    const candidates = [fieldWords(f.field), ...(f.aliases ?? []).map(normaliseHeader)].filter(Boolean);
    const h = free().find((x) => {
      const words = new Set(normaliseHeader(x).split(' '));
      return candidates.some((c) => c.split(' ').every((w) => words.has(w)));
    });
    if (h) claim(h, f.field, 'partial');
  }
  return {
    mapping,
    confidence,
    unmatchedFields: fields.map((f) => f.field).filter((f) => !taken.has(f)),
    unmatchedHeaders: headers.filter((h) => !(h in mapping) && normaliseHeader(h) !== ''),
  };
}
