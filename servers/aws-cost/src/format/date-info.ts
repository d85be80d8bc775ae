import { renderTable } from '@sre-agent/shared';
import { addDays, type DateInfo, namedPeriod, PERIOD_NAMES } from '../periods.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatDateInfo(info: DateInfo, now: Date): string {
  const weekday = WEEKDAYS[now.getUTCDay()];
  const { currentMonth: cm, previousMonth: pm } = info;
  const periods = PERIOD_NAMES.map((name) => {
    const p = namedPeriod(name, now);
    return [name, p.start, addDays(p.end, -1), String(p.days)];
  });
  return [
    `Today (UTC): ${info.today}, ${weekday}; now ${info.now}`,
    `This month: ${cm.start} to ${cm.end} (day ${cm.daysElapsed} of ${cm.daysInMonth}; its costs are estimated until the bill is final)`,
    `Last month: ${pm.start} to ${pm.end}`,
    `Cost Explorer data: from ${info.earliestAvailable} (current month + 13 before it); hourly data from ${info.hourlyEarliest}`,
    '',
    'Named periods (dates inclusive):',
    renderTable(['PERIOD', 'START', 'END', 'DAYS'], periods),
    '',
    'No Cost Explorer requests made.',
  ].join('\n');
}
