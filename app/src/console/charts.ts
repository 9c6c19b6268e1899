// Charts with Apache ECharts (only the parts used, so the bundle stays small), drawn on canvas
// with the system's CJK font. Each chart keeps its data on the element (`data-series`) so that
// tests and screen readers get the numbers, not only the picture.

import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: number[];
}

/** A bar (or line) chart of `series` over `categories`, in a new element with `data-testid`. */
export function chart(testid: string, title: string, categories: string[], series: Series[], { kind = 'bar', stack = false, height = 260 } = {}): HTMLElement {
  const el = document.createElement('div');
  el.className = 'chart';
  el.dataset.testid = testid;
  el.style.height = `${height}px`;
  el.dataset.series = JSON.stringify({ categories, series });
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', title);
  // Drawn once the element is in the page (ECharts needs its size).
  requestAnimationFrame(() => {
    const c = echarts.getInstanceByDom(el) ?? echarts.init(el, undefined, { renderer: 'canvas' });
    c.setOption({
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 24, type: 'scroll' },
      grid: { top: 60, left: 40, right: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.some((c) => c.length > 6) ? 20 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ name: s.name, type: kind, data: s.values, stack: stack ? 'all' : undefined, label: { show: kind === 'bar' && !stack, position: 'top' } })),
      animation: false,
    });
  });
  return el;
}
