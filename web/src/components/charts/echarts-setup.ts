import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Only the chart types and parts the portal draws, so the bundle carries no more of ECharts. SVG rather
 * than canvas: labels are text in the page (crisp at any zoom, found by the browser's search, and
 * measurable, so the browser tests can tell overlapping labels apart).
 */
use([SVGRenderer, BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent]);
