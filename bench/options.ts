// Value parsers the bench scripts' command lines share (commander calls them on an option's
// text; an InvalidArgumentError becomes commander's one-line error and a non-zero exit).
import { InvalidArgumentError } from 'commander';

export function positiveNumber(text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new InvalidArgumentError('expected a positive number');
  return v;
}

export function wholeNumber(text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return v;
}
