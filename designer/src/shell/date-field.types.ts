/** The props of shell/date-field.tsx, apart so that its lazily loaded Mantine side imports no cycle. */
export interface DateFieldProps {
  /** `date` holds "2026-10-31", `datetime` "2026-10-31T14:20": the values native date inputs gave. */
  kind?: 'date' | 'datetime';
  /** "" when empty, as a native input. */
  value: string;
  /** "" when cleared, as a native input. */
  onChange: (value: string) => void;
  id?: string;
  required?: boolean;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}
