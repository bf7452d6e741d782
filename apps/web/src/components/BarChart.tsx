import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([Bars, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Bar {
  label: string;
  /** null: withheld (drawn as nothing, named in the caption). */
  value: number | null;
}

/**
 * A bar chart (ECharts, only the parts it needs). Horizontal when the labels are long. The numbers are also
 * in the page's tables and its CSV: the chart is for the eye, `label` names it for a screen reader.
 */
export function BarChart({ bars, label, horizontal = false, height = 240, testId }: { bars: Bar[]; label: string; horizontal?: boolean; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    const categories = { type: 'category' as const, data: bars.map((b) => b.label), axisLabel: { interval: 0, width: horizontal ? 110 : 80, overflow: 'truncate' as const } };
    const values = { type: 'value' as const, minInterval: 1 };
    chart.setOption({
      grid: { left: horizontal ? 120 : 40, right: 16, top: 16, bottom: horizontal ? 24 : 48 },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? values : categories,
      yAxis: horizontal ? { ...categories, inverse: true } : values,
      series: [{ type: 'bar', data: bars.map((b) => b.value), itemStyle: { color: '#1677ff' }, label: { show: true, position: horizontal ? 'right' : 'top' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [bars, horizontal]);
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
