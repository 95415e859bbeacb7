"""llama.cpp's HTTP server (the code of `llama-server`, hosted by the xllamacpp wheel)
on 127.0.0.1 with one GGUF, for the real-server tests.

Usage: python llama_server.py MODEL.gguf PORT ALIAS
Prints one line `READY <url>` once the model is loaded and the server listens; runs
until SIGTERM or SIGINT.
"""

import os
import signal
import sys

import xllamacpp as xlc


def main() -> None:
    model, port, alias = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    # Block the stop signals before the server's threads start, so they inherit the
    # mask and sigwait below is the one place that receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    p = xlc.CommonParams()
    p.model.path = model
    p.model_alias = {alias}
    p.hostnames = ["127.0.0.1"]
    p.port = port
    # Two slots of 2048 tokens: interleaved requests are served concurrently.
    p.n_parallel = 2
    p.n_ctx = 4096
    # One thread each for decode and prefill: the test machine has 2 cores, shared.
    p.cpuparams.n_threads = 1
    p.cpuparams_batch.n_threads = 1
    # Every request prefills its whole prompt (the per-request `cache_prompt: false`
    # made the server default), so the timing comparison is on a cold prefill.
    p.cache_prompt = False
    # /metrics: cumulative prompt and decode seconds, read before and after a request.
    p.endpoint_metrics = True
    server = xlc.Server(p)
    print(f"READY {server.listening_address}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    # The server's threads are not joined on purpose: the process is done.
    os._exit(0)


if __name__ == "__main__":
    main()
