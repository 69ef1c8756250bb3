// Tracing and metrics for {{projectName}}'s LLM calls (OpenTelemetry traces, Prometheus metrics).
// Call setupMonitoring() once at start-up, then wrap each model call (example model {{model}}{{assumedNote}}):
//   const { llmCall } = require('./monitoring/tracing');
//   const answer = await llmCall({{q model}}, async (call) => { const r = await client...; call.inputTokens = ...; return r; });
// Traces go to OTEL_EXPORTER_OTLP_ENDPOINT; metrics are served on METRICS_PORT (default 9464) and match
// monitoring/alerts.yaml. Needs: @opentelemetry/api, @opentelemetry/sdk-node, @opentelemetry/exporter-trace-otlp-http, prom-client.
'use strict';
const http = require('node:http');
const { trace } = require('@opentelemetry/api');
const client = require('prom-client');

const SERVICE_NAME = process.env.OTEL_SERVICE_NAME || {{q serviceName}};
const PRICE_PER_1K_INPUT = Number(process.env.LLM_PRICE_PER_1K_INPUT || '0.00015');
const PRICE_PER_1K_OUTPUT = Number(process.env.LLM_PRICE_PER_1K_OUTPUT || '0.0006');

const labelNames = ['service', 'model'];
const requestSeconds = new client.Histogram({ name: 'llm_request_duration_seconds', help: 'LLM call latency', labelNames, buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] });
const requests = new client.Counter({ name: 'llm_requests_total', help: 'LLM calls by outcome', labelNames: [...labelNames, 'status'] });
const tokens = new client.Counter({ name: 'llm_tokens_total', help: 'Tokens used', labelNames: [...labelNames, 'direction'] });
const costUsd = new client.Counter({ name: 'llm_cost_usd_total', help: 'Estimated spend in USD', labelNames });
const fallbacks = new client.Counter({ name: 'llm_fallbacks_total', help: 'Answers replaced by a fallback', labelNames });
const refusals = new client.Counter({ name: 'llm_refusals_total', help: 'Answers where the model or a guardrail refused', labelNames });

function setupMonitoring() {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
  new NodeSDK({ serviceName: SERVICE_NAME, traceExporter: new OTLPTraceExporter() }).start();
  http.createServer(async (_req, res) => {
    res.setHeader('Content-Type', client.register.contentType);
    res.end(await client.register.metrics());
  }).listen(Number(process.env.METRICS_PORT || '9464'));
}

async function llmCall(model, fn) {
  const call = { inputTokens: 0, outputTokens: 0, fallback: false, refusal: false };
  const labels = { service: SERVICE_NAME, model };
  const stop = requestSeconds.startTimer(labels);
  const span = trace.getTracer(SERVICE_NAME).startSpan(`chat ${model}`, { attributes: { 'gen_ai.request.model': model } });
  let status = 'ok';
  try {
    return await fn(call);
  } catch (err) {
    status = 'error';
    throw err;
  } finally {
    stop();
    requests.inc({ ...labels, status });
    tokens.inc({ ...labels, direction: 'input' }, call.inputTokens);
    tokens.inc({ ...labels, direction: 'output' }, call.outputTokens);
    costUsd.inc(labels, (call.inputTokens / 1000) * PRICE_PER_1K_INPUT + (call.outputTokens / 1000) * PRICE_PER_1K_OUTPUT);
    if (call.fallback) fallbacks.inc(labels);
    if (call.refusal) refusals.inc(labels);
    span.setAttribute('gen_ai.usage.input_tokens', call.inputTokens);
    span.setAttribute('gen_ai.usage.output_tokens', call.outputTokens);
    span.end();
  }
}

module.exports = { setupMonitoring, llmCall };
