import { DUNNING_LEVEL_FACTS, dunningLevelOf } from '../schema/dunning-nodes.schema.ts';
import { isKnownCalendar } from '../calendar/business-calendar.ts';
import type { FlowIndex } from './flow-index.ts';
import { own, ownArray, ownString, ptr } from './json-pointer.ts';
import type { ProblemSink } from './problem-sink.ts';

const FACTS = new Set<string>(DUNNING_LEVEL_FACTS);

/**
 * A dunning run's level table decides on the classification's facts (not run variables), every level it can give
 * has a letter, and its default calendar is one the platform knows: otherwise the run would only fail at the send.
 */
export function checkDunning(ix: FlowIndex, sink: ProblemSink): void {
  for (const n of ix.byId.values()) {
    if (n.kind !== 'dunning.classify') continue;
    const at = (...path: string[]) => ({ path: ptr('nodes', n.index, 'config', ...path), nodeId: n.id });
    const levels = own(n.config, 'levels');
    ownArray(levels, 'columns').forEach((c, i) => {
      const fact = ownString(c, 'fact');
      if (fact !== undefined && !FACTS.has(fact))
        sink.add({
          ...at('levels', 'columns', String(i), 'fact'),
          code: 'UNKNOWN_FACT',
          message: `The level table decides on ${DUNNING_LEVEL_FACTS.join(', ')}; '${fact}' is none of them`,
        });
    });
    const lettered = new Set(ownArray(n.config, 'letters').map((l) => own(l, 'level')));
    const outcomes = [
      ...ownArray(levels, 'rows').map(
        (r, i) => [ownString(r, 'outcome'), ['levels', 'rows', String(i), 'outcome']] as const,
      ),
      [ownString(levels, 'defaultOutcome'), ['levels', 'defaultOutcome']] as const,
    ];
    const reported = new Set<number>();
    for (const [outcome, path] of outcomes) {
      const level = outcome === undefined ? null : dunningLevelOf(outcome);
      if (level === null || lettered.has(level) || reported.has(level)) continue;
      reported.add(level);
      sink.add({
        ...at(...path),
        code: 'DUNNING_LETTER_MISSING',
        message: `Level ${level} has no letter: add one to the letters (template and tone)`,
      });
    }
    const calendar = ownString(n.config, 'defaultCalendar');
    if (calendar !== undefined && !isKnownCalendar(calendar))
      sink.add({
        ...at('defaultCalendar'),
        code: 'UNKNOWN_CALENDAR',
        message: `'${calendar}' is not a known calendar`,
      });
  }
}
