"""Memory and CPU of this process and all its descendants, sampled in a thread while a benchmark runs.

Used by the benchmarks whose work runs in child processes (ingest workers, Spark's JVM and Python
workers): PSS summed over the tree counts pages the processes share once, which RSS would count again.
"""

from __future__ import annotations

import threading
import time

import psutil


class TreeMemory:
    """Every `interval` seconds: the summed PSS of the tree (kept with its time, for `at`), the largest
    single RSS, the JVM's PSS and each process's CPU seconds; peaks kept. One last sample on exit."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.samples: list[tuple[float, int]] = []  # (seconds since start, summed PSS)
        self.peak_pss = self.peak_rss = self.last_pss = self.jvm_peak = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds last seen (user + system)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._t0 = time.perf_counter()

    def sample(self) -> tuple[int, int]:
        """(summed PSS, largest single RSS) of the tree now."""
        me = psutil.Process()
        pss = rss = jvm = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                info = proc.memory_full_info()
                t = proc.cpu_times()
                java = proc.name() == "java"
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue  # a worker that has just been replaced
            pss += info.pss
            rss = max(rss, info.rss)
            jvm += info.pss if java else 0
            self.cpu[proc.pid] = t.user + t.system
        self.samples.append((time.perf_counter() - self._t0, pss))
        self.last_pss = pss
        self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
        self.jvm_peak = max(self.jvm_peak, jvm)
        return pss, rss

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def at(self, fraction: float, start: float, end: float) -> int:
        """The largest sample up to that fraction of the [start, end] interval."""
        cut = start + fraction * (end - start)
        return max((p for t, p in self.samples if t <= cut), default=0)
