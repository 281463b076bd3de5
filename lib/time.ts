// Display times are Malaysia time whatever the server's zone.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kuala_Lumpur',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `dd-MM-yyyy HH:mm` in Asia/Kuala_Lumpur, as in the seed guide. */
export function formatMyDateTime(at: Date): string {
  const p = Object.fromEntries(dateTime.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}
