/** One line of the chart: a workload's median throughput per client count, with its min–max range. */
export interface ChartSeries {
  name: string;
  points: { clients: number; median: number; min: number; max: number }[];
}

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 56, right: 150, top: 32, bottom: 44 };
const COLORS = ['#4c72b0', '#dd8452', '#55a868', '#c44e52', '#8172b3', '#937860'];

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (char) => `&#${String(char.charCodeAt(0))};`);

/** A round axis maximum above `value`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}

/**
 * Throughput against client count as a small self-contained SVG: client counts evenly spaced (they are
 * a sweep like 4, 16, 48, not a continuum), a line through the medians and a bar from min to max.
 */
export function throughputChart(series: readonly ChartSeries[], title: string): string {
  const counts = [...new Set(series.flatMap((line) => line.points.map((point) => point.clients)))].sort(
    (a, b) => a - b,
  );
  const top = niceCeiling(Math.max(0, ...series.flatMap((line) => line.points.map((point) => point.max))));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (clients: number): number =>
    MARGIN.left +
    (counts.length === 1 ? plotWidth / 2 : (counts.indexOf(clients) * plotWidth) / (counts.length - 1));
  const y = (rate: number): number => MARGIN.top + plotHeight - (rate / top) * plotHeight;
  const fmt = (value: number): string => value.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(WIDTH)}" height="${String(HEIGHT)}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${String(MARGIN.left)}" y="20" font-size="14">${escapeXml(title)}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (top * tick) / 4;
    parts.push(
      `<line x1="${String(MARGIN.left)}" x2="${String(MARGIN.left + plotWidth)}" y1="${fmt(y(value))}" y2="${fmt(y(value))}" stroke="#ddd"/>`,
      `<text x="${String(MARGIN.left - 6)}" y="${fmt(y(value) + 4)}" text-anchor="end">${String(value)}</text>`,
    );
  }
  for (const clients of counts) {
    parts.push(
      `<text x="${fmt(x(clients))}" y="${String(HEIGHT - MARGIN.bottom + 16)}" text-anchor="middle">${String(clients)}</text>`,
    );
  }
  parts.push(
    `<text x="${String(MARGIN.left + plotWidth / 2)}" y="${String(HEIGHT - 8)}" text-anchor="middle">clients</text>`,
    `<text transform="translate(14 ${String(MARGIN.top + plotHeight / 2)}) rotate(-90)" text-anchor="middle">tx/s</text>`,
  );
  series.forEach((line, index) => {
    const color = COLORS[index % COLORS.length] ?? 'black';
    const points = [...line.points].sort((a, b) => a.clients - b.clients);
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((point) => `${fmt(x(point.clients))},${fmt(y(point.median))}`).join(' ')}"/>`,
    );
    for (const point of points) {
      parts.push(
        `<line x1="${fmt(x(point.clients))}" x2="${fmt(x(point.clients))}" y1="${fmt(y(point.min))}" y2="${fmt(y(point.max))}" stroke="${color}"/>`,
        `<circle cx="${fmt(x(point.clients))}" cy="${fmt(y(point.median))}" r="3" fill="${color}"/>`,
      );
    }
    const legendY = MARGIN.top + 14 + index * 18;
    parts.push(
      `<rect x="${String(WIDTH - MARGIN.right + 12)}" y="${String(legendY - 9)}" width="10" height="10" fill="${color}"/>`,
      `<text x="${String(WIDTH - MARGIN.right + 28)}" y="${String(legendY)}">${escapeXml(line.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
