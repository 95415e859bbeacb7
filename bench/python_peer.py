"""The Python peers of the benchmark: the same measurements as the JavaScript
peers, made in Python against the same fake provider, for three clients:

  litellm    litellm.completion(model='openai/...', api_base=..., api_key=...)
  edgequake  edgequake_python.completion(...), the same call (a drop-in)
  openai     openai.OpenAI(base_url=..., api_key=...).chat.completions.create(...)

Prints one JSON object.

  python bench/python_peer.py <overhead|throughput|ttft|memory|load> --client NAME --base URL [--quick] ...

Run by bench/run.mjs (see bench/lib/python.mjs); wrong output exits non-zero.
"""

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time

API_KEY = "sk-bench"
MB = 1024 * 1024
MODULES = {"litellm": "litellm", "edgequake": "edgequake_python", "openai": "openai"}


def percentile(xs, p):
    """Nearest-rank percentile, as bench/lib/stats.mjs computes it."""
    s = sorted(xs)
    rank = -(-p * len(s) // 100)  # ceil
    return s[min(len(s) - 1, max(0, rank - 1))]


class Client:
    """One client's way to make the benchmark's calls: whole, streamed (yielding
    text pieces), and streamed under asyncio."""

    def __init__(self, args):
        self.args = args
        self.name = args.client
        if self.name == "openai":
            import openai

            self.sync = openai.OpenAI(base_url=args.base, api_key=API_KEY, max_retries=0)
            self.aio = None  # made inside the running loop
        else:
            import importlib

            self.mod = importlib.import_module(MODULES[self.name])
            if self.name == "litellm":
                # LiteLLM stops a stream that repeats one chunk 100 times (a looping-model
                # guard); the throughput reply is 10,000 identical chunks by design.
                self.mod.REPEATED_STREAMING_CHUNK_LIMIT = args.chunks + 1
        self.last_stream = None

    def _kwargs(self, messages, **extra):
        return dict(model=f"openai/{self.args.model}", messages=messages, api_base=self.args.base, api_key=API_KEY, **extra)

    def complete(self, messages):
        if self.name == "openai":
            r = self.sync.chat.completions.create(model=self.args.model, messages=messages)
        else:
            r = self.mod.completion(**self._kwargs(messages))
        return r.choices[0].message.content

    def stream(self, messages):
        """Yields each chunk's text (None for chunks without any)."""
        if self.name == "openai":
            s = self.sync.chat.completions.create(model=self.args.model, messages=messages, stream=True)
        else:
            s = self.mod.completion(**self._kwargs(messages, stream=True))
        self.last_stream = s
        for c in s:
            yield c.choices[0].delta.content if c.choices else None

    async def astream(self, messages):
        if self.name == "openai":
            if self.aio is None:
                import openai

                self.aio = openai.AsyncOpenAI(base_url=self.args.base, api_key=API_KEY, max_retries=0)
            s = await self.aio.chat.completions.create(model=self.args.model, messages=messages, stream=True)
        else:
            s = await self.mod.acompletion(**self._kwargs(messages, stream=True))
        async for c in s:
            yield c.choices[0].delta.content if c.choices else None


def overhead(args):
    client = Client(args)
    warmup, calls = (20, 200) if args.quick else (200, 2000)
    messages = [{"role": "user", "content": "Say the pangram."}]
    us = []
    for i in range(warmup + calls):
        t0 = time.perf_counter()
        text = client.complete(messages)
        dt = time.perf_counter() - t0
        if text != args.reply:
            raise SystemExit(f"call {i}: wrong reply {text!r}, expected {args.reply!r}")
        if i >= warmup:
            us.append(dt * 1e6)
    return {"p50_us": percentile(us, 50), "p99_us": percentile(us, 99), "mean_us": statistics.fmean(us), "calls": calls}


def throughput(args):
    client = Client(args)
    # LiteLLM delivers about a thousand chunks a second, so one 10,000-chunk reply
    # takes ~10 s: it gets fewer repetitions.
    reps = 3 if args.client == "litellm" else 15
    warmup, reps = (0, 1) if args.quick else (1, reps)
    messages = [{"role": "user", "content": "Stream a long reply."}]
    rates = []
    for i in range(warmup + reps):
        n = chars = 0
        t0 = time.perf_counter()
        for t in client.stream(messages):
            if t:
                n += 1
                chars += len(t)
        dt = time.perf_counter() - t0
        if n != args.chunks or chars != args.chunks * len(args.chunk_text):
            raise SystemExit(f"rep {i}: got {n} chunks / {chars} chars, expected {args.chunks}")
        if i >= warmup:
            rates.append(args.chunks / dt)
    return {"chunks_per_s": statistics.median(rates), "reps": [round(r) for r in rates]}


def ttft(args):
    client = Client(args)
    warmup, calls = (1, 3) if args.quick else (1, 10)
    messages = [{"role": "user", "content": "Answer after a pause."}]
    errs, socket = [], []
    for i in range(warmup + calls):
        first = None
        text = ""
        t0 = time.perf_counter()
        for t in client.stream(messages):
            if t:
                if first is None:
                    first = time.perf_counter()
                text += t
        if text != args.reply:
            raise SystemExit(f"call {i}: wrong text {text!r}")
        if i < warmup:
            continue
        errs.append((first - t0) * 1000 - args.delay)
        timing = getattr(client.last_stream, "timing", None)
        if isinstance(timing, dict) and timing.get("first_token_ms") is not None:
            socket.append(timing["first_token_ms"] - args.delay)
    return {
        "consumer_error_ms": statistics.median(errs),
        "socket_error_ms": statistics.median(socket) if socket else None,
        "samples": errs,
    }


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def settle():
    for _ in range(3):
        gc.collect()
        await asyncio.sleep(0.02)
    return rss_bytes()


async def memory_async(args):
    client = Client(args)
    messages = [{"role": "user", "content": "Start and then wait."}]

    async def one(opened):
        async for t in client.astream(messages):
            if t and not opened.done():
                if t != args.first:
                    raise RuntimeError(f"first chunk {t!r}, expected {args.first!r}")
                opened.set_result(None)
        raise RuntimeError("stream ended before it was cancelled (the server should stall)")

    async def open_all(n):
        loop = asyncio.get_running_loop()
        opened = [loop.create_future() for _ in range(n)]
        tasks = [asyncio.create_task(one(o)) for o in opened]
        waits = [asyncio.ensure_future(o) for o in opened]
        done, _ = await asyncio.wait(waits, timeout=60)
        for t in tasks:
            if t.done() and t.exception():
                raise t.exception()
        if len(done) < n:
            raise RuntimeError(f"only {len(done)} of {n} streams got their first chunk within 60 s")
        return tasks

    async def close_all(tasks):
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    await close_all(await open_all(1))  # warm-up through the same path
    before = await settle()
    tasks = await open_all(args.streams)
    after = await settle()
    await close_all(tasks)
    return {"streams": args.streams, "rss_mb": (after - before) / MB, "heap_mb": None, "rss_before_mb": before / MB}


def memory(args):
    # LiteLLM's aiohttp transport opens at most 500 connections per host by
    # default; raise its documented limits so all the streams can be open at once.
    for var in ("AIOHTTP_CONNECTOR_LIMIT", "AIOHTTP_CONNECTOR_LIMIT_PER_HOST"):
        os.environ[var] = str(max(args.streams + 10, int(os.environ.get(var, "0") or 0)))
    return asyncio.run(memory_async(args))


def load(args):
    module = MODULES[args.client]
    code = (
        f"import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000, flush=True)\n"
        "import os; os._exit(0)"  # skip interpreter teardown: not part of the load
    )
    runs = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    ms = statistics.median(runs)
    # One Python import: the same figure stands for both of the JS variants.
    return {"require_ms": ms, "import_ms": ms, "runs": runs}


MODES = {"overhead": overhead, "throughput": throughput, "ttft": ttft, "memory": memory, "load": load}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=MODES)
    ap.add_argument("--client", choices=MODULES, default="litellm")
    ap.add_argument("--base", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--model", default="gpt-4o-mini")
    ap.add_argument("--reply", default="")
    ap.add_argument("--chunks", type=int, default=10000)
    ap.add_argument("--chunk-text", default="tok")
    ap.add_argument("--delay", type=float, default=200)
    ap.add_argument("--streams", type=int, default=1000)
    ap.add_argument("--first", default="first")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    result = MODES[args.mode](args)
    print(json.dumps(result), flush=True)
    # LiteLLM's exit handlers and interpreter teardown take seconds and are not
    # part of any measurement.
    os._exit(0)


if __name__ == "__main__":
    main()
