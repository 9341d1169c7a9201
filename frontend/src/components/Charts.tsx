import { formatScore } from '../lib/format';
import { sentimentLevel } from '../lib/sentiment';

export const PALETTE = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

export interface BarItem {
  label: string;
  value: number | null;
  title?: string;
}

/** Horizontal bars on a 0–100 scale; the numbers are drawn too, so the chart reads without colour. */
export function BarChart({ items, label, max = 100, testId }: { items: BarItem[]; label: string; max?: number; testId?: string }) {
  const rowHeight = 30;
  const labelWidth = 120;
  const width = 420;
  const barArea = width - labelWidth - 50;
  const height = items.length * rowHeight + 10;
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} width="100%" preserveAspectRatio="xMinYMin meet">
        {items.map((item, index) => {
          const y = index * rowHeight + 5;
          const value = item.value ?? 0;
          const barWidth = Math.max(0, Math.min(1, value / max)) * barArea;
          return (
            <g key={`${item.label}-${index}`}>
              <title>{item.title ?? `${item.label}: ${formatScore(item.value)}`}</title>
              <text x={labelWidth - 8} y={y + rowHeight / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
                {item.label.length > 18 ? `${item.label.slice(0, 17)}…` : item.label}
              </text>
              <rect x={labelWidth} y={y + 4} width={barArea} height={rowHeight - 10} className="chart-track" rx={3} />
              {item.value !== null && (
                <rect x={labelWidth} y={y + 4} width={barWidth} height={rowHeight - 10} fill={PALETTE[index % PALETTE.length]} rx={3} />
              )}
              <text x={labelWidth + barArea + 6} y={y + rowHeight / 2} dominantBaseline="middle" className="chart-value">
                {formatScore(item.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}

export interface SentimentPoint {
  x: number;
  y: number;
  label: string;
  emotion: string | null;
  /** The point's name on the axis (e.g. its question's real number); else `xLabel(x)`. */
  tick?: string;
}

const LEVEL_COLOUR = { positive: '#059669', neutral: '#6b7280', negative: '#dc2626', pending: '#9ca3af' } as const;

/** Sentiment (-1..1) of each answer in order, as a line with a zero baseline. */
export function SentimentChart({
  points,
  label,
  xLabel,
  testId = 'sentiment-chart',
}: {
  points: SentimentPoint[];
  label: string;
  xLabel: (n: number) => string;
  testId?: string;
}) {
  const width = 420;
  const height = 200;
  const pad = { left: 36, right: 36, top: 14, bottom: 30 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const xs = (n: number) => pad.left + (points.length <= 1 ? innerW / 2 : ((n - 1) / (points.length - 1)) * innerW);
  const ys = (v: number) => pad.top + ((1 - Math.max(-1, Math.min(1, v))) / 2) * innerH;
  const path = points.map((point, index) => `${index ? 'L' : 'M'}${xs(point.x).toFixed(1)},${ys(point.y).toFixed(1)}`).join(' ');
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} width="100%">
        {[1, 0.5, 0, -0.5, -1].map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={ys(tick)} y2={ys(tick)} className={tick === 0 ? 'chart-zero' : 'chart-grid'} />
            <text x={pad.left - 6} y={ys(tick)} textAnchor="end" dominantBaseline="middle" className="chart-axis">
              {tick}
            </text>
          </g>
        ))}
        <path d={path} className="chart-line" fill="none" />
        {points.map((point) => (
          <g key={point.x}>
            <title>{`${point.tick ?? xLabel(point.x)}: ${point.y.toFixed(2)}${point.emotion ? ` (${point.emotion})` : ''}${point.label ? ` — ${point.label}` : ''}`}</title>
            <circle cx={xs(point.x)} cy={ys(point.y)} r={5} fill={LEVEL_COLOUR[sentimentLevel(point.y)]} />
            <text x={xs(point.x)} y={height - 10} textAnchor="middle" className="chart-axis">
              {point.tick ?? xLabel(point.x)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

export interface Series {
  name: string;
  values: (number | null)[];
}

/** Vertical bars grouped by metric, one colour per series (candidate), with a legend. */
export function GroupedBarChart({ groups, series, label }: { groups: string[]; series: Series[]; label: string }) {
  const width = 460;
  const height = 230;
  const pad = { left: 34, right: 8, top: 12, bottom: 34 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const groupW = innerW / Math.max(1, groups.length);
  const barW = Math.max(4, Math.min(28, (groupW - 12) / Math.max(1, series.length)));
  const ys = (v: number) => pad.top + (1 - Math.max(0, Math.min(100, v)) / 100) * innerH;
  return (
    <figure className="chart" data-testid="compare-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} width="100%">
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={ys(tick)} y2={ys(tick)} className="chart-grid" />
            <text x={pad.left - 6} y={ys(tick)} textAnchor="end" dominantBaseline="middle" className="chart-axis">
              {tick}
            </text>
          </g>
        ))}
        {groups.map((group, g) => {
          const start = pad.left + g * groupW + (groupW - barW * series.length) / 2;
          return (
            <g key={group}>
              {series.map((s, i) => {
                const value = s.values[g];
                if (value === null || value === undefined) return null;
                return (
                  <rect key={s.name} x={start + i * barW} y={ys(value)} width={barW - 2} height={ys(0) - ys(value)} fill={PALETTE[i % PALETTE.length]}>
                    <title>{`${s.name} — ${group}: ${formatScore(value)}`}</title>
                  </rect>
                );
              })}
              <text x={pad.left + g * groupW + groupW / 2} y={height - 14} textAnchor="middle" className="chart-axis">
                {group}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
