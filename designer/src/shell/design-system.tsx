import { useMemo, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
// Only Mantine's variables and focus classes globally: its baseline would restyle body and every page. Each
// component's own stylesheet is imported where the component is used, so it loads with that chunk.
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import { useLang } from '../i18n/i18n.ts';
import { ConfirmHost } from './confirm-host.tsx';
import { cssVariablesResolver, mantineTheme } from './mantine-theme.ts';

/** Mantine's theme, mapped onto styles.css and speaking the user's language, around the whole app; askConfirm()'s modal. */
export function DesignSystem({ children }: { children: ReactNode }) {
  const lang = useLang((s) => s.lang);
  const theme = useMemo(() => mantineTheme(lang), [lang]);
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      {children}
      <ConfirmHost />
    </MantineProvider>
  );
}
