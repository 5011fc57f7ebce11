export { describeRange } from '../../core/describe-range.ts';
