import * as echarts from 'echarts';
const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 320 });
c.setOption({ grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true }, legend: {data:['a','b']}, xAxis: { type: 'category', data: ['2026-01','2026-02','2026-03','2026-04'], boundaryGap: false }, yAxis: [{type:'value'},{type:'value'}], series: [{ type: 'line', name:'a', data: [1,2,3,4] },{ type: 'line', name:'b', yAxisIndex:1, data: [0.1,0.2,0.3,0.4] }] });
for (const x of [50, 300, 400, 790]) {
  console.log(x, c.containPixel({ gridIndex: 0 }, [x, 38]), c.convertFromPixel({ xAxisIndex: 0 }, x));
}
