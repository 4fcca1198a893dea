import { create } from 'zustand';

type Sample = Record<string, unknown>;

/** What a flow that has saved no sample previews with. */
export const DEFAULT_SAMPLE: Sample = { amount: { amount: '1250.00', currency: 'EUR' }, customerId: 'C-42' };

const asText = (sample: Sample) => JSON.stringify(sample, null, 2);

/** Parses the sample editor's text: a JSON object, or why not. */
export function parseSample(text: string): { sample: Sample } | { error: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: 'Sample data must be a JSON object' };
    return { sample: v as Sample };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Sample run variables for every expression preview of the open flow. The flow keeps them in its designer metadata
 * (`designer.sampleData`, saved with the draft); this store only holds the text being typed, which may not parse yet.
 * `load` is called when a flow opens or its saved sample changes (undo, import), so one flow's sample never shows
 * in another.
 */
export const useSampleData = create<{
  text: string;
  sample: Sample;
  error: string | null;
  setText: (t: string) => Sample | null;
  /** The sample as the form edits it (always an object). */
  setSample: (sample: Sample) => void;
  load: (saved: Sample | undefined) => void;
}>()((set) => ({
  text: asText(DEFAULT_SAMPLE),
  sample: DEFAULT_SAMPLE,
  error: null,
  setText: (text) => {
    const r = parseSample(text);
    if ('error' in r) {
      set({ text, error: r.error });
      return null;
    }
    set({ text, sample: r.sample, error: null });
    return r.sample;
  },
  setSample: (sample) => set({ text: asText(sample), sample, error: null }),
  load: (saved) => {
    const sample = saved ?? DEFAULT_SAMPLE;
    set({ text: asText(sample), sample, error: null });
  },
}));
