// Orders driven by a shop's webhook through the machine's own HTTP API (README, "HTTP API mappers"): no State
// Backed token, the handler checks the shop's shared secret and vouches for the caller with its authContext.
import { createMachine, assign } from "xstate";

export const allowRead = () => true;
export const allowWrite = ({ authContext }) => authContext.source === "shop";

const signed = (headers) => {
  if (headers["x-shop-secret"] !== "s3cret") throw new Error("the webhook's secret is wrong");
};

// pays the order the query names, creating it if need be
const payForTheOrderInTheQuery = ({ query }) => ({
  machineInstanceName: query.order,
  event: "pay",
  authContext: { source: "shop" },
  initialContext: { orderId: query.order, total: 0 },
});

export const httpApiMapper = {
  orders: {
    handler: ({ body, headers, method }) => {
      signed(headers);
      console.log(`webhook ${method} ${body.type} for ${body.orderId}`);
      return {
        machineInstanceName: body.orderId,
        event: { type: body.type, amount: body.amount },
        authContext: { source: "shop" },
        initialContext: { orderId: body.orderId, total: 0 },
      };
    },
    responseMapper: ({ state, context, result }) => {
      console.log(`answering for ${context.orderId} in ${state}`);
      return {
        statusCode: state === "open" ? 202 : 200,
        headers: { "X-Order-State": state },
        body: { orderId: context.orderId, state, total: context.total, result },
      };
    },
  },
  // events for orders that must exist already: no initialContext
  existing: {
    handler: async ({ query }) => ({
      machineInstanceName: query.order,
      event: query.event,
      authContext: { source: "shop" },
    }),
  },
  // the request as the handler saw it, kept in the context and answered back
  echo: {
    handler: (request) => ({
      machineInstanceName: request.query.order,
      event: { type: "record", request },
      authContext: { source: "shop" },
      initialContext: { orderId: request.query.order, total: 0 },
    }),
    responseMapper: ({ context }) => ({ statusCode: 200, body: context.lastRequest }),
  },
  text: {
    handler: ({ query }) => ({
      machineInstanceName: query.order,
      event: "record",
      authContext: { source: "shop" },
      initialContext: { orderId: query.order, total: 0 },
    }),
    responseMapper: ({ context }) => ({
      statusCode: 200,
      headers: { "content-type": "text/csv" },
      body: `order,total\n${context.orderId},${context.total}`,
    }),
  },
  forged: {
    handler: ({ query }) => ({
      machineInstanceName: query.order,
      event: "pay",
      authContext: { source: "someone else" },
      initialContext: { orderId: query.order, total: 0 },
    }),
  },
  throws: {
    handler: () => {
      console.error("about to refuse");
      throw new Error("refused by the handler on purpose");
    },
  },
  loops: {
    handler: () => {
      for (;;) {}
    },
  },
  "bad-instance-name": {
    handler: () => ({ machineInstanceName: "not/a name", event: "pay", authContext: {} }),
  },
  "response-throws": {
    handler: payForTheOrderInTheQuery,
    responseMapper: () => {
      throw new Error("the response mapper threw on purpose");
    },
  },
  "response-loops": {
    handler: payForTheOrderInTheQuery,
    responseMapper: () => {
      for (;;) {}
    },
  },
  "response-is-not-one": {
    handler: payForTheOrderInTheQuery,
    responseMapper: () => ({ statusCode: 99, body: "no" }),
  },
};

export default createMachine({
  predictableActionArguments: true,
  initial: "open",
  context: { orderId: null, total: 0, lastRequest: null },
  on: {
    record: { actions: assign({ lastRequest: (_, e) => e.request ?? null }) },
  },
  states: {
    open: {
      on: {
        add: { actions: assign({ total: (ctx, e) => ctx.total + (e.amount ?? 0) }) },
        pay: "paid",
      },
    },
    paid: {
      on: { ship: "shipped" },
    },
    shipped: {
      type: "final",
      data: (ctx) => ({ shippedOrder: ctx.orderId, charged: ctx.total }),
    },
  },
});
