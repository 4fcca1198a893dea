import { create } from 'zustand';

/** Sample run variables shared by every expression preview in the editor session. */
export const useSampleData = create<{
  text: string;
  sample: Record<string, unknown>;
  error: string | null;
  setText: (t: string) => void;
}>()((set) => ({
  text: '{\n  "amount": {"amount": "1250.00", "currency": "EUR"},\n  "customerId": "C-42"\n}',
  sample: { amount: { amount: '1250.00', currency: 'EUR' }, customerId: 'C-42' },
  error: null,
  setText: (text) => {
    try {
      const v = JSON.parse(text) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('Sample data must be a JSON object');
      set({ text, sample: v as Record<string, unknown>, error: null });
    } catch (e) {
      set({ text, error: (e as Error).message });
    }
  },
}));
