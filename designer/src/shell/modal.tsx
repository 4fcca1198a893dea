// Mantine's Modal with the stylesheets it needs, so every dialog of the app is one component with one look: focus
// trapped inside, Escape and the overlay close it, the page behind is inert to pointer and keyboard.
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';

export { Modal } from '@mantine/core';
