/** The props of shell/date-field.tsx, apart so that its lazily loaded Mantine side imports no cycle. */
export interface DateFieldProps {
  /** `date` holds "2026-10-31", `datetime` "2026-10-31T14:20", `month` "2026-10": the values native inputs gave. */
  kind?: 'date' | 'datetime' | 'month';
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
