export * from './partial-date';
export { CalendarKind, DatePrecisionKind } from './calendar.enum';
export { PartialDateScalar } from './partial-date.scalar';
export * from './date-range';
