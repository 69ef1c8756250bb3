"""Tracing and metrics for {{projectName}}'s LLM calls (OpenTelemetry traces, Prometheus metrics).

Call setup_monitoring() once at start-up, then wrap each model call (example model {{model}}{{assumedNote}}):

    from monitoring.tracing import llm_call, setup_monitoring
    setup_monitoring()
    with llm_call(model={{q model}}) as call:
        response = client.chat.completions.create(...)
        call["input_tokens"] = response.usage.prompt_tokens
        call["output_tokens"] = response.usage.completion_tokens

Traces go to the OTLP endpoint in OTEL_EXPORTER_OTLP_ENDPOINT (any OpenTelemetry backend, Langfuse included);
metrics are served for Prometheus on METRICS_PORT (default 9464) and match monitoring/alerts.yaml.
Needs: opentelemetry-sdk, opentelemetry-exporter-otlp-proto-http, prometheus-client.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from prometheus_client import Counter, Histogram, start_http_server

SERVICE_NAME = os.environ.get("OTEL_SERVICE_NAME", {{q serviceName}})
# Price per 1,000 tokens in USD, for the cost metric; keep in line with your provider's price list.
PRICE_PER_1K_INPUT = float(os.environ.get("LLM_PRICE_PER_1K_INPUT", "0.00015"))
PRICE_PER_1K_OUTPUT = float(os.environ.get("LLM_PRICE_PER_1K_OUTPUT", "0.0006"))

REQUEST_SECONDS = Histogram("llm_request_duration_seconds", "LLM call latency", ["service", "model"],
                            buckets=(0.25, 0.5, 1, 2, 4, 8, 16, 32, 64))
REQUESTS = Counter("llm_requests", "LLM calls by outcome", ["service", "model", "status"])
TOKENS = Counter("llm_tokens", "Tokens used", ["service", "model", "direction"])
COST_USD = Counter("llm_cost_usd", "Estimated spend in USD", ["service", "model"])
FALLBACKS = Counter("llm_fallbacks", "Answers replaced by a fallback (another model, a canned reply, a human)", ["service", "model"])
REFUSALS = Counter("llm_refusals", "Answers where the model or a guardrail refused", ["service", "model"])

_tracer = trace.get_tracer(SERVICE_NAME)


def setup_monitoring() -> None:
    """Installs the OpenTelemetry tracer provider and starts the Prometheus metrics endpoint."""
    provider = TracerProvider(resource=Resource.create({"service.name": SERVICE_NAME}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    start_http_server(int(os.environ.get("METRICS_PORT", "9464")))
    try:  # automatic spans for the OpenAI client when the instrumentation package is installed
        from opentelemetry.instrumentation.openai import OpenAIInstrumentor

        OpenAIInstrumentor().instrument()
    except ImportError:
        pass


@contextmanager
def llm_call(model: str, operation: str = "chat"):
    """Times one call to `model`, the id your code sends to the provider.

    Set input_tokens, output_tokens, fallback or refusal on the yielded dict.
    """
    call = {"input_tokens": 0, "output_tokens": 0, "fallback": False, "refusal": False}
    status = "ok"
    start = time.perf_counter()
    with _tracer.start_as_current_span(f"{operation} {model}") as span:
        span.set_attribute("gen_ai.request.model", model)
        span.set_attribute("gen_ai.operation.name", operation)
        try:
            yield call
        except Exception:
            status = "error"
            raise
        finally:
            labels = {"service": SERVICE_NAME, "model": model}
            REQUEST_SECONDS.labels(**labels).observe(time.perf_counter() - start)
            REQUESTS.labels(status=status, **labels).inc()
            TOKENS.labels(direction="input", **labels).inc(call["input_tokens"])
            TOKENS.labels(direction="output", **labels).inc(call["output_tokens"])
            COST_USD.labels(**labels).inc(call["input_tokens"] / 1000 * PRICE_PER_1K_INPUT
                                          + call["output_tokens"] / 1000 * PRICE_PER_1K_OUTPUT)
            if call["fallback"]:
                FALLBACKS.labels(**labels).inc()
            if call["refusal"]:
                REFUSALS.labels(**labels).inc()
            span.set_attribute("gen_ai.usage.input_tokens", call["input_tokens"])
            span.set_attribute("gen_ai.usage.output_tokens", call["output_tokens"])
