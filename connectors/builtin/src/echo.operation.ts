import { Type } from '@sinclair/typebox';
import { defineAction } from '@ledgerflow/connector-sdk';

/** Delay-free test action: returns its input, so engine tests need no external system. */
export const echoAction = defineAction({
  title: 'Echo (test)',
  translations: {
    fr: {
      title: 'Écho (test)',
      fields: {
        value: { title: 'Valeur' },
      },
    },
  },
  idempotent: true,
  input: Type.Object({ value: Type.Unknown() }),
  output: Type.Object({ value: Type.Unknown() }),
  async run(_ctx, input) {
    return { value: input.value };
  },
});
