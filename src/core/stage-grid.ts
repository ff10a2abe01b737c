// A stage model written out as the rows of a Stages tab (setup and the sample workbook use it), in the
// same cell format that stage-model.ts reads back: lists one per line, a criterion's aliases after '|'.
import { headersOf, nameIn, STAGE_COLUMNS } from './tabs';
import type { Criterion, Lang, StageKind, StageModel } from './types';

export const KIND_LABELS: Record<StageKind, readonly [string, string]> = {
  open: ['进行中', 'open'],
  won: ['赢单', 'won'],
  lost: ['输单', 'lost'],
  hold: ['搁置', 'hold'],
};

/** The criteria of one kind, one a line. */
function criterionCell(list: readonly Criterion[], kind: Criterion['kind']): string {
  return list
    .filter((c) => c.kind === kind)
    .map((c) => [c.name, ...c.aliases].join(' | '))
    .join('\n');
}

/** Header row plus one row per stage. */
export function stagesGrid(model: StageModel, lang: Lang): (string | number)[][] {
  return [
    headersOf(STAGE_COLUMNS, lang),
    ...model.stages.map((s) => [
      s.order,
      s.name,
      s.aliases.join(' | '),
      nameIn(KIND_LABELS[s.kind], lang),
      criterionCell(s.criteria, 'element'),
      criterionCell(s.criteria, 'commitment'),
      s.actions.join('\n'),
      s.support.join('\n'),
      s.maxDays ?? '',
      s.probability ?? '',
      s.guidance,
    ]),
  ];
}
