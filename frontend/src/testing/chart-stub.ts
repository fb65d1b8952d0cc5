import { defineComponent, h } from 'vue';

/** Stands in for BaseChart (happy-dom has no canvas 2D context): a canvas with the label. */
export const ChartStub = defineComponent({
  name: 'BaseChart',
  props: { type: { type: String, required: true }, label: { type: String, required: true }, testid: { type: String, default: 'chart' } },
  setup: (props) => () => h('canvas', { role: 'img', 'aria-label': props.label, 'data-testid': props.testid, 'data-type': props.type }),
});
