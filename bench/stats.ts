/** The middle value (the upper one of an even count); the input is left unsorted. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** How a propagation measurement is reported: median and worst case, whole milliseconds. */
export const medianAndMax = (times: number[]) => ({ median: Math.round(median(times)), max: Math.round(Math.max(...times)) });
