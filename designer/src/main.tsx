import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { DesignSystem } from './shell/design-system.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DesignSystem>
      <App />
    </DesignSystem>
  </StrictMode>,
);
