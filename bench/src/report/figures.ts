import { spreadOf } from '../stats/percentiles';

/** The parts of the bench, in the order they run; `--only` takes these names. */
export const PARTS = ['generate', 'rebuild', 'kpi', 'history', 'commands', 'store'] as const;
export type Part = (typeof PARTS)[number];

/**
 * One measured number. Every figure carries how it was measured: `note` in a few words for the table, `method`
 * in full for the JSON, so that a figure copied out of context still says what it is.
 */
export interface Figure {
  /** Stable, dotted: e.g. commands.c8.successPerSecond. */
  key: string;
  /** The part that measured it; 'service' for the service's own memory across parts. */
  part: Part | 'service';
  label: string;
  value: number;
  unit: string;
  /** Over repeated runs: value is the median. */
  range?: { min: number; max: number; runs: number };
  note: string;
  method: string;
}

export type FigureSpec = Omit<Figure, 'value' | 'range'>;

export const figure = (spec: FigureSpec, value: number): Figure => ({ ...spec, value });

/** The median of several runs, with min-max. */
export function medianFigure(spec: FigureSpec, values: readonly number[]): Figure {
  const { median, min, max } = spreadOf(values);
  return { ...spec, value: median, range: { min, max, runs: values.length } };
}

/** Leaves out a figure whose value could not be measured (e.g. peak RSS off Linux) instead of reporting NaN. */
export const measurable = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);
