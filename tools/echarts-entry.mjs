// The ECharts that Clover's page loads as the global `echarts` (tools/build-bundles.mjs
// bundles this file with esbuild into target/js/echarts.clover.min.js; Trunk copies that
// into dist/). Only what Clover's charts use is registered, instead of the whole library.
//
// When a chart needs more (a new series type, markLine, a toolbox, the SVG renderer...),
// import it here and add it to `use`: an option ECharts has no component for is ignored
// without an error in this production build, so a missing entry shows as a missing part
// of a chart, not as a console message.
import { use } from 'echarts/core';
// Series. Graph: the network view (force and circular layouts).
import { BarChart, LineChart, FunnelChart, HeatmapChart, GraphChart } from 'echarts/charts';
// Components. Tooltip brings the axis pointer (tooltip trigger: axis); DataZoom brings
// both the inside and slider kinds, VisualMap both continuous and piecewise; Grid is the
// cartesian coordinate system with its axes; MarkLine the journey's "leaders active" line.
import {
  TitleComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  VisualMapComponent,
  MarkLineComponent,
} from 'echarts/components';
// charming's wasm renderer calls echarts.init without a renderer option: canvas.
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  FunnelChart,
  HeatmapChart,
  GraphChart,
  TitleComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  VisualMapComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

// The global's API: charming calls echarts.init (instances then give setOption, resize,
// dispose and getDataURL). The rest is for code that finds or themes charts by hand.
// echarts/core registers the built-in 'light' and 'dark' themes itself.
export { init, dispose, getInstanceByDom, registerTheme, use, version } from 'echarts/core';
