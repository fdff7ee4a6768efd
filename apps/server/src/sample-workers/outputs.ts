/**
 * What the built-in sample workers answer for the examples' task types (`examples/`): small,
 * plausible outputs computed from the task's input, so the examples run to COMPLETED and their
 * outputs read like a kitchen, not like test data. Pure functions; `workers.ts` adds the delays.
 * @module
 */

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;

const count = (value: unknown, fallback: number, max: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0
    ? Math.min(value, max)
    : fallback;

const items = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];

/** Task type → output of a sample worker. */
export const SAMPLE_OUTPUTS: Readonly<Record<string, (input: Input) => Output>> = {
  // PB&J (pbj-v1.json, pbj-v2.json)
  get_bread: (i) => {
    const bread = text(i['breadType'], 'white');
    const n = count(i['slices'], 2, 8);
    return {
      breadType: bread,
      slices: Array.from({ length: n }, (_, k) => `${bread} slice ${k + 1}`),
    };
  },
  get_peanut_butter: (i) => ({
    jar: i['crunchy'] === true ? 'crunchy peanut butter' : 'smooth peanut butter',
  }),
  get_jelly: (i) => ({ jar: `${text(i['flavor'], 'grape')} jelly` }),
  get_knife: () => ({ knife: 'butter knife' }),
  spread_peanut_butter: (i) => ({
    slice: `${text(i['slice'], 'a slice')} spread with ${text(i['peanutButter'], 'peanut butter')}`,
  }),
  spread_jelly: (i) => ({
    slice: `${text(i['slice'], 'a slice')} spread with ${text(i['jelly'], 'jelly')}`,
  }),
  assemble_sandwich: (i) => ({
    sandwich: `${text(i['peanutButterSlice'], 'a peanut butter slice')} on ${text(i['jellySlice'], 'a jelly slice')}`,
  }),
  cut_sandwich: (i) => ({
    sandwich: `${text(i['sandwich'], 'a sandwich')}, cut ${text(i['style'], 'in half')}`,
    pieces: 2,
  }),
  // Frozen burrito (frozen-burrito.json)
  unwrap_burrito: () => ({ burrito: 'frozen bean burrito' }),
  bake: (i) => ({
    burrito: `${text(i['burrito'], 'burrito')}, baked ${count(i['minutes'], 20, 240)} min at ${count(i['temperatureC'], 200, 300)} °C`,
  }),
  zap: (i) => ({
    burrito: `${text(i['burrito'], 'burrito')}, microwaved ${count(i['seconds'], 60, 600)} s`,
  }),
  flip: (i) => ({ burrito: `${text(i['burrito'], 'burrito')}, flipped` }),
  serve_burrito: (i) => ({
    served: `a hot burrito from the ${text(i['ovenType'], 'microwave') === 'oven' ? 'oven' : 'microwave'}`,
  }),
  // Order fulfilment (order-fulfilment.json, order-fulfilment-shipping.json)
  validate_order: (i) => {
    const list = items(i['items']);
    return {
      valid: list.length > 0,
      itemCount: list.length,
      parcelCount: Math.max(1, Math.ceil(list.length / 3)),
    };
  },
  reserve_item: (i) => {
    const list = items(i['items']);
    const index = count(i['index'], 1, 10_000);
    const item = list[index - 1];
    return item === undefined
      ? { reserved: false, reason: `no item ${index}` }
      : { reserved: true, sku: text(item['sku'], 'unknown'), qty: count(item['qty'], 1, 1_000) };
  },
  create_shipping_label: (i) => ({
    labelId: `LBL-${text(i['orderId'], 'order')}`,
    address: text(i['address'], 'unknown address'),
    parcels: count(i['parcels'], 1, 100),
  }),
  book_courier: (i) => ({
    trackingNumber: `TRK-${text(i['label'], 'label').replace(/^LBL-/, '')}`,
    pickup: text(i['pickupWindow'], 'next-business-day'),
  }),
  notify_customer: (i) => ({
    notified: true,
    message: `Order ${text(i['orderId'], '?')} is on its way (tracking ${text(i['trackingNumber'], 'pending')})`,
  }),
};

/** The task types the sample workers complete. */
export const SAMPLE_TASK_TYPES: readonly string[] = Object.keys(SAMPLE_OUTPUTS);
