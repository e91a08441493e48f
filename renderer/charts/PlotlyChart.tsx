/**
 * The one Plotly wrapper: draws `data`/`layout` with Plotly.react into a div, purges on unmount,
 * and offers PNG and SVG export through the bridge (a save dialog on desktop, a download in the
 * browser). House layout: system font, no mode bar, colour-blind-safe colorway, readable sizes.
 */
import Plotly from 'plotly.js-dist-min';
import type { Data, Layout } from 'plotly.js-dist-min';
import { useEffect, useRef } from 'react';
import { getBridge } from '../bridge/bridge';
import { OKABE_ITO } from './palette';

export type PlotlyChartProps = {
  title: string;
  data: Data[];
  layout?: Partial<Layout>;
  height?: number;
  /** File name stem for exports. */
  exportName: string;
};

const BASE_LAYOUT: Partial<Layout> = {
  font: { family: 'Inter, "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif', size: 12, color: '#1d2733' },
  colorway: [...OKABE_ITO],
  margin: { l: 56, r: 16, t: 16, b: 44 },
  paper_bgcolor: '#ffffff',
  plot_bgcolor: '#ffffff',
  showlegend: true,
  legend: { orientation: 'h', y: -0.2 },
};

export function PlotlyChart({ title, data, layout, height = 300, exportName }: PlotlyChartProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    void Plotly.react(el, data, { ...BASE_LAYOUT, height, ...layout, xaxis: { gridcolor: '#e8ecf0', ...layout?.xaxis }, yaxis: { gridcolor: '#e8ecf0', ...layout?.yaxis } }, { displayModeBar: false, responsive: true, staticPlot: false });
  }, [data, layout, height]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el !== null) Plotly.purge(el);
    };
  }, []);

  async function exportAs(format: 'png' | 'svg'): Promise<void> {
    const el = ref.current;
    if (el === null) return;
    const url = await Plotly.toImage(el, { format, width: 1000, height: Math.round((height / 300) * 600), scale: format === 'png' ? 2 : 1 });
    const content = format === 'svg' ? decodeURIComponent(url.slice(url.indexOf(',') + 1)) : base64ToBytes(url.slice(url.indexOf(',') + 1));
    await getBridge().exportFile({ suggestedName: `${exportName}.${format}`, content, extensions: [format] });
  }

  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-actions">
          <button type="button" className="btn btn-small" onClick={() => void exportAs('png')} aria-label={`Export ${title} as PNG`}>
            PNG
          </button>
          <button type="button" className="btn btn-small" onClick={() => void exportAs('svg')} aria-label={`Export ${title} as SVG`}>
            SVG
          </button>
        </span>
      </figcaption>
      <div ref={ref} className="chart-body" style={{ height }} role="img" aria-label={title} />
    </figure>
  );
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
