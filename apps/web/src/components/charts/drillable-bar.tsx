import type { KeyboardEvent } from 'react';
import type { BarShapeProps } from 'recharts';

export interface DrillableBarOptions<Datum> {
  /**
   * The bar's accessible name, saying what opening it shows ("Persons created: 12. Open the list");
   * null when the bar has nothing to open (a zero, a figure without a drill-down).
   */
  describe: (datum: Datum) => string | null;
  open: (datum: Datum) => void;
  /**
   * Put each bar in the tab order (default). Off for charts with many bars (a stack per day), whose
   * table carries the same links: dozens of tab stops in a chart would bury the rest of the page.
   */
  keyboard?: boolean;
}

/**
 * A bar `shape` for recharts that opens the list behind the bar: by click, and by keyboard, as a
 * link in the tab order (Enter opens it) with a visible focus ring. Used where a chart has a
 * handful of bars; charts with many (one per day) leave the keyboard to their table's links.
 */
export function drillableBar<Datum>({ describe, open, keyboard = true }: DrillableBarOptions<Datum>) {
  return function DrillableBarShape(props: BarShapeProps) {
    const datum: Datum = props.payload;
    const x = Math.min(props.x, props.x + props.width);
    const y = Math.min(props.y, props.y + props.height);
    const width = Math.abs(props.width);
    const height = Math.abs(props.height);
    const name = width > 0 && height > 0 ? describe(datum) : null;
    const bar = <rect x={x} y={y} width={width} height={height} fill={props.fill} rx={1.5} />;
    if (name === null) return bar;
    if (!keyboard) {
      return (
        <g className="cursor-pointer" onClick={() => open(datum)}>
          {bar}
        </g>
      );
    }
    const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      open(datum);
    };
    return (
      <g
        role="link"
        tabIndex={0}
        aria-label={name}
        className="group cursor-pointer outline-none"
        onClick={() => open(datum)}
        onKeyDown={onKeyDown}
      >
        {bar}
        <rect
          x={x - 2}
          y={y - 2}
          width={width + 4}
          height={height + 4}
          rx={3}
          fill="none"
          strokeWidth={2}
          className="stroke-transparent group-hover:stroke-zinc-400 group-focus-visible:stroke-accent-600"
        />
      </g>
    );
  };
}
